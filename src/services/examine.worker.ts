// Worker thread that examines batches of raw object texts (parse, upgrade, validate, prepare)
// while the importing thread splits input and writes to the store: ingest uses both cores.
import { parentPort } from 'node:worker_threads';
import { examineBatch } from './examiner.ts';

parentPort?.on('message', (texts: string[]) => parentPort?.postMessage(examineBatch(texts)));
