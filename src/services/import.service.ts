// Bundle uploads as asynchronous jobs: the body is spooled to disk, then imported in the
// background while clients poll the job for progress (issue 2, §6).
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, PayloadTooLargeError, type ErrorCode } from '../errors.ts';
import type { ImportJob, ImportSummary } from '../domain/imports/types.ts';
import type { AuditSink } from './audit.service.ts';
import { auditImport } from './import-audit.ts';
import type { ImportRepo } from '../store/repositories.ts';
import { emptySummary, type ImportOwner, type IngestService } from './ingest.service.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { allowed, reach } from '../domain/access/permissions.ts';

/** How often a running job writes its progress, in milliseconds. */
const PROGRESS_EVERY_MS = 250;

/** Where an upload came from, kept with its job for the list of recent imports. */
export interface UploadOrigin {
  source: string;
  fileName: string | null;
  uploadedBy: string | null;
}

export class ImportService {
  private readonly imports: ImportRepo;
  private readonly ingest: IngestService;
  private readonly spoolDir: string;
  private readonly running = new Set<Promise<void>>();
  private readonly audit: AuditSink;

  constructor(deps: { imports: ImportRepo; ingest: IngestService; spoolDir: string; audit: AuditSink }) {
    this.imports = deps.imports;
    this.audit = deps.audit;
    this.ingest = deps.ingest;
    this.spoolDir = deps.spoolDir;
  }

  /** Spools an upload (refused past `maxBytes`) and starts importing it as `owner`; returns the queued job at once. */
  async start(body: Readable, origin: UploadOrigin, maxBytes: number, owner: ImportOwner): Promise<ImportJob> {
    const id = randomUUID();
    await mkdir(this.spoolDir, { recursive: true });
    const file = join(this.spoolDir, `${id}.json`);
    let seen = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > maxBytes ? new PayloadTooLargeError(maxBytes, 'CONCORD_MAX_UPLOAD_BYTES') : null, chunk);
      },
    });
    try {
      await pipeline(body, guard, createWriteStream(file));
    } catch (e) {
      await rm(file, { force: true });
      throw e;
    }
    const now = new Date().toISOString();
    const { size } = await stat(file);
    const job: ImportJob = {
      id,
      state: 'queued',
      source: origin.source,
      createdAt: now,
      updatedAt: now,
      bytesTotal: size,
      bytesRead: 0,
      objectsRead: 0,
      summary: null,
      orgId: owner.orgId,
      fileName: origin.fileName,
      uploadedBy: origin.uploadedBy,
    };
    await this.imports.create(job);
    const done = this.run(job, file, owner).finally(() => this.running.delete(done));
    this.running.add(done);
    return job;
  }

  /** A job's current state and progress; other organisations' jobs answer as missing. */
  async get(principal: Principal, id: string): Promise<ImportJob> {
    const job = await this.imports.get(id);
    // A job without an organisation (the command line's) is the node administrators' only.
    const mayRead = (orgId: string | null) =>
      orgId === null ? reach(principal, 'import.read') === 'node' : allowed(principal, 'import.read', { orgId });
    if (!job || !mayRead(job.orgId)) throw new NotFoundError(`import job ${id}`);
    return job;
  }

  /** Recent jobs of the principal's organisation (all for node administrators), newest first. */
  list(principal: Principal, limit: number): Promise<ImportJob[]> {
    if (reach(principal, 'import.read') === 'node' || principal.kind !== 'user') return this.imports.list({ limit });
    return this.imports.list({ limit }, { orgId: principal.org.id });
  }

  /** Waits for the jobs this process runs (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async run(job: ImportJob, file: string, owner: ImportOwner): Promise<void> {
    let last = 0;
    // The last count seen, throttled or not: the final write records it, else a job shorter than
    // PROGRESS_EVERY_MS ended with "0 objects read" (issue 15, must 8).
    let objectsRead = 0;
    let pending: Promise<void> = Promise.resolve();
    let summary: ImportSummary = emptySummary();
    try {
      await this.imports.update(job.id, { state: 'running', updatedAt: new Date().toISOString() });
      summary = await this.ingest.importStream(createReadStream(file, { highWaterMark: 1 << 20 }), {
        source: `upload:${job.id}`,
        // The object page names the upload: file, uploader, job (issue 15, must 3).
        from: { kind: 'upload', label: job.fileName, jobId: job.id, actor: job.uploadedBy },
        owner,
        onProgress: (p) => {
          objectsRead = p.objectsRead;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          pending = pending.then(() =>
            this.imports.update(job.id, {
              bytesRead: p.bytesRead,
              objectsRead: p.objectsRead,
              summary: p.summary,
              updatedAt: new Date(now).toISOString(),
            }),
          );
        },
      });
      await pending;
      const state = summary.error ? 'failed' : 'done';
      await this.imports.update(job.id, {
        state,
        bytesRead: job.bytesTotal ?? 0,
        objectsRead,
        summary,
        updatedAt: new Date().toISOString(),
      });
    } catch (e) {
      await pending.catch(() => undefined);
      summary = { ...summary, error: { code: 'INTERNAL' satisfies ErrorCode, message: (e as Error).message } };
      await this.imports.update(job.id, { state: 'failed', summary, updatedAt: new Date().toISOString() });
    } finally {
      await rm(file, { force: true });
    }
    await auditImport(this.audit, {
      actor: owner.actor,
      jobId: job.id,
      fileName: job.fileName,
      source: job.source,
      objectsRead,
      summary,
    }).catch(() => undefined);
  }
}
