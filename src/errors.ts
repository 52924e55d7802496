// Typed errors with stable codes. The HTTP layer maps them to problem+json; the CLI prints
// code and message. The domain throws these and never imports HTTP (CONVENTIONS.md, Errors).
// Every code, and every quarantine reason, is in ERRORS with its HTTP status (issue 14, item 5;
// the model is fastify's lib/errors.js): a code not in the table is a type error.

/** The HTTP statuses Concord answers errors with (RFC 9110 §15.5, §15.6; RFC 6585 §4). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 406 | 409 | 413 | 415 | 422 | 429 | 500 | 502;

/** One code: its status, whether it is thrown, kept as a quarantine reason or both, and what it means. */
export interface CodeInfo {
  status: ErrorStatus;
  kind: 'error' | 'quarantine' | 'both';
  what: string;
}

/** Every stable code. A quarantine reason's status is the one it would be answered with as an error. */
export const ERRORS = {
  // Input
  INVALID_INPUT: { status: 400, kind: 'both', what: 'Input that is not acceptable: a bad filter, cursor, field or argument.' },
  JSON_MALFORMED: { status: 400, kind: 'both', what: 'JSON text that cannot be read; `offset` is the byte where reading stopped.' },
  STIX_INVALID: { status: 422, kind: 'both', what: 'A STIX object or bundle that breaks the STIX 2.1 specification.' },
  BODY_TOO_LARGE: { status: 413, kind: 'error', what: 'A request body over the configured limit.' },
  BAD_REQUEST: { status: 400, kind: 'error', what: 'A request Fastify refused without a code of its own (its status is kept).' },
  REPORT_INCOMPLETE: {
    status: 422,
    kind: 'error',
    what: 'A NIS2 report missing what its stage requires (Art. 23(4)); `errors` lists each field with the rule requiring it.',
  },
  // Markings and access
  MARKING_INVALID: { status: 422, kind: 'both', what: 'A marking definition, or set of markings, Concord cannot interpret safely.' },
  DISTRIBUTION_INCONSISTENT: { status: 422, kind: 'both', what: "A TLP that does not permit the object's distribution." },
  NOT_FOUND: { status: 404, kind: 'error', what: 'Something that does not exist, or that the caller may not know exists.' },
  CONFLICT: { status: 409, kind: 'error', what: 'A write that clashes with what is held: a name already taken, a stale state.' },
  ACCESS_DENIED: { status: 403, kind: 'error', what: 'An authenticated caller whose roles do not allow the operation.' },
  NOT_OWNER: { status: 403, kind: 'both', what: 'A new version of an object another organisation, or another node, owns.' },
  NOT_PERMITTED: { status: 403, kind: 'quarantine', what: "An object of a type the writer's roles may not create." },
  VERSION_CONFLICT: { status: 409, kind: 'quarantine', what: 'A version already held with different content (STIX 2.1 §3.6).' },
  RETRACTED: {
    status: 409,
    kind: 'quarantine',
    what: 'A version its origin retracted (purged as shared by mistake); it is never accepted again.',
  },
  // Authentication
  AUTH_REQUIRED: { status: 401, kind: 'error', what: 'A request without valid credentials: none, unknown, expired or revoked.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, kind: 'error', what: 'A user whose password someone else set must change it first.' },
  LOGIN_THROTTLED: { status: 429, kind: 'error', what: 'Too many failed logins: slowed (`retryAfter` seconds) or locked.' },
  // Federation
  PEER_AUTH_FAILED: { status: 401, kind: 'error', what: "A peer's request whose signature, key or date is not accepted." },
  PEER_ANSWER_INVALID: { status: 502, kind: 'error', what: 'A peer answer that is an error, or that its pinned key did not sign.' },
  PEER_UNSIGNED: { status: 422, kind: 'quarantine', what: 'An object from a peer without a Concord provenance signature.' },
  PEER_SIGNATURE_INVALID: { status: 422, kind: 'quarantine', what: 'An object from a peer whose provenance signature does not hold.' },
  PEER_ORIGIN_UNKNOWN: { status: 422, kind: 'quarantine', what: 'An object signed by a key that is not pinned on this node.' },
  PEER_ORIGIN_MISMATCH: { status: 422, kind: 'quarantine', what: 'An object claiming an organisation its signing node does not host.' },
  PEER_TYPE_REFUSED: { status: 403, kind: 'quarantine', what: "An object of a type the peer's inbound policy does not accept." },
  PEER_GROUP_CONFLICT: { status: 409, kind: 'quarantine', what: "An object whose sharing group is this node's own or another node's." },
  // Feeds and TAXII 2.1 (§3.1, §5.5)
  FEED_HTTP: { status: 502, kind: 'error', what: 'A feed that answered with an error, or could not be reached after every try.' },
  NOT_ACCEPTABLE: { status: 406, kind: 'error', what: 'An Accept header without the TAXII 2.1 media type.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'error', what: 'A request body whose Content-Type is not accepted.' },
  UNPROCESSABLE: { status: 422, kind: 'error', what: 'A TAXII body that is not an envelope of objects, or cannot be processed.' },
  // The node itself
  CONFIG_INVALID: { status: 500, kind: 'error', what: 'Configuration that cannot be used; raised once at start-up.' },
  AUDIT_BROKEN: { status: 500, kind: 'error', what: 'The audit log lost its head record: run `concord audit verify`.' },
  INTERNAL: { status: 500, kind: 'error', what: 'An unexpected failure; the server log has it under the request id.' },
} as const satisfies Record<string, CodeInfo>;

/** Every stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** The codes an object may be quarantined with (kind 'quarantine' or 'both'). */
export type QuarantineReason = { [C in ErrorCode]: (typeof ERRORS)[C]['kind'] extends 'error' ? never : C }[ErrorCode];

/** Whether `code` is a code of the table. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** Whether `code` may be a quarantine reason. */
export function isQuarantineReason(code: string): code is QuarantineReason {
  return isErrorCode(code) && ERRORS[code].kind !== 'error';
}

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
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  /** The status is the code's, from ERRORS. */
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ConcordError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

/** Input that is not acceptable (bad filter, bad cursor, malformed request). */
export class InvalidInputError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_INPUT', message, details);
  }
}

