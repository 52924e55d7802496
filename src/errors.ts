// Typed errors with stable codes. The HTTP layer maps them to problem+json; the CLI prints
// code and message. The domain throws these and never imports HTTP (CONVENTIONS.md, Errors).

/** Where in the input a problem is: a JSON path, a byte offset, a line or a pattern column. */
export interface ErrorLocation {
  objectId?: string;
  path?: string;
  offset?: number;
  line?: number;
  column?: number;
}

/** Base of every Concord error: a stable code, an HTTP status and structured detail. */
export class ConcordError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;
  constructor(code: string, status: number, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ConcordError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Input that is not acceptable (bad filter, bad cursor, malformed request). */
export class InvalidInputError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_INPUT', 400, message, details);
  }
}

/** A STIX object or bundle that breaks the specification. */
export class StixInvalidError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('STIX_INVALID', 422, message, details);
  }
}

/** A bundle whose JSON text is broken; `offset` is the byte where reading stopped. */
export class JsonMalformedError extends ConcordError {
  constructor(message: string, offset: number) {
    super('JSON_MALFORMED', 400, message, { offset });
  }
}

/** A request body over the configured limit. */
export class PayloadTooLargeError extends ConcordError {
  constructor(limit: number, setting: string) {
    super('BODY_TOO_LARGE', 413, `the body is larger than the ${limit}-byte limit (${setting})`, { limit });
  }
}

/** Something that does not exist, or that the caller may not know exists. */
export class NotFoundError extends ConcordError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', 404, `${what} not found`, details);
  }
}

/** Configuration that cannot be used; raised once at start-up. */
export class ConfigError extends ConcordError {
  constructor(message: string) {
    super('CONFIG_INVALID', 500, message);
  }
}

/** A request without valid credentials: none, unknown, expired or revoked (RFC 9110 §15.5.2). */
export class UnauthorizedError extends ConcordError {
  constructor(message = 'authentication required') {
    super('AUTH_REQUIRED', 401, message);
  }
}

/** An authenticated caller whose role does not allow the operation. Never used for objects the
 *  caller may not read: those answer exactly as missing ones (NotFoundError). */
export class ForbiddenError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ACCESS_DENIED', 403, message, details);
  }
}

/** A write that clashes with what is held (a name already taken, a stale state). */
export class ConflictError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', 409, message, details);
  }
}

/** A session or HTTP Basic user whose password someone else set must change it first. */
export class PasswordChangeRequiredError extends ConcordError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 403, 'choose a new password first: PATCH /api/v1/users/{your id} with {"password": …}');
  }
}

/** Too many failed logins: slowed (`retryAfter` seconds) or locked until an administrator unlocks. */
export class LoginThrottledError extends ConcordError {
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number) {
    super('LOGIN_THROTTLED', 429, message, { retryAfter });
    this.retryAfter = retryAfter;
  }
}

/** A TLP that does not permit the object's distribution (DESIGN.md, Markings, distribution and access). */
export class DistributionInconsistentError extends ConcordError {
  constructor(tlp: string, distribution: string) {
    super('DISTRIBUTION_INCONSISTENT', 422, `TLP:${tlp.toUpperCase()} does not permit distribution '${distribution}'`, {
      tlp,
      distribution,
    });
  }
}

/** A marking definition, or an object's set of markings, that Concord cannot interpret safely. */
export class MarkingInvalidError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('MARKING_INVALID', 422, message, details);
  }
}

/** A request from a peer node whose signature, key or date is not accepted (issue 5, item 5). */
export class PeerAuthError extends ConcordError {
  constructor(message: string) {
    super('PEER_AUTH_FAILED', 401, message);
  }
}
