// A provenance verifier thread (verifier.ts): parses a page received from a peer, verifies each
// object's signature and examines it, beside the main thread's ingestion of the previous page.
import { parentPort } from 'node:worker_threads';
import { verifyPageText, type PageAttestation, type PinnedKeys } from './verifier.ts';

parentPort?.on('message', (m: { n: number; keys: PinnedKeys; text: string; attestation?: PageAttestation }) => {
  try {
    parentPort?.postMessage({ n: m.n, page: verifyPageText(m.keys, m.text, m.attestation) });
  } catch (e) {
    parentPort?.postMessage({ n: m.n, error: e instanceof Error ? e.message : String(e) });
  }
});