/** A NIS2 report missing what its stage requires: well-formed input (so 422, not 400) that the
 *  Directive does not accept; `errors` names every missing field with its rule (issue 16, must 4). */
export class ReportIncompleteError extends ConcordError {
  constructor(stage: string, errors: readonly { field: string; rule: string; message: string }[] = []) {
    const list = Array.isArray(errors) ? errors : [];
    super('REPORT_INCOMPLETE', `the ${stage} report is missing ${list.map((e) => e.field).join(', ')}`, {
      field: list[0]?.field,
      errors: list,
    });
  }
}

/** A STIX object or bundle that breaks the specification. */
export class StixInvalidError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('STIX_INVALID', message, details);
  }
}

/** A bundle whose JSON text is broken; `offset` is the byte where reading stopped. */
export class JsonMalformedError extends ConcordError {
  constructor(message: string, offset: number) {
    super('JSON_MALFORMED', message, { offset });
  }
}

/** A request body over the configured limit. */
export class PayloadTooLargeError extends ConcordError {
  constructor(limit: number, setting: string) {
    super('BODY_TOO_LARGE', `the body is larger than the ${limit}-byte limit (${setting})`, { limit });
  }
}

/** Something that does not exist, or that the caller may not know exists. */
export class NotFoundError extends ConcordError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${what} not found`, details);
  }
}

/** Configuration that cannot be used; raised once at start-up. */
export class ConfigError extends ConcordError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

/** A request without valid credentials: none, unknown, expired or revoked (RFC 9110 §15.5.2). */
export class UnauthorizedError extends ConcordError {
  constructor(message = 'authentication required') {
    super('AUTH_REQUIRED', message);
  }
}

/** An authenticated caller whose role does not allow the operation. Never used for objects the
 *  caller may not read: those answer exactly as missing ones (NotFoundError). */
export class ForbiddenError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ACCESS_DENIED', message, details);
  }
}

/** A write that clashes with what is held (a name already taken, a stale state). */
export class ConflictError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** A session or HTTP Basic user whose password someone else set must change it first. */
export class PasswordChangeRequiredError extends ConcordError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'choose a new password first: PATCH /api/v1/users/{your id} with {"password": …}');
  }
}

/** Too many failed logins: slowed (`retryAfter` seconds) or locked until an administrator unlocks. */
export class LoginThrottledError extends ConcordError {
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number) {
    super('LOGIN_THROTTLED', message, { retryAfter });
    this.retryAfter = retryAfter;
  }
}

/** A TLP that does not permit the object's distribution (DESIGN.md, Markings, distribution and access). */
export class DistributionInconsistentError extends ConcordError {
  constructor(tlp: string, distribution: string) {
    super('DISTRIBUTION_INCONSISTENT', `TLP:${tlp.toUpperCase()} does not permit distribution '${distribution}'`, {
      tlp,
      distribution,
    });
  }
}

/** A marking definition, or an object's set of markings, that Concord cannot interpret safely. */
export class MarkingInvalidError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('MARKING_INVALID', message, details);
  }
}

/** A request from a peer node whose signature, key or date is not accepted (issue 5, item 5). */
export class PeerAuthError extends ConcordError {
  constructor(message: string) {
    super('PEER_AUTH_FAILED', message);
  }
}

/** A peer node that answered a signed request with an error, or with an answer its pinned key did not sign. */
export class PeerAnswerError extends ConcordError {
  constructor(message: string) {
    super('PEER_ANSWER_INVALID', message);
  }
}

/** The audit log's head record is gone: only tampering removes it (`concord audit verify` says what happened). */
export class AuditBrokenError extends ConcordError {
  constructor(message: string) {
    super('AUDIT_BROKEN', message);
  }
}

/** A new version, revocation or marking change of an object another organisation owns: only its
 *  owner publishes versions of it (issue 3, item 5; issue 15, must 4). */
export class NotOwnerError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_OWNER', message, details);
  }
}
