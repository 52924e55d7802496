// The main thread's side of the index writer thread (index.worker.ts). A large batch's derived
// rows go to the thread as soon as the batch's seqs are known; the thread writes them into the
// index file while this thread writes `objects` into the main file, so the two cores share the
// writes (bench/RESULTS.md, 2026-11-22 evening).
//
// Lock order, for crash safety and against deadlocks: every writer locks the main file, then the
// index file. The main thread holds the main file's write lock (its IMMEDIATE transaction) until
// the thread has locked the index file, and tells it to commit only after the main file
// committed: so the index file commits batches in the main file's order and never ahead of it
// (index-file.ts recovers what it lacks after a crash).
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { DerivedBatch } from './derived.ts';

/** Values of the shared state word. */
export const IDLE = 0;
export const LOCKED = 1;
export const FAILED = 2;

/** What the thread is started with. */
export interface IndexWorkerData {
  path: string;
  /** The main file, which the thread's checkpointer thread checkpoints (checkpoint.worker.ts). */
  mainPath: string;
  state: SharedArrayBuffer;
}

export type ToIndexWorker = { kind: 'batch'; batch: DerivedBatch } | { kind: 'commit' } | { kind: 'rollback' } | { kind: 'close' };

/** Pragmas of a connection to the index file, for `schema` on that connection. Here rather than
 *  in index-file.ts, so that the thread does not load the ingest domain that recovery needs. */
export function indexFilePragmas(db: Database.Database, schema: string, cacheKiB: number): void {
  db.pragma(`${schema}.journal_mode = WAL`);
  db.pragma(`${schema}.synchronous = NORMAL`);
  db.pragma(`${schema}.cache_size = -${cacheKiB}`);
  db.pragma(`${schema}.mmap_size = 0`);
  db.pragma(`${schema}.journal_size_limit = 268435456`);
}

/** How long close() lets the thread finish before terminating it. */
const CLOSE_WAIT_MS = 10_000;

/** Longer than the thread's busy_timeout (5 s), so a busy index file fails there first. */
const LOCK_WAIT_MS = 10_000;

/** One index writer thread for one store. */
export class IndexWriter {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  /** Callers of end(), answered in order: the thread handles its messages in order. */
  private readonly waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private broken: Error | undefined;

  /** `path` is the index file, `mainPath` the main file. */
  constructor(path: string, mainPath: string) {
    this.worker = new Worker(new URL('./index.worker.ts', import.meta.url), {
      workerData: { path, mainPath, state: this.state.buffer } satisfies IndexWorkerData,
      // Its heap holds a batch or two of derived rows; limits keep the import's RSS within its
      // budget. A batch with more derived data than fits far below them goes through the main
      // connection instead (insert.ts, PARALLEL_MAX_CHARS): V8 aborts the whole process when a
      // worker's heap overflows.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
    });
    this.worker.on('message', (m: { ok: boolean; message?: string }) =>
      this.settle(m.ok ? undefined : new Error(`index file: ${m.message}`)),
    );
    this.worker.on('error', (e: Error) => {
      this.broken = e;
      while (this.waiting.length > 0) this.settle(e);
    });
    // Idle between batches: it must not keep the process alive.
    this.worker.unref();
  }

  /** True once the thread died (then a new writer replaces this one). */
  get failed(): boolean {
    return this.broken !== undefined;
  }

  /** Hands over a batch; the thread starts its transaction and writes the rows. */
  begin(batch: DerivedBatch): void {
    if (this.broken) throw this.broken;
    Atomics.store(this.state, 0, IDLE);
    this.worker.ref();
    this.worker.postMessage({ kind: 'batch', batch } satisfies ToIndexWorker);
  }

  /**
   * Blocks until the thread holds the index file's write lock. Called inside the main file's
   * transaction: it is synchronous, so no other work on the main connection can interleave.
   */
  awaitLocked(): void {
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (Atomics.load(this.state, 0) === IDLE) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.state, 0, IDLE, left) === 'timed-out')
        throw new Error('index file: the index writer did not start its transaction in time');
    }
    if (Atomics.load(this.state, 0) === FAILED) throw new Error('index file: the index writer could not lock the index file');
  }

  /** Commits (after the main file committed) or rolls back the thread's transaction. */
  end(commit: boolean): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ kind: commit ? 'commit' : 'rollback' } satisfies ToIndexWorker);
    });
  }

  /** Stops the thread once it closed its connections (the last one to close a file checkpoints
   *  its WAL back into it). */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' } satisfies ToIndexWorker);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  private settle(error: Error | undefined): void {
    const w = this.waiting.shift();
    // Idle again: nothing for the process to wait for (a batch begun refs it again).
    if (this.waiting.length === 0) this.worker.unref();
    if (!w) return;
    if (error) w.reject(error);
    else w.resolve();
  }
}
