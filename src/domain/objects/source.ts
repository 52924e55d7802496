// The source of a stored version: the import run that wrote it (issue 15, must 3: "which upload,
// which feed, which TAXII add, which form, which peer"). One record per run, kept by the store
// (migrations/0030_ingest_sources.ts); each version holds only the run's id. Pure: the web UI
// imports the types.

/** How a run came in: an upload job, a TAXII feed pull, a TAXII add, a write through the API
 *  or a form, the command line, a peer node's pull, or the node itself (bootstrap, retractions). */
export type SourceKind = 'upload' | 'feed' | 'taxii' | 'api' | 'cli' | 'peer' | 'system';

export const SOURCE_KINDS: readonly SourceKind[] = ['upload', 'feed', 'taxii', 'api', 'cli', 'peer', 'system'];

/** What a caller of ingestion says about its run (ImportOptions.from). */
export interface NewIngestSource {
  kind: SourceKind;
  /** What names it: the uploaded file's name, the feed's name or URL, the TAXII collection's
   *  title, the peer's name, the command line's file. */
  label?: string | null;
  /** The import job, TAXII status or pull run it belongs to. */
  jobId?: string | null;
  /** The user who wrote (a username); null for the node itself and feeds. */
  actor?: string | null;
}

/** A run as stored. */
export interface IngestSource {
  id: number;
  kind: SourceKind;
  label: string | null;
  jobId: string | null;
  actor: string | null;
  createdAt: string;
}

/** The username of an audit actor (`user:alice`, `user:alice/token:…`), else the actor as is. */
export function actorUsername(actor: string): string {
  const m = /^user:([^/]+)/.exec(actor);
  return m ? (m[1] as string) : actor;
}
