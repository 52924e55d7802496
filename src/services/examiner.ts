// Runs `examine` over batches, inline or on a worker thread. Small imports stay inline (a
// worker costs tens of milliseconds to start); large ones move to a worker after the first
// batch, so examining overlaps with splitting and storing.
import { Worker } from 'node:worker_threads';
import { examine, type Examined } from '../domain/ingest/examine.ts';

/** What ingest needs of an examined object; the parsed object itself is not sent between threads. */
export type ExaminedLite = Exclude<Examined, { ok: true }> | { ok: true; prepared: Extract<Examined, { ok: true }>['prepared']; upgrades: string[] };

/** Examines a batch in this thread (inline, or inside the worker). */
export function examineBatch(texts: string[]): ExaminedLite[] {
  return texts.map((t) => {
    const r = examine(t);
    return r.ok ? { ok: true, prepared: r.prepared, upgrades: r.upgrades } : r;
  });
}

/** Examines batches in submission order. */
export class Examiner {
  private worker: Worker | undefined;
  private readonly waiting: { resolve: (r: ExaminedLite[]) => void; reject: (e: Error) => void }[] = [];
  private batches = 0;

  /** Examines one batch; batches resolve in the order they were submitted. */
  run(texts: string[]): Promise<ExaminedLite[]> {
    this.batches++;
    if (this.batches === 1) return Promise.resolve(examineBatch(texts));
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      worker.postMessage(texts);
    });
  }

  /** Stops the worker, if one was started. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const w = new Worker(new URL('./examine.worker.ts', import.meta.url));
    w.on('message', (r: ExaminedLite[]) => this.waiting.shift()?.resolve(r));
    w.on('error', (e: Error) => {
      for (const p of this.waiting.splice(0)) p.reject(e);
    });
    this.worker = w;
    return w;
  }
}
