// The dashboard's store-wide counts on a thread of their own (issue 15, must 7). better-sqlite3
// is synchronous: recomputing the counts after a change (2–4 s at 100,000 objects,
// bench/RESULTS.md) on the main connection held up every other request of the node meanwhile.
// The thread (dashboard.worker.ts) runs the same Kysely repository (shared/dashboard.repo.ts) on
// its own read-only connection; in WAL mode it reads the last committed state while the main
// connection goes on reading and writing. The cheap queries (the cache key, the recent objects,
// the change feed) stay on the main connection.
import { Worker } from 'node:worker_threads';
import type { ActivityGroup, AddedVersion, LabelGroup, PlaceFacts, PlaceGroup } from '../../domain/dashboard/types.ts';
import type { StoredObject } from '../../domain/objects/types.ts';
import type { DashboardRepo } from '../repositories.ts';

/** What the thread is started with: the main file and the index file (index-file.ts). */
export interface DashboardWorkerData {
  mainPath: string;
  indexPath: string;
}

/** The repository methods the thread answers: the store-wide scans. */
export type HeavyMethod = 'labelGroups' | 'activity' | 'places' | 'placeFacts';

export interface ToDashboardWorker {
  id: number;
  method: HeavyMethod;
  args: unknown[];
}

export type FromDashboardWorker = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

/** A DashboardRepo whose scans run on the dashboard thread, the rest on `local`. */
export class ThreadedDashboardRepo implements DashboardRepo {
  /** The same repository on the main connection: the cheap queries. */
  readonly local: DashboardRepo;
  private readonly data: DashboardWorkerData;
  /** Started at the first scan: most stores opened (tests, the command line) never ask for one. */
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private closed = false;

  constructor(local: DashboardRepo, data: DashboardWorkerData) {
    this.local = local;
    this.data = data;
  }

  maxSeq(): Promise<number> {
    return this.local.maxSeq();
  }

  recent(options: Parameters<DashboardRepo['recent']>[0]): Promise<StoredObject[]> {
    return this.local.recent(options);
  }

  addedSince(after: number, limit: number): Promise<AddedVersion[]> {
    return this.local.addedSince(after, limit);
  }

  labelGroups(): Promise<LabelGroup[]> {
    return this.ask('labelGroups', []) as Promise<LabelGroup[]>;
  }

  activity(types: readonly string[]): Promise<ActivityGroup[]> {
    return this.ask('activity', [[...types]]) as Promise<ActivityGroup[]>;
  }

  places(): Promise<PlaceGroup[]> {
    return this.ask('places', []) as Promise<PlaceGroup[]>;
  }

  placeFacts(): Promise<PlaceFacts> {
    return this.ask('placeFacts', []) as Promise<PlaceFacts>;
  }

  /** Stops the thread (its connection closes with it); scans still running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new Error('dashboard thread: the store was closed'));
    if (w) await w.terminate();
  }

  private ask(method: HeavyMethod, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('dashboard thread: the store was closed'));
    this.worker ??= this.start();
    const w = this.worker;
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Busy: the process waits for the answer; idle, the thread must not keep it alive.
      w.ref();
      w.postMessage({ id, method, args } satisfies ToDashboardWorker);
    });
  }

  private start(): Worker {
    const w = new Worker(new URL('./dashboard.worker.ts', import.meta.url), { workerData: this.data });
    w.on('message', (m: FromDashboardWorker) => {
      const waiting = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) w.unref();
      if (!waiting) return;
      if (m.ok) waiting.resolve(m.value);
      else waiting.reject(new Error(`dashboard thread: ${m.message}`));
    });
    // A thread that failed (it could not open the files, it ran out of memory) rejects what
    // was asked of it; the next scan starts a new one.
    const gone = (e: Error): void => {
      if (this.worker === w) this.worker = undefined;
      this.failAll(e);
    };
    w.on('error', (e: Error) => gone(new Error(`dashboard thread: ${e.message}`)));
    w.on('exit', (code) => gone(new Error(`dashboard thread: exited with code ${code}`)));
    w.unref();
    return w;
  }

  private failAll(e: Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(e);
  }
}
