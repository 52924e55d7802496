// The HTTP side of pulling a TAXII 2.1 feed: GETs with the TAXII media type (§1.6.8, §3.1) and
// the feed's credentials (§1.6.9), retried with backoff on network errors, 408, 429 and 5xx
// (domain/feeds/backoff.ts); any other 4xx fails at once with the URL and status.
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, retryAfterMs, type BackoffPolicy } from '../domain/feeds/backoff.ts';
import type { FeedAuth } from '../domain/feeds/types.ts';
import { TAXII_MEDIA_TYPE } from '../domain/taxii/media.ts';
import { ConcordError } from '../errors.ts';

/** §1.6.8.1: the media type of TAXII 2.1 resources, the one the client accepts. */
export const TAXII_ACCEPT = TAXII_MEDIA_TYPE;

/** A peer that answered with an error, or could not be reached after every try. */
export class FeedHttpError extends ConcordError {
  constructor(message: string, details: { url: string; httpStatus?: number }) {
    super('FEED_HTTP', message, details);
  }

  /** The peer's HTTP status, when it answered. */
  get httpStatus(): number | undefined {
    const s = this.details['httpStatus'];
    return typeof s === 'number' ? s : undefined;
  }
}

/** A TAXII response: the parsed body and the headers the pull needs. */
export interface TaxiiResponse {
  /** The parsed body; its text with `parse: false`. */
  body: unknown;
  headers: Headers;
  /** §3.2 X-TAXII-Date-Added-Last, when sent. */
  dateAddedLast: string | null;
  /** The response's Date header as ISO 8601, when sent. */
  serverDate: string | null;
  bytes: number;
}

export interface TaxiiClientOptions {
  auth: FeedAuth;
  policy?: BackoffPolicy;
  /** Per-try time limit. */
  timeoutMs?: number;
  /** Stops waiting and retrying (scheduler shutdown). */
  signal?: AbortSignal;
  /** Replaceable in tests. */
  fetch?: typeof fetch;
  /** False: hand back the body's text, for a caller that parses it elsewhere (federation
   *  parses pages on its verifying threads). Default true. */
  parse?: boolean;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

function authorization(auth: FeedAuth): string | undefined {
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  if (auth.kind === 'token') return `Bearer ${auth.token}`;
  return undefined;
}

/** What a TAXII error resource (§3.6.1) says, for the message. */
function errorText(text: string): string {
  try {
    const b: unknown = JSON.parse(text);
    if (b !== null && typeof b === 'object' && 'title' in b) {
      const r = b as { title?: unknown; description?: unknown };
      return `: ${String(r.title)}${typeof r.description === 'string' ? ` (${r.description})` : ''}`;
    }
  } catch {
    // Not a TAXII error resource; the status says enough.
  }
  return text.length > 0 && text.length < 200 ? `: ${text}` : '';
}

/** One peer's TAXII API as this node's client sees it. */
export class TaxiiClient {
  private readonly o: TaxiiClientOptions;
  private readonly policy: BackoffPolicy;

  constructor(options: TaxiiClientOptions) {
    this.o = options;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
  }

  /** GETs a TAXII resource, retrying what may succeed later. */
  async get(url: string): Promise<TaxiiResponse> {
    const wait = this.o.wait ?? ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, signal ? { signal } : {}));
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once(url);
      if ('response' in outcome) return outcome.response;
      const last = attempt >= this.policy.tries;
      if (!outcome.retry || last) {
        const tries = attempt > 1 ? ` (after ${attempt} tries)` : '';
        throw new FeedHttpError(`GET ${url}: ${outcome.reason}${tries}`, {
          url,
          ...(outcome.status !== undefined ? { httpStatus: outcome.status } : {}),
        });
      }
      const delayMs = outcome.retryAfter ?? backoffDelay(attempt, this.policy);
      this.o.onRetry?.({ url, attempt, delayMs, reason: outcome.reason });
      await wait(delayMs, this.o.signal);
    }
  }

  private async once(
    url: string,
  ): Promise<{ response: TaxiiResponse } | { retry: boolean; reason: string; status?: number; retryAfter?: number }> {
    const headers: Record<string, string> = { accept: TAXII_ACCEPT };
    const auth = authorization(this.o.auth);
    if (auth) headers['authorization'] = auth;
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 60_000);
    const signal = this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await (this.o.fetch ?? fetch)(url, { headers, signal, redirect: 'follow' });
      text = await res.text();
    } catch (e) {
      // The caller's own abort is not the network's fault: stop at once.
      if (this.o.signal?.aborted) throw e;
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
      return { retry: true, reason: `${e instanceof Error ? e.message : String(e)}${cause}` };
    }
    if (!res.ok) {
      const retryAfter = retryAfterMs(res.headers.get('retry-after'), Date.now());
      // HTTP/2 has no reason phrase; the standard one names the status for people.
      const reason = `HTTP ${res.status} ${res.statusText || STATUS_CODES[res.status] || ''}${errorText(text)}`;
      return { retry: isRetryableStatus(res.status), reason, status: res.status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    }
    let body: unknown = text;
    try {
      if (this.o.parse !== false) body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (e) {
      return { retry: false, reason: `the response is not JSON (${e instanceof Error ? e.message : String(e)})`, status: res.status };
    }
    const date = res.headers.get('date');
    const serverDate = date !== null && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : null;
    return {
      response: {
        body,
        headers: res.headers,
        dateAddedLast: res.headers.get('x-taxii-date-added-last'),
        serverDate,
        bytes: Buffer.byteLength(text),
      },
    };
  }
}
