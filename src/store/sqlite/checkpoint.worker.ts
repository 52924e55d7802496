// The checkpointer thread (started by the index writer thread, index.worker.ts): copies the
// main file's WAL back into the database file when asked, on its own thread, so that the copy no
// longer holds up the index writer's next batch — and through it the main thread, which waits
// for the index writer before each commit. A 1,000,000-object import measured 80–87 s with the
// copy on the index writer thread and 75–84 s here, 5–10 % less in the same hour
// (bench/RESULTS.md). PASSIVE never blocks a writer or a reader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const main = new Database((workerData as { mainPath: string }).mainPath);
// The main connection's own autocheckpoint stays the fallback, should this thread not run.
main.pragma('wal_autocheckpoint = 0');
main.pragma('cache_size = -1024');
main.pragma('mmap_size = 0');

parentPort?.on('message', (m: 'checkpoint' | 'close') => {
  if (m === 'close') {
    main.close();
    parentPort?.close();
    return;
  }
  try {
    main.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failed: the next request, or the main connection's autocheckpoint, does it.
  }
  parentPort?.postMessage('done');
});
