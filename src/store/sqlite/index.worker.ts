// The index writer thread (index-writer.ts): writes derived batches into the index file through
// its own connection, while the main thread writes `objects` into the main file.
//
// Per batch: `batch` → BEGIN IMMEDIATE, say "locked" through the shared state (the main thread
// waits for it before committing its own transaction, which fixes the order of the two files'
// transactions), write the rows; `commit` (sent once the main file committed) → COMMIT, or
// `rollback` → ROLLBACK; either way answer `done`.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DerivedWriter, type DerivedBatch } from './derived.ts';
import { LOCKED, FAILED, indexFilePragmas, type IndexWorkerData, type ToIndexWorker } from './index-writer.ts';

const data = workerData as IndexWorkerData;
const state = new Int32Array(data.state);
const db = new Database(data.path);
db.pragma('busy_timeout = 5000');
// 12 MiB: the upper levels and recent leaves of the observables and refs b-trees; with the main
// connection's 32 MiB, within what the 512 MiB import budget leaves (bench/RESULTS.md).
indexFilePragmas(db, 'main', 12288);
db.pragma('wal_autocheckpoint = 65536');
const writer = new DerivedWriter(db, 'main');
let failure: Error | undefined;

// Checkpoints of the main file are asked of a thread of their own (checkpoint.worker.ts) after
// every CHECKPOINT_EVERY batches, instead of running inside the main thread's commits
// (wal_autocheckpoint: a third of its commit time at 1,000,000 objects) or here between
// batches (where they held up the next batch).
const checkpointer = new Worker(new URL('./checkpoint.worker.ts', import.meta.url), {
  workerData: { mainPath: data.mainPath },
  resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 },
});
/** A checkpoint asked for and not done yet: asking again meanwhile would only queue a no-op. */
let checkpointing = false;
checkpointer.on('message', () => (checkpointing = false));
checkpointer.on('error', () => (checkpointing = true)); // gone: the autocheckpoint takes over
/** Batches between checkpoints: ~32,000 objects, so a page rewritten by many batches (a random
 *  index's) is copied once per checkpoint rather than once per batch (16,000 measured ~4 %
 *  slower at 1,000,000 objects), while the WAL stays under the main connection's 256 MiB
 *  autocheckpoint. */
const CHECKPOINT_EVERY = 16;
let batches = 0;

function checkpoint(): void {
  if (++batches % CHECKPOINT_EVERY !== 0 || checkpointing) return;
  checkpointing = true;
  checkpointer.postMessage('checkpoint');
}

function signal(value: number): void {
  Atomics.store(state, 0, value);
  Atomics.notify(state, 0);
}

function begin(batch: DerivedBatch): void {
  failure = undefined;
  try {
    db.exec('begin immediate');
  } catch (e) {
    failure = e as Error;
    signal(FAILED);
    return;
  }
  signal(LOCKED);
  try {
    writer.write(batch);
  } catch (e) {
    failure = e as Error;
  }
}

function end(commit: boolean): void {
  try {
    if (failure === undefined && commit) db.exec('commit');
    else if (db.inTransaction) db.exec('rollback');
  } catch (e) {
    failure ??= e as Error;
    if (db.inTransaction) db.exec('rollback');
  }
  parentPort?.postMessage(failure === undefined ? { ok: true } : { ok: false, message: failure.message });
  failure = undefined;
  // After answering: the main thread goes on with its next batch meanwhile.
  if (commit) checkpoint();
}

parentPort?.on('message', (m: ToIndexWorker) => {
  if (m.kind === 'batch') begin(m.batch);
  else if (m.kind === 'commit') end(true);
  else if (m.kind === 'rollback') end(false);
  else {
    db.close();
    checkpointer.postMessage('close');
    // Nothing else keeps the thread alive: it exits.
    parentPort?.close();
  }
});
