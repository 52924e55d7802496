// The provenance verifier thread (verifier.ts): Ed25519 verification is the largest single cost
// of receiving from a peer, so it runs here, beside the main thread's ingestion of the previous page.
import { parentPort } from 'node:worker_threads';
import { verifyBatch, type VerifyRequest } from './verifier.ts';

parentPort?.on('message', (m: VerifyRequest & { n: number }) => {
  parentPort?.postMessage({ n: m.n, results: verifyBatch(m) });
});
