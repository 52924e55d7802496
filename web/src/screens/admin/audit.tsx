// The audit log (hash-chained, issue 3) and the verification of its chain.
import { useAudit, useAuditVerify } from '../../api/admin.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { when } from './forms.tsx';

export function Audit() {
  const q = useAudit(true);
  const verify = useAuditVerify();
  const v = verify.data;
  return (
    <>
      <div className="row">
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify the hash chain
        </button>
        {v && (
          <span role="status" data-testid="audit-verify" className={v.ok ? 'ok' : 'error'}>
            {v.ok ? `Chain intact (${v.count} entries)` : `Chain broken at entry #${v.seq}: ${v.message}`}
          </span>
        )}
        {verify.error && (
          <span className="error" role="alert">
            {verify.error.message}
          </span>
        )}
      </div>
      {v && v.witnesses.length > 0 && (
        <ul className="witnesses" aria-label="Witnessed by peers" data-testid="audit-witnesses">
          {v.witnesses.map((w) => (
            <li key={w.peer} className={w.ok === false ? 'error' : w.ok ? 'ok' : 'muted'}>
              {w.peer}: {w.ok === true ? `entry #${w.seq} as this node stated it on ${when(w.statedAt)} holds` : w.message}
            </li>
          ))}
        </ul>
      )}
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Audit log"
          rows={q.data ?? []}
          rowKey={(r) => String(r.seq)}
          cols={[
            { header: '#', cell: (r) => r.seq },
            { header: 'When', cell: (r) => when(r.at) },
            { header: 'Actor', cell: (r) => r.actor ?? '—' },
            { header: 'Action', cell: (r) => <code>{r.action}</code> },
            { header: 'Target', cell: (r) => r.target ?? (r.withheld ? `${r.withheld} id${r.withheld === 1 ? '' : 's'} withheld` : '') },
            { header: 'Details', cell: (r) => <code className="muted">{JSON.stringify(r.details).slice(0, 120)}</code> },
          ]}
        />
      </Status>
    </>
  );
}
