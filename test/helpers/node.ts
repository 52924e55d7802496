// A Concord node on a fresh database (SQLite in a temporary directory, or a fresh PostgreSQL
// database), for HTTP tests through app.inject().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type ConcordApp } from '../../src/app.ts';
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Org } from '../../src/domain/identity/types.ts';
import { parseConfig } from '../../src/config.ts';
import { ENGINES, type Engine, type StoreLocation } from './store-engines.ts';

export interface TestNode extends ConcordApp {
  dataDir: string;
  /** Where the store is (its engine's files or database). */
  location: StoreLocation;
  /** The node's operating organisation and its administrator's read-write API token. */
  org: Org;
  adminToken: string;
  /** `app.inject` as the administrator (a Bearer token), unless `headers.authorization` is given. */
  api(opts: InjectOptions): Promise<LightMyRequestResponse>;
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
  const boot = await node.services.bootstrap();
  const admin = (await node.services.users.listUsers(CLI)).find((u) => u.username === 'admin');
  const { secret } = await node.services.users.createToken(CLI, { userId: admin?.id ?? '', name: 'tests', scope: 'read-write' });
  return {
    ...node,
    dataDir,
    location,
    org: boot.org,
    adminToken: secret,
    api(opts) {
      return node.app.inject({ ...opts, headers: { authorization: `Bearer ${secret}`, ...opts.headers } });
    },
    async load(objects) {
      const text = JSON.stringify({ type: 'bundle', id: 'bundle--6f1e7b8a-3c2d-4e5f-8a9b-0c1d2e3f4a5b', objects });
      const owner = await node.services.importOwner(CLI);
      const summary = await node.services.ingest.importStream([Buffer.from(text)], { source: 'test', owner });
      if (summary.quarantined > 0 || summary.error) throw new Error(`test data was not accepted: ${JSON.stringify(summary)}`);
    },
    async dispose() {
      await node.close();
      await location.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
