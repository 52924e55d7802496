// Runs `examine` over batches, inline or on a worker thread. Small imports stay inline (a
// worker costs tens of milliseconds to start); large ones move to a worker after the first
// batch, so examining overlaps with splitting and storing.
import { Worker } from 'node:worker_threads';
import type { SplitItem } from '../domain/bundle/splitter.ts';
import { examine, type Examined } from '../domain/ingest/examine.ts';

/** What ingest needs of an examined object; the parsed object itself is not sent between threads. */
export type ExaminedLite =
  | Exclude<Examined, { ok: true }>
  | { ok: true; prepared: Extract<Examined, { ok: true }>['prepared']; upgrades: string[] };

/** What of an examination crosses threads. */
export function lite(r: Examined): ExaminedLite {
  return r.ok ? { ok: true, prepared: r.prepared, upgrades: r.upgrades } : r;
}

/** Examines a batch in this thread (inline, or inside the worker). */
export function examineBatch(texts: string[]): ExaminedLite[] {
  return texts.map((t) => lite(examine(t)));
}

/** Objects longer than this (characters of JSON) are examined on the calling thread. */
const INLINE_CHARS = 4 * 2 ** 20;

/** Examines batches in submission order. */
export class Examiner {
  private worker: Worker | undefined;
  private readonly waiting: { texts: string[]; resolve: (r: ExaminedLite[]) => void }[] = [];
  private batches = 0;

  /** Examines one batch; batches resolve in the order they were submitted. */
  run(texts: string[]): Promise<ExaminedLite[]> {
    this.batches++;
    // A very large object is examined here: parsed, it could exceed the worker's heap limit,
    // and V8 aborts the whole process when a worker's heap overflows while parsing.
    if (this.batches === 1 || texts.some((t) => t.length > INLINE_CHARS)) return Promise.resolve(examineBatch(texts));
    const worker = this.worker ?? this.start();
    return new Promise((resolve) => {
      this.waiting.push({ texts, resolve });
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
    // Heap limits: examining allocates much short-lived garbage (parsed objects), and a lazily
    // collected heap is RSS that a 1 GB import's 512 MiB budget cannot spare (issue 2 §8; without
    // them the import measured 540 MiB). A batch is at most 2,000 objects and 8 Mi characters
    // (ingest.service.ts), each at most INLINE_CHARS: far below the limit.
    const w = new Worker(new URL('./examine.worker.ts', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 },
    });
    w.on('message', (r: ExaminedLite[]) => this.waiting.shift()?.resolve(r));
    w.on('error', () => {
      // Any failure of the thread: what it had is examined here; the next batch starts a new one.
      if (this.worker === w) this.worker = undefined;
      for (const p of this.waiting.splice(0)) p.resolve(examineBatch(p.texts));
    });
    this.worker = w;
    return w;
  }
}

/**
 * Examines split items in batches (on a worker for large inputs) and hands the results to the
 * run in input order. At most two batches wait at once, which bounds memory.
 */
export class ExaminePipeline {
  private readonly run: { add(item: SplitItem, r: ExaminedLite): Promise<void> };
  private readonly limits: { items: number; chars: number };
  private readonly examiner = new Examiner();
  private items: SplitItem[] = [];
  private itemChars = 0;
  private readonly queue: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();

  /** `run` takes each result in input order; a batch is submitted at `limits` items or characters. */
  constructor(run: { add(item: SplitItem, r: ExaminedLite): Promise<void> }, limits: { items: number; chars: number }) {
    this.run = run;
    this.limits = limits;
  }

  async push(items: SplitItem[]): Promise<void> {
    for (const item of items) {
      this.items.push(item);
      this.itemChars += item.text.length;
      if (this.items.length >= this.limits.items || this.itemChars >= this.limits.chars) await this.submit();
    }
  }

  /** Submits what is buffered and waits until every result was handed over. */
  async drain(): Promise<void> {
    if (this.items.length > 0) await this.submit();
    while (this.queue.length > 0) await this.queue.shift();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.queue.splice(0));
    await this.examiner.close();
  }

  private async submit(): Promise<void> {
    const items = this.items;
    this.items = [];
    this.itemChars = 0;
    const results = this.examiner.run(items.map((i) => i.text));
    const previous = this.tail;
    this.tail = (async () => {
      const examined = await results;
      await previous;
      for (let i = 0; i < items.length; i++) await this.run.add(items[i] as SplitItem, examined[i] as ExaminedLite);
    })();
    // Handled here so that a failure waiting in the queue is not an unhandled rejection;
    // drain() still sees it.
    this.tail.catch(() => undefined);
    this.queue.push(this.tail);
    if (this.queue.length > 2) await this.queue.shift();
  }
}
