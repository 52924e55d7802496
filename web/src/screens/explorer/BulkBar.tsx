// Bulk actions on the selected rows (issue 15, must 5): markings, labels, revocation through
// POST /objects/bulk (each object a new version under the write rules, so each row has its own
// outcome), and an export of the selection. Write actions are offered only to roles that may write.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { displayName, type Stix } from '../../api/objects.ts';
import { bulk, type BulkAction, type BulkResult } from '../../api/write.ts';
import { BULK_MAX } from '../../../../src/domain/writing/types.ts';
import { TLP_LEVELS, type Tlp } from '../../../../src/domain/markings/tlp.ts';
import { tlpText } from '../../components/MarkingBanner.tsx';

/** Saves `text` as a file the browser downloads. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const labelsOf = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function BulkBar({ selected, canWrite, onClear }: { selected: Stix[]; canWrite: boolean; onClear: () => void }) {
  const client = useQueryClient();
  const [tlp, setTlp] = useState<Tlp>('amber');
  const [labels, setLabels] = useState('');
  const run = useMutation({
    mutationFn: (action: BulkAction) => bulk({ ids: selected.slice(0, BULK_MAX).map((o) => o.id), action }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['objects'] }),
  });
  // The rows were listed for this reader by the access policy: the bundle holds nothing more.
  const exportSelection = (): void =>
    download(
      'concord-selection.json',
      'application/stix+json',
      JSON.stringify({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects: selected }, null, 1),
    );
  const names = new Map(selected.map((o) => [o.id, displayName(o)]));
  return (
    <section className="bulk" aria-label="Bulk actions">
      <div className="bulk-bar">
        <strong>{selected.length.toLocaleString('en')} selected</strong>
        {selected.length > BULK_MAX && <span className="muted">(the first {BULK_MAX} are changed)</span>}
        <button type="button" onClick={exportSelection}>
          Export selection
        </button>
        {canWrite && (
          <>
            <label className="inline">
              Marking
              <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)} aria-label="Bulk marking">
                {TLP_LEVELS.map((t) => (
                  <option key={t} value={t}>
                    {tlpText(t)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={run.isPending} onClick={() => run.mutate({ kind: 'markings', tlp })}>
              Apply marking
            </button>
            <label className="inline">
              Labels
              <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="a, b" aria-label="Bulk labels" />
            </label>
            <button
              type="button"
              disabled={run.isPending || labelsOf(labels).length === 0}
              onClick={() => run.mutate({ kind: 'labels', add: labelsOf(labels) })}
            >
              Add labels
            </button>
            <button
              type="button"
              disabled={run.isPending || labelsOf(labels).length === 0}
              onClick={() => run.mutate({ kind: 'labels', remove: labelsOf(labels) })}
            >
              Remove labels
            </button>
            <button
              type="button"
              className="danger"
              disabled={run.isPending}
              onClick={() =>
                window.confirm(`Revoke ${selected.length} objects? Revocation cannot be undone.`) && run.mutate({ kind: 'revoke' })
              }
            >
              Revoke
            </button>
          </>
        )}
        <button type="button" className="ghost" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {run.error && (
        <p role="alert" className="error">
          {run.error.message}
        </p>
      )}
      {run.data && <Outcomes result={run.data} names={names} />}
    </section>
  );
}

/** Each row's outcome: one refusal does not stop the others. */
function Outcomes({ result, names }: { result: BulkResult; names: Map<string, string> }) {
  const failed = result.results.filter((r) => !r.ok);
  return (
    <div className="bulk-outcomes" role="status">
      <p>
        {result.results.length - failed.length} changed, {failed.length} refused.
      </p>
      {failed.length > 0 && (
        <ul aria-label="Refused rows">
          {failed.map((r) => (
            <li key={r.id}>
              <strong>{names.get(r.id) ?? r.id}</strong>: {r.code ?? 'refused'} {r.detail ?? ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
