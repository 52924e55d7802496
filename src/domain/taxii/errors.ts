// Errors of TAXII 2.1 content negotiation and input (TAXII 2.1 §1.6.8, §3.1, §5.5). They are
// Concord errors with a stable code; the /taxii2 error handler renders them as the TAXII error
// resource (§3.6.1).
import { ConcordError } from '../../errors.ts';

/** §3.1: an Accept header without a TAXII 2.1 media range (406). */
export class NotAcceptableError extends ConcordError {
  constructor(accept: string) {
    super('NOT_ACCEPTABLE', `the Accept header must include application/taxii+json;version=2.1, got "${accept}"`, { accept });
  }
}

/** §3.1, §5.5: a request body whose Content-Type is not the TAXII 2.1 media type (415). */
export class UnsupportedMediaTypeError extends ConcordError {
  constructor(contentType: string) {
    super('UNSUPPORTED_MEDIA_TYPE', `the Content-Type must be application/taxii+json;version=2.1, got "${contentType}"`, {
      contentType,
    });
  }
}

/** §5.5: a body that is not an envelope of objects, or content that cannot be processed (422). */
export class UnprocessableError extends ConcordError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNPROCESSABLE', message, details);
  }
}
