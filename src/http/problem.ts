// One error handler for the whole API: Concord errors, validation failures and Fastify's own
// errors become RFC 9457 `application/problem+json` with a stable code and the request id.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConcordError, ERRORS, LoginThrottledError, type ErrorCode } from '../errors.ts';

/** An RFC 9457 problem document with Concord's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  [extra: string]: unknown;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_INPUT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'JSON_MALFORMED',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function problem(req: FastifyRequest, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  // RFC 9457 §3.1's members come last: an error's details (`{ status: 'withdrawn' }` of a
  // request) add members, never replace the HTTP status or the code a client dispatches on.
  return {
    ...extra,
    type: `urn:concord:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: req.url,
    requestId: req.id,
  };
}

/** A problem with one of Concord's codes, at the status the table gives it. */
function coded(req: FastifyRequest, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  return problem(req, ERRORS[code].status, code, detail, extra);
}

/** Converts any thrown error into a problem document (unknown errors are logged, not shown). */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  if (err instanceof ConcordError) return problem(req, err.status, err.code, err.message, err.details);
  const fe = err as Partial<FastifyError>;
  if (fe.validation && fe.validation.length > 0) {
    const first = fe.validation[0];
    const where = `${fe.validationContext ?? 'request'}${first?.instancePath ? first.instancePath.replaceAll('/', '.') : ''}`;
    return coded(req, 'INVALID_INPUT', `${where}: ${first?.message ?? 'invalid'}`, {
      errors: fe.validation.map((v) => ({ location: fe.validationContext, path: v.instancePath, message: v.message, params: v.params })),
    });
  }
  const known = fe.code !== undefined && Object.hasOwn(FASTIFY_CODES, fe.code) ? FASTIFY_CODES[fe.code] : undefined;
  if (known !== undefined && typeof fe.statusCode === 'number') return coded(req, known, fe.message ?? 'error');
  if (typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    return problem(req, fe.statusCode, fe.code ?? ('BAD_REQUEST' satisfies ErrorCode), fe.message ?? 'error');
  }
  req.log.error({ err }, 'unhandled error');
  return coded(req, 'INTERNAL', 'internal error; see the server log for this request id');
}

/** Fastify error handler sending problem+json. */
export function sendProblem(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const p = toProblem(err, req);
  // RFC 9110 §11.6.1: a 401 names the schemes the server accepts; RFC 6585 §4: a 429 may say when to retry.
  if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="concord", Basic realm="concord"');
  if (err instanceof LoginThrottledError) reply.header('retry-after', String(err.retryAfter));
  void reply.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}
