// A Concord node on a fresh database (SQLite in a temporary directory, or a fresh PostgreSQL
// database), for HTTP tests through app.inject().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type ConcordApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { ENGINES, type Engine } from './store-engines.ts';

export interface TestNode extends ConcordApp {
  dataDir: string;
  /** Imports objects as a bundle through the ingest service. */
  load(objects: unknown[]): Promise<void>;
  dispose(): Promise<void>;
}

/** The SQLite engine: the default for tests that are not about the database. */
export const SQLITE = ENGINES[0] as Engine;

/** Starts a node (not listening; use `app.inject`) on `engine`, SQLite by default. */
export async function startNode(env: Record<string, string> = {}, engine: Engine = SQLITE): Promise<TestNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-test-'));
  const config = parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent', ...env });
  const location = await engine.create();
  const node = await buildApp({ config, store: await location.open(), logger: false });
  return {
    ...node,
    dataDir,
    async load(objects) {
      const text = JSON.stringify({ type: 'bundle', id: 'bundle--6f1e7b8a-3c2d-4e5f-8a9b-0c1d2e3f4a5b', objects });
      const summary = await node.services.ingest.importStream([Buffer.from(text)], { source: 'test' });
      if (summary.quarantined > 0 || summary.error) throw new Error(`test data was not accepted: ${JSON.stringify(summary)}`);
    },
    async dispose() {
      await node.close();
      await location.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
