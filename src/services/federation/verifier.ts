// Verifies the provenance of a page of objects (domain/federation/provenance.ts), on a worker
// thread for large pages so that verifying one page overlaps with ingesting the previous one.
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { publicKeyObject } from '../../domain/federation/keys.ts';
import { verifyObject, type Verified } from '../../domain/federation/provenance.ts';
import type { StixObject } from '../../domain/stix/types.ts';

/** Pinned keys (key id → base64 public key) and the objects to check. */
export interface VerifyRequest {
  keys: [string, string][];
  objects: unknown[];
}

/** One result per object: null for what is not a STIX object (ingress refuses it itself). */
export type VerifyResults = (Verified | null)[];

/** Pages smaller than this are verified inline: a message round trip costs more. */
const WORKER_FROM = 64;

const keyCache = new Map<string, KeyObject>();

function keyObject(keyId: string, publicKey: string): KeyObject {
  const cacheKey = `${keyId}:${publicKey}`;
  let k = keyCache.get(cacheKey);
  if (!k) {
    k = publicKeyObject(publicKey);
    keyCache.set(cacheKey, k);
  }
  return k;
}

function isStix(v: unknown): v is StixObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as StixObject).id === 'string' && typeof (v as StixObject).type === 'string';
}

/** Verifies a batch in this thread. */
export function verifyBatch(req: VerifyRequest): VerifyResults {
  const keys = new Map(req.keys.map(([id, pub]) => [id, keyObject(id, pub)]));
  return req.objects.map((o) => (isStix(o) ? verifyObject(o, (k) => keys.get(k)) : null));
}

/** Verifies batches, in a worker thread once they are large. */
export class Verifier {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (r: VerifyResults) => void; reject: (e: Error) => void }>();
  private n = 0;

  verify(req: VerifyRequest): Promise<VerifyResults> {
    if (req.objects.length < WORKER_FROM) return Promise.resolve(verifyBatch(req));
    const worker = this.worker ?? this.start();
    const n = ++this.n;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(n, { resolve, reject });
      worker.postMessage({ ...req, n });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const w = new Worker(new URL('./verify.worker.ts', import.meta.url));
    w.on('message', (m: { n: number; results: VerifyResults }) => {
      this.waiting.get(m.n)?.resolve(m.results);
      this.waiting.delete(m.n);
      // Idle between pages: it must not keep the process alive.
      if (this.waiting.size === 0) w.unref();
    });
    w.on('error', (e: Error) => {
      for (const p of this.waiting.values()) p.reject(e);
      this.waiting.clear();
      this.worker = undefined;
    });
    w.unref();
    this.worker = w;
    return w;
  }
}
