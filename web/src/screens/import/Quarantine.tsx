// The quarantine for node administrators (who alone may read raw quarantined input): one row per
// problem with its reason, object, JSON path and message, readable without opening a JSON block
// (issue 15, must 8); the raw input stays one click away.
import { useState } from 'react';
import { useQuarantine, useRetry, type QuarantineEntry } from '../../api/imports.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';

/** One problem of an entry: where in the object (a JSON path) and what is wrong there. */
export interface Problem {
  path: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const problemKey = (p: Problem): string => `${p.path}\u0000${p.message}`;

/** The problems of an entry: its validation issues (errors first) when it has any, else its one message. */
export function problemsOf(details: unknown): Problem[] {
  if (!isRecord(details)) return [{ path: '—', message: '—' }];
  const issues = Array.isArray(details['issues']) ? details['issues'].filter(isRecord) : [];
  const ranked = [...issues].sort((a, b) => Number(b['severity'] === 'error') - Number(a['severity'] === 'error'));
  const listed = ranked.map((i) => ({ path: text(i['path']) ?? '$', message: text(i['message']) ?? text(i['rule']) ?? '—' }));
  // Identical issues say nothing more, and a problem's path and message make its row's key.
  if (listed.length > 0) return [...new Map(listed.map((l) => [problemKey(l), l])).values()];
  return [{ path: text(details['path']) ?? `objects[${String(details['index'] ?? '?')}]`, message: text(details['message']) ?? '—' }];
}

function EntryRows({ entry, onRetry, busy }: { entry: QuarantineEntry; onRetry: () => void; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const problems = problemsOf(entry.details);
  return (
    <>
      {problems.map((p, i) => (
        <tr key={problemKey(p)} data-testid="quarantine-row">
          {i === 0 && (
            <>
              <td rowSpan={problems.length}>{formatDateTime(entry.receivedAt, { seconds: true })}</td>
              <td rowSpan={problems.length}>
                <code>{entry.reason}</code>
              </td>
              <td rowSpan={problems.length}>
                <code>{entry.objectId ?? '—'}</code>
              </td>
            </>
          )}
          <td>
            <code data-testid="quarantine-path">{p.path}</code>
          </td>
          <td data-testid="quarantine-message">{p.message}</td>
          {i === 0 && (
            <td rowSpan={problems.length}>
              <button type="button" onClick={onRetry} disabled={busy}>
                Retry
              </button>
              <button type="button" className="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
                raw
              </button>
            </td>
          )}
        </tr>
      ))}
      {open && (
        <tr>
          <td colSpan={6}>
            <pre className="json">
              {entry.source}
              {'\n\n'}
              {entry.raw.slice(0, 4000)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}

export function Quarantine() {
  const q = useQuarantine(true);
  const retry = useRetry();
  return (
    <Panel title="Quarantine" testId="quarantine">
      <Status loading={q.isPending} error={q.error} empty={q.data?.entries.length === 0 ? 'The quarantine is empty.' : false}>
        {retry.data && (
          <p role="status">
            Entry {retry.data.id}: {retry.data.outcome}
          </p>
        )}
        <table className="grid" aria-label="Quarantined objects">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Reason</th>
              <th scope="col">Object</th>
              <th scope="col">JSON path</th>
              <th scope="col">Message</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(q.data?.entries ?? []).map((e) => (
              <EntryRows key={e.id} entry={e} onRetry={() => retry.mutate(e.id)} busy={retry.isPending} />
            ))}
          </tbody>
        </table>
      </Status>
    </Panel>
  );
}
