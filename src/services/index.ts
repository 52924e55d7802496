// Builds the services every entry point (HTTP, CLI, jobs) shares, each with only the
// repositories it uses. Kept apart from app.ts so that CLI commands do not load the HTTP stack.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Store } from '../store/types.ts';
import { ImportJobService } from './import-jobs.service.ts';
import { IngestService } from './ingest.service.ts';
import { QuarantineService } from './quarantine.service.ts';
import { QueryService } from './query.service.ts';

/** The services every entry point (HTTP, CLI, jobs) shares. */
export interface Services {
  ingest: IngestService;
  query: QueryService;
  quarantine: QuarantineService;
  imports: ImportJobService;
}

/** Builds the services over an open store. */
export function buildServices(store: Store, config: Config): Services {
  const ingest = new IngestService({ objects: store.objects, quarantine: store.quarantine });
  return {
    ingest,
    query: new QueryService({ objects: store.objects }),
    quarantine: new QuarantineService({ quarantine: store.quarantine, ingest }),
    imports: new ImportJobService({ jobs: store.jobs, ingest, spoolDir: join(config.dataDir, 'uploads') }),
  };
}
