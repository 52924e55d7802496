// Every import and every pull is one audit entry (issue 15, must 9): who imported which file, or
// pulled which feed or peer, and what came of it (objects read, stored, unchanged, quarantined).
// One entry per run, not per object: a bundle of 50,000 objects is one line of the log.
import type { ImportSummary } from '../domain/imports/types.ts';
import type { AuditSink } from './audit.service.ts';

/** What one import run was and did. */
export interface ImportRecord {
  actor: string;
  /** The import job (uploads); null for the command line, which has none. */
  jobId: string | null;
  fileName: string | null;
  source: string;
  objectsRead: number;
  summary: ImportSummary;
}

/** Records `run` as one `import` entry. */
export function auditImport(audit: AuditSink, run: ImportRecord): Promise<void> {
  const s = run.summary;
  return audit.record({
    action: 'import',
    actor: run.actor,
    target: run.jobId,
    details: {
      file: run.fileName,
      source: run.source,
      outcome: s.error ? 'failed' : 'ok',
      read: run.objectsRead,
      accepted: s.accepted,
      unchanged: s.unchanged,
      upgraded: s.upgraded,
      quarantined: s.quarantined,
      ...(s.error ? { error: s.error.message } : {}),
    },
  });
}

/** What a pull of a feed or a peer did, as its audit entry's details (the caller adds whose). */
export function pullOutcome(r: {
  ok: boolean;
  pages: number;
  objects: number;
  accepted: number;
  unchanged: number;
  quarantined: number;
  error?: string | undefined;
}): Record<string, unknown> {
  return {
    outcome: r.ok ? 'ok' : 'failed',
    pages: r.pages,
    objects: r.objects,
    accepted: r.accepted,
    unchanged: r.unchanged,
    quarantined: r.quarantined,
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}
