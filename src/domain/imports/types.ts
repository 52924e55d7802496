// Import jobs and the summary an import ends with. Kept free of other imports so that the web UI
// reads the same types (web/src/api/imports.ts).

/** Counts an import ends with (issue 2, §5). */
export interface ImportSummary {
  accepted: number;
  unchanged: number;
  upgraded: number;
  quarantined: number;
  /** Quarantine reasons and how often each occurred. */
  reasons: Record<string, number>;
  /** STIX 2.0 → 2.1 changes and how often each was made. */
  upgrades: Record<string, number>;
  /** Objects stored visible to their owner only because a marking they use stayed unknown. */
  restricted?: number;
  /** Set when reading stopped early (broken JSON): what and at which byte. */
  error?: { code: string; message: string; offset?: number };
}

export type ImportJobState = 'queued' | 'running' | 'done' | 'failed';

/** An asynchronous import (bundle upload), with progress. */
export interface ImportJob {
  id: string;
  state: ImportJobState;
  source: string;
  createdAt: string;
  updatedAt: string;
  bytesTotal: number | null;
  bytesRead: number;
  objectsRead: number;
  summary: ImportSummary | null;
  /** The organisation that uploaded it; only its members (and node administrators) see the job. */
  orgId: string | null;
  /** The uploaded file's name, as the client gave it (null when none was given). */
  fileName: string | null;
  /** Who uploaded it: a user name, or the system actor (null for jobs older than migration 0026). */
  uploadedBy: string | null;
}
