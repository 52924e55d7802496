// Import jobs on either engine: the SQL is the same, so one Kysely implementation serves both.
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../errors.ts';
import type { ImportJob, ImportJobState, ImportSummary } from '../../domain/imports/types.ts';
import type { ImportRepo } from '../repositories.ts';
import type { PageRequest } from '../../domain/objects/types.ts';
import { checkPage } from './filter.ts';
import type { ImportJobsTable, Tables } from './tables.ts';

const STATES: readonly string[] = ['queued', 'running', 'done', 'failed'] satisfies ImportJobState[];

function isState(s: string): s is ImportJobState {
  return STATES.includes(s);
}

function toJob(r: ImportJobsTable): ImportJob {
  // An internal invariant (only this repository writes the column), hence no Concord error code.
  if (!isState(r.state)) throw new Error(`import job ${r.id} has an unknown state ${r.state}`);
  // Written by this repository from an ImportSummary, so the parsed shape is known.
  const summary: ImportSummary | null = r.summary === null ? null : JSON.parse(r.summary);
  return {
    id: r.id,
    state: r.state,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
    bytesRead: Number(r.bytes_read),
    objectsRead: Number(r.objects_read),
    summary,
    orgId: r.org_id,
    fileName: r.file_name,
    uploadedBy: r.uploaded_by,
  };
}

/** Import jobs, listed newest first; `after` in a page request counts jobs to skip. */
export class KyselyImportRepo implements ImportRepo {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Tables>) {
    this.db = db;
  }

  async create(job: ImportJob): Promise<void> {
    await this.db
      .insertInto('import_jobs')
      .values({
        id: job.id,
        state: job.state,
        source: job.source,
        created_at: job.createdAt,
        updated_at: job.updatedAt,
        bytes_total: job.bytesTotal,
        bytes_read: job.bytesRead,
        objects_read: job.objectsRead,
        summary: job.summary === null ? null : JSON.stringify(job.summary),
        org_id: job.orgId,
        file_name: job.fileName,
        uploaded_by: job.uploadedBy,
      })
      .execute();
  }

  /** Applies `patch`; `updatedAt` defaults to now. Throws NotFoundError for an unknown id. */
  async update(id: string, patch: Partial<Omit<ImportJob, 'id' | 'createdAt'>>): Promise<void> {
    const set: Partial<ImportJobsTable> = { updated_at: patch.updatedAt ?? new Date().toISOString() };
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.source !== undefined) set.source = patch.source;
    if (patch.bytesTotal !== undefined) set.bytes_total = patch.bytesTotal;
    if (patch.bytesRead !== undefined) set.bytes_read = patch.bytesRead;
    if (patch.objectsRead !== undefined) set.objects_read = patch.objectsRead;
    if (patch.summary !== undefined) set.summary = patch.summary === null ? null : JSON.stringify(patch.summary);
    const r = await this.db.updateTable('import_jobs').set(set).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('import job', { id });
  }

  async get(id: string): Promise<ImportJob | undefined> {
    const row = await this.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  /** Jobs newest first. Job ids are not ordered, so `after` is an offset here, not a cursor. */
  async list(page: PageRequest, filter: { orgId?: string } = {}): Promise<ImportJob[]> {
    checkPage(page);
    let q = this.db.selectFrom('import_jobs').selectAll();
    if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.after ?? 0)
      .execute();
    return rows.map(toJob);
  }
}
