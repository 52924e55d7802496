// Worker thread that examines batches of raw object texts (parse, upgrade, validate, prepare)
// while the importing thread splits input and writes to the store: ingest uses both cores.
import { parentPort } from 'node:worker_threads';
import { examine, type Examined } from '../domain/ingest/examine.ts';

/** What travels back: the parsed object itself stays here, only what ingest needs is cloned. */
export type ExaminedLite = Exclude<Examined, { ok: true }> | { ok: true; prepared: Extract<Examined, { ok: true }>['prepared']; upgrades: string[] };

parentPort?.on('message', (texts: string[]) => {
  const out: ExaminedLite[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const r = examine(texts[i] as string);
    out[i] = r.ok ? { ok: true, prepared: r.prepared, upgrades: r.upgrades } : r;
  }
  parentPort?.postMessage(out);
});
