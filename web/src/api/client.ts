// The one HTTP client of the UI: same-origin requests with the session cookie, the session's
// CSRF token on every change (the API's synchroniser-token rule), problem documents as errors.

/** An API error: the problem document's status, stable code and detail. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole problem document: its extra members name the field at fault (`field`, `errors`). */
  readonly problem: Readonly<Record<string, unknown>>;
  constructor(status: number, code: string, detail: string, problem: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.problem = problem;
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from login or /auth/me). */
export function setCsrf(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON body. */
  json?: unknown;
  /** A raw body (an uploaded file). */
  body?: Blob;
  contentType?: string;
}

async function problem(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let detail = res.statusText;
  let body: Record<string, unknown> = {};
  try {
    const p = (await res.json()) as { code?: string; detail?: string; title?: string } & Record<string, unknown>;
    code = p.code ?? code;
    detail = p.detail ?? p.title ?? detail;
    body = p;
  } catch {
    // Not a problem document: the status says enough.
  }
  return new ApiError(res.status, code, detail, body);
}

/** Calls `/api/v1{path}` and returns the parsed JSON (undefined for 204). */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    body = opts.body;
  }
  const res = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' });
  if (!res.ok) throw await problem(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
}
