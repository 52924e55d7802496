// The node's webhook (issue 16, must 7): each incident event POSTed to the URL the node configures
// (CONCORD_WEBHOOK_URL), signed so that the receiver can tell the node's posts from anyone's.
// `Concord-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with
// CONCORD_WEBHOOK_SECRET; the time in the signed text lets the receiver refuse replays (README).
// The body carries the event's kind, incident id, stage and deadline only: the webhook is the
// node's, not a reader's, so no title or description an access label protects goes out (must 11).
// Sending never blocks the request that caused it and never throws: failures are retried a few
// times with a short timeout, then logged.
import { createHmac } from 'node:crypto';
import type { Notification } from '../domain/incidents/api.ts';
import type { Stage } from '../domain/incidents/clocks.ts';

/** What the receiver gets. */
export interface WebhookPayload {
  kind: Notification['kind'];
  incidentId: string;
  stage?: Stage;
  dueAt?: string;
  /** When the node sent it (ISO 8601). */
  at: string;
}

/** Where failures are reported (pino's shape). */
export interface WebhookLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * A log whose destination is set later: services are built before the HTTP server's logger
 * (pino) exists; app.ts points it there. Until then, lines go to stderr.
 */
export class LogRelay implements WebhookLog {
  target: WebhookLog = {
    warn: (obj, msg) => console.warn(msg, obj),
    error: (obj, msg) => console.error(msg, obj),
  };

  warn(obj: object, msg: string): void {
    this.target.warn(obj, msg);
  }

  error(obj: object, msg: string): void {
    this.target.error(obj, msg);
  }
}

export interface WebhookOptions {
  url: string;
  secret: string;
  log: WebhookLog;
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
  /** Attempts in all (default 3), with a growing pause between them. */
  attempts?: number;
  /** Pause before the second attempt (default 1 s; doubled each time). */
  backoffMs?: number;
}

/** The signature header's value for `body` sent at unix second `t`. */
export function webhookSignature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Posts events to the node's webhook in the background. */
export class Webhook {
  private readonly o: Required<WebhookOptions>;
  private readonly pending = new Set<Promise<void>>();

  constructor(o: WebhookOptions) {
    this.o = { timeoutMs: 5_000, attempts: 3, backoffMs: 1_000, ...o };
  }

  /** Queues one POST and returns at once. */
  send(payload: WebhookPayload): void {
    const p = this.deliver(payload).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when every POST queued so far has succeeded or given up (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(payload: WebhookPayload): Promise<void> {
    const body = JSON.stringify(payload);
    let pause = this.o.backoffMs;
    for (let attempt = 1; attempt <= this.o.attempts; attempt++) {
      const failure = await this.post(body);
      if (failure === undefined) return;
      if (attempt === this.o.attempts) {
        this.o.log.error(
          { err: failure, incidentId: payload.incidentId, kind: payload.kind, attempts: attempt },
          'webhook delivery failed',
        );
        return;
      }
      this.o.log.warn({ err: failure, attempt }, 'webhook delivery failed; retrying');
      await new Promise((r) => setTimeout(r, pause));
      pause *= 2;
    }
  }

  /** One attempt; the failure, or undefined on a 2xx answer. */
  private async post(body: string): Promise<unknown> {
    const t = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'concord-signature': webhookSignature(this.o.secret, t, body) },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
        redirect: 'error',
      });
      await res.body?.cancel();
      return res.ok ? undefined : new Error(`HTTP ${res.status}`);
    } catch (e) {
      return e;
    }
  }
}
