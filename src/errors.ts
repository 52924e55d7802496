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
