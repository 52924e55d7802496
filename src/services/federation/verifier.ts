// Verifies the provenance of what a peer sends (domain/federation/provenance.ts). Large pages
// go, as the text received, to a small pool of worker threads: each parses its page once,
// verifies every object and examines those that verified (validation and the rows to store,
// ingest/examine.ts), and hands back each object's text with its verdict and examination, while
// the main thread stores the previous page. A page its sender attested (request-signature.ts)
// costs one Ed25519 verification for all the objects that sender originated; only relayed
// objects are verified one by one (~65-100 µs each, domain/federation/ed25519.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { publicKeyBytes } from '../../domain/federation/keys.ts';
import { checkResponseSignature } from '../../domain/federation/request-signature.ts';
import { verifyObject, type Verified } from '../../domain/federation/provenance.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import { examineValue } from '../../domain/ingest/examine.ts';
import { lite, type ExaminedLite } from '../examiner.ts';

/** Pinned keys: key id → base64 public key. */
export type PinnedKeys = [string, string][];

/** One object of a page: its text, its id and type when it is a STIX object, and its verdict
 *  (null for what is not a STIX object: ingress refuses it itself). */
export interface PageItem {
  text: string;
  id: string | null;
  type: string | null;
  verdict: Verified | null;
  /** The object examined for ingestion (examine.ts) on the verifying thread, when it verified. */
  examined?: ExaminedLite;
}

/** A page of a peer's egress collection (TAXII 2.1 §3.5 envelope), its objects verified. */
export interface VerifiedPage {
  more: boolean;
  next: string | null;
  items: PageItem[];
  /** Whether the sender's signature over the page held (its own objects were checked through it). */
  attested: boolean;
}

/** The sender's signature over a page: its key id, the nonce of the request and the signature. */
export interface PageAttestation {
  keyId: string;
  nonce: string;
  signature: string;
}

/** Pages shorter than this are verified inline: a message round trip costs more. */
const WORKER_FROM_BYTES = 32 * 1024;
/** Verifying threads: no more than the cores, which ingestion and the peer share besides. */
const POOL = Math.max(1, Math.min(2, availableParallelism()));

function isStix(v: unknown): v is StixObject {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof (v as StixObject).id === 'string' &&
    typeof (v as StixObject).type === 'string'
  );
}

/** The pinned keys as verification takes them: key id → raw public key. */
export type Keys = Map<string, Buffer>;

export function keysOf(pinned: PinnedKeys): Keys {
  return new Map(pinned.map(([id, pub]) => [id, publicKeyBytes(pub)]));
}

/** Verifies parsed objects in this thread; those signed by `attestedBy` were attested already. */
export function verifyObjects(keys: Keys, objects: readonly unknown[], attestedBy?: string): PageItem[] {
  return objects.map((o) => {
    const text = JSON.stringify(o) ?? 'null';
    return isStix(o)
      ? { text, id: o.id, type: o.type, verdict: verifyObject(o, (k) => keys.get(k), attestedBy) }
      : { text, id: null, type: null, verdict: null };
  });
}

/** Parses and verifies a page's text in this thread. Throws SyntaxError for text that is not JSON.
 *  An attestation that does not hold is ignored: every object is then verified on its own. */
export function verifyPageText(pinned: PinnedKeys, text: string, attestation?: PageAttestation): VerifiedPage {
  const keys = keysOf(pinned);
  const by = attestation && keys.get(attestation.keyId);
  const attested =
    by !== undefined && attestation !== undefined && checkResponseSignature(by, attestation.nonce, text, attestation.signature);
  const body: unknown = text.trim() === '' ? {} : JSON.parse(text);
  const b = (body !== null && typeof body === 'object' ? body : {}) as { objects?: unknown; more?: unknown; next?: unknown };
  const objects = Array.isArray(b.objects) ? b.objects : [];
  const items = verifyObjects(keys, objects, attested ? attestation.keyId : undefined);
  // Examined here too, from the object already parsed and its text: it takes ~20 µs an object
  // off the thread that stores (bench/RESULTS.md).
  items.forEach((i, k) => {
    if (i.verdict?.ok === true) i.examined = lite(examineValue(objects[k], i.text));
  });
  return { more: b.more === true, next: typeof b.next === 'string' && b.next !== '' ? b.next : null, items, attested };
}

type Reply = { n: number; page: VerifiedPage } | { n: number; error: string };

/** Verifies pages, on worker threads once they are large. */
export class Verifier {
  private readonly workers: (Worker | undefined)[] = [];
  private readonly waiting = new Map<number, { resolve: (r: VerifiedPage) => void; reject: (e: Error) => void; worker: Worker }>();
  private n = 0;

  /** Parses and verifies the text of a page. */
  verifyPage(keys: PinnedKeys, text: string, attestation?: PageAttestation): Promise<VerifiedPage> {
    if (text.length < WORKER_FROM_BYTES) {
      try {
        return Promise.resolve(verifyPageText(keys, text, attestation));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    const n = ++this.n;
    const worker = this.worker(n % POOL);
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(n, { resolve, reject, worker });
      worker.postMessage({ n, keys, text, attestation });
    });
  }

  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w?.terminate()));
  }

  private worker(i: number): Worker {
    const held = this.workers[i];
    if (held) return held;
    const w = new Worker(new URL('./verify.worker.ts', import.meta.url));
    w.on('message', (m: Reply) => {
      const p = this.waiting.get(m.n);
      this.waiting.delete(m.n);
      if ('error' in m) p?.reject(new SyntaxError(m.error));
      else p?.resolve(m.page);
      // Idle between pages: it must not keep the process alive.
      if (![...this.waiting.values()].some((x) => x.worker === w)) w.unref();
    });
    w.on('error', (e: Error) => {
      for (const [n, p] of this.waiting) {
        if (p.worker !== w) continue;
        p.reject(e);
        this.waiting.delete(n);
      }
      this.workers[i] = undefined;
    });
    w.unref();
    this.workers[i] = w;
    return w;
  }
}
