// Every import is one audit entry (issue 15, must 9): who imported which file, and what came of
// it (objects read, stored, unchanged, quarantined), whether by upload or by `concord import`.
// One entry per run, not per object: a bundle of 50,000 objects is one line of the log.
import type { ImportSummary } from '../domain/imports/types.ts';
import type { AuditSink } from './audit.service.ts';

/** What one import run was and did. */
export interface ImportRun {
  actor: string;
  /** The import job (uploads); null for the command line, which has none. */
  jobId: string | null;
  fileName: string | null;
  source: string;
  objectsRead: number;
  summary: ImportSummary;
}

/** Records `run` as one `import` entry. */
export function auditImport(audit: AuditSink, run: ImportRun): Promise<void> {
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
