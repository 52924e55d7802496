// The one runner of background work while `concord serve` runs (issue 14): periodic jobs (feeds
// due, peers due; later clocks, alerts, decay, exercise timers) and keyed work, at most one run
// per key at a time, started by a periodic pass or nudged by an event. Stopping aborts what runs
// (committed pages stay) and waits for it.

/** Where the runner and its jobs report (pino's shape). */
export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Work under a key: true is a success, false (or a throw) a failure, for backoff (`due`);
 *  nothing leaves the count of failures in a row as it was. */
// biome-ignore lint/suspicious/noConfusingVoidType: void lets work written as a plain `async () => { ... }` say "nothing"; undefined would make it return explicitly
export type Work = (signal: AbortSignal) => Promise<boolean | void>;

/** A job registered on the runner. */
export interface PeriodicJob {
  /** Names it in logs and for `tick(name)`. */
  name: string;
  /** A pass at start, then one this often (a pass still running is not overlapped). */
  everyMs: number;
  /** One pass: usually starts keyed work for what is due (`runner.run`). */
  tick(runner: JobRunner): Promise<void>;
  /** At start: subscribes listeners (a nudge starts work); returns what undoes it at stop. */
  attach?(runner: JobRunner): () => void;
}

/** Successive failures beyond this do not lengthen the backoff (2^5: 32 intervals). */
const MAX_BACKOFF_EXPONENT = 5;

/** Runs periodic jobs and keyed work; built once, at the composition root (app.ts). */
export class JobRunner {
  private readonly log: JobLog;
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly ticking = new Map<string, Promise<void>>();
  private readonly running = new Map<string, Promise<void>>();
  /** Keys nudged while their work ran: run once more after it, with the latest work given. */
  private readonly again = new Map<string, Work>();
  /** Delayed nudges waiting to fire. */
  private readonly delayed = new Map<string, { timer: NodeJS.Timeout; work: Work }>();
  private readonly failures = new Map<string, number>();
  private readonly lastStart = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private detach: (() => void)[] = [];
  private readonly abort = new AbortController();
  private started = false;

  constructor(deps: { log: JobLog }) {
    this.log = deps.log;
  }

  /** Registers `job` (before or after start). */
  add(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered already`);
    this.jobs.set(job.name, job);
    if (this.started) this.begin(job);
  }

  /** Attaches every job's listeners and runs each job's first pass now, the next on its interval. */
  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    for (const job of this.jobs.values()) this.begin(job);
  }

  /** Stops passes and nudges, aborts running work (what it committed stays) and waits for it. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const d of this.delayed.values()) clearTimeout(d.timer);
    this.delayed.clear();
    this.again.clear();
    for (const undo of this.detach) undo();
    this.detach = [];
    this.abort.abort();
    await this.idle();
  }

  /** Runs a pass of job `name` now, unless one runs already; resolves when the pass is over. */
  tick(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (job === undefined) throw new Error(`no job ${name}`);
    const current = this.ticking.get(name);
    if (current !== undefined) return current;
    if (this.abort.signal.aborted) return Promise.resolve();
    const pass = job
      .tick(this)
      .catch((e: unknown) => this.log.error({ err: e, job: name }, `${name}: a pass failed`))
      .finally(() => this.ticking.delete(name));
    this.ticking.set(name, pass);
    return pass;
  }

  /** Starts `work` under `key` now, unless work of `key` runs already; true when started. */
  run(key: string, work: Work): boolean {
    if (this.abort.signal.aborted || this.running.has(key)) return false;
    this.lastStart.set(key, Date.now());
    const p = this.attempt(key, work).finally(() => {
      this.running.delete(key);
      const next = this.again.get(key);
      if (next !== undefined) {
        this.again.delete(key);
        this.run(key, next);
      }
    });
    this.running.set(key, p);
    return true;
  }

  /**
   * Runs `work` under `key` now, or, while work of `key` runs, once more after it: any number of
   * nudges meanwhile make one more run. With `delayMs`, it starts after that delay, and nudges
   * within it are the same one (changes within a window announced once).
   */
  nudge(key: string, work: Work, options: { delayMs?: number } = {}): void {
    if (this.abort.signal.aborted) return;
    const delay = options.delayMs ?? 0;
    if (delay > 0) {
      const pending = this.delayed.get(key);
      if (pending !== undefined) {
        pending.work = work;
        return;
      }
      const entry = {
        work,
        timer: setTimeout(() => {
          this.delayed.delete(key);
          this.nudge(key, entry.work);
        }, delay),
      };
      this.delayed.set(key, entry);
      return;
    }
    if (!this.run(key, work)) this.again.set(key, work);
  }

  /** Aborted when the runner stops. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Whether work of `key` runs now. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Whether `key` is due: not running, and started last at least `intervalMs` ago, doubled for
   *  each failure in a row (up to 32 times): a failing peer is not asked every interval. */
  due(key: string, intervalMs: number, now = Date.now()): boolean {
    if (this.running.has(key)) return false;
    const backoff = 2 ** Math.min(this.failures.get(key) ?? 0, MAX_BACKOFF_EXPONENT);
    return now - (this.lastStart.get(key) ?? 0) >= intervalMs * backoff;
  }

  /** Resolves when the passes and the work running now (and what they started) have finished. */
  async idle(): Promise<void> {
    while (this.ticking.size > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.ticking.values(), ...this.running.values()]);
    }
  }

  private begin(job: PeriodicJob): void {
    const undo = job.attach?.(this);
    if (undo) this.detach.push(undo);
    const t = setInterval(() => void this.tick(job.name), job.everyMs);
    t.unref();
    this.timers.push(t);
    void this.tick(job.name);
  }

  private async attempt(key: string, work: Work): Promise<void> {
    // biome-ignore lint/suspicious/noConfusingVoidType: holds what a Work returns, void included
    let ok: boolean | void = false;
    try {
      ok = await work(this.abort.signal);
    } catch (e) {
      this.log.error({ err: e, key }, `${key} failed`);
    }
    if (ok === true) this.failures.delete(key);
    else if (ok === false) this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }
}
