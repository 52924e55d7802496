// The source line of the access panel (issue 15, must 3): which upload, feed, TAXII add, API
// write, command-line import or peer stored the version shown. Who wrote it is named only to the
// owning organisation's members and the node's administrators (the server hides it from others).
import type { ReactNode } from 'react';
import type { ObjectAccess, SourceRun } from '../../api/object-access.ts';
import { formatDateTime } from '../../format/dates.ts';

function who(run: SourceRun, owner: string): string {
  if (run.actorHidden) return `an analyst of ${owner}`;
  return run.actor ?? 'this node';
}

/** "Uploaded by alice from grid-iocs.json on …", "Pulled from feed …", etc. */
function runText(run: SourceRun, a: ObjectAccess): string {
  const when = formatDateTime(run.at);
  const owner = a.owner.name ?? a.owner.id;
  const label = run.label ?? '';
  switch (run.kind) {
    case 'upload':
      return `Uploaded by ${who(run, owner)}${label ? ` from ${label}` : ''} on ${when}`;
    case 'feed':
      return `Pulled from feed ${label} on ${when}`;
    case 'taxii':
      return `Added through TAXII${label ? ` to collection ${label}` : ''} by ${who(run, owner)} on ${when}`;
    case 'api':
      return `Written through the API by ${who(run, owner)} on ${when}`;
    case 'cli':
      return `Imported with the command line${label ? ` from ${label}` : ''} on ${when}`;
    case 'peer':
      return `Received from peer node ${label} on ${when}`;
    case 'system':
      return `Stored by this node${label ? ` (${label})` : ''} on ${when}`;
  }
}

/** The node that originated an object received through another (a relay, or an import of
 *  signed objects): named when it is not the one the run names. */
function originText(a: ObjectAccess, run: SourceRun): string {
  const s = a.source;
  if (s.kind !== 'peer') return '';
  const origin = s.peer?.name ?? `the node with key ${s.keyId}`;
  return run.kind === 'peer' && run.label === origin ? '' : `, originated by ${s.peer ? `peer node ${origin}` : origin}`;
}

export function SourceText({ a }: { a: ObjectAccess }): ReactNode {
  const s = a.source;
  const run = s.run;
  if (run === null) {
    const when = formatDateTime(s.firstStoredAt);
    // Stored before this node recorded its import runs (migration 0030): what it knows.
    const text =
      s.kind === 'peer' ? `Received from peer node ${s.peer?.name ?? `with key ${s.keyId}`} on ${when}` : `Stored on this node on ${when}`;
    return <span data-testid="access-source">{text}</span>;
  }
  return (
    <span data-testid="access-source">
      {runText(run, a)}
      {run.kind === 'upload' && run.jobId && (
        <>
          {' '}
          (import <a href={`/api/v1/imports/${encodeURIComponent(run.jobId)}`}>{run.jobId.slice(0, 8)}</a>)
        </>
      )}
      {originText(a, run)}
    </span>
  );
}
