// Upload a bundle, watch the job's progress, read its summary; the quarantine with reasons and
// retry (node administrators, who alone may read raw quarantined input).
import { useState, type FormEvent } from 'react';
import { useJob, useJobs, useQuarantine, useRetry, useUpload, type ImportJob } from '../api/imports.ts';
import { isAdmin, useMe } from '../api/session.ts';
import { Panel, Status } from '../components/Panel.tsx';
import { formatDateTime } from '../format/dates.ts';

function Progress({ job }: { job: ImportJob }) {
  const pct = job.bytesTotal ? Math.min(100, Math.round((100 * job.bytesRead) / job.bytesTotal)) : job.state === 'done' ? 100 : 0;
  const s = job.summary;
  return (
    <div data-testid="import-job" data-state={job.state}>
      <p>
        <strong>{job.state}</strong> · {job.objectsRead.toLocaleString('en')} objects read · {(job.bytesRead / 1024).toFixed(1)} KiB
      </p>
      <progress max={100} value={pct} aria-label="Import progress">
        {pct}%
      </progress>
      {s && (
        <table className="grid summary" aria-label="Import summary" data-testid="import-summary">
          <tbody>
            <tr>
              <th scope="row">Accepted</th>
              <td data-testid="accepted">{s.accepted}</td>
            </tr>
            <tr>
              <th scope="row">Unchanged</th>
              <td>{s.unchanged}</td>
            </tr>
            <tr>
              <th scope="row">Upgraded from STIX 2.0</th>
              <td>{s.upgraded}</td>
            </tr>
            <tr>
              <th scope="row">Quarantined</th>
              <td data-testid="quarantined">{s.quarantined}</td>
            </tr>
            {Object.entries(s.reasons).map(([r, n]) => (
              <tr key={r}>
                <th scope="row">· {r}</th>
                <td>{n}</td>
              </tr>
            ))}
            {s.error && (
              <tr>
                <th scope="row">Stopped</th>
                <td className="error">
                  {s.error.code}: {s.error.message}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Quarantine() {
  const q = useQuarantine(true);
  const retry = useRetry();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Panel title="Quarantine" testId="quarantine">
      <Status loading={q.isPending} error={q.error} empty={q.data?.entries.length === 0 ? 'The quarantine is empty.' : false}>
        {retry.data && (
          <p role="status">
            Entry {retry.data.id}: {retry.data.outcome}
          </p>
        )}
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Reason</th>
              <th scope="col">Object</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(q.data?.entries ?? []).map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.receivedAt, { seconds: true })}</td>
                <td>
                  <code>{e.reason}</code>
                  <button
                    type="button"
                    className="ghost"
                    aria-expanded={open === e.id}
                    onClick={() => setOpen(open === e.id ? null : e.id)}
                  >
                    details
                  </button>
                  {open === e.id && (
                    <pre className="json">
                      {JSON.stringify(e.details, null, 2)}
                      {'\n\n'}
                      {e.raw.slice(0, 4000)}
                    </pre>
                  )}
                </td>
                <td>
                  <code>{e.objectId ?? '—'}</code>
                </td>
                <td>{e.source}</td>
                <td>
                  <button type="button" onClick={() => retry.mutate(e.id)} disabled={retry.isPending}>
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </Panel>
  );
}

export function ImportPage() {
  const me = useMe();
  const upload = useUpload();
  const jobs = useJobs();
  const [file, setFile] = useState<File | null>(null);
  const [tlp, setTlp] = useState('');
  const [distribution, setDistribution] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!file) return;
    upload.mutate({ file, tlp: tlp || undefined, distribution: distribution || undefined }, { onSuccess: (j) => setJobId(j.id) });
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1>Import</h1>
      </div>
      <div className="two-col">
        <Panel title="Upload a STIX bundle">
          <form onSubmit={submit} className="stack">
            <label htmlFor="bundle-file">Bundle (JSON, any size)</label>
            <input
              id="bundle-file"
              type="file"
              accept=".json,application/json,application/stix+json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              required
            />
            <label htmlFor="import-tlp">TLP for objects without one</label>
            <select id="import-tlp" value={tlp} onChange={(e) => setTlp(e.target.value)}>
              <option value="">organisation default</option>
              {['clear', 'green', 'amber', 'amber+strict', 'red'].map((t) => (
                <option key={t} value={t}>
                  TLP:{t.toUpperCase()}
                </option>
              ))}
            </select>
            <label htmlFor="import-distribution">Distribution for objects without one</label>
            <input
              id="import-distribution"
              value={distribution}
              onChange={(e) => setDistribution(e.target.value)}
              placeholder="organization, community:<id>, sharing-group:<id>, federation"
            />
            {upload.error && (
              <p className="error" role="alert">
                {upload.error.message}
              </p>
            )}
            <button type="submit" disabled={!file || upload.isPending}>
              Upload
            </button>
          </form>
          {job.data && <Progress job={job.data} />}
        </Panel>
        <Panel title="Recent imports">
          <Status loading={jobs.isPending} error={jobs.error} empty={jobs.data?.length === 0 ? 'No imports yet.' : false}>
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">State</th>
                  <th scope="col">Objects</th>
                  <th scope="col">Accepted</th>
                  <th scope="col">Quarantined</th>
                </tr>
              </thead>
              <tbody>
                {(jobs.data ?? []).map((j) => (
                  <tr key={j.id}>
                    <td>
                      <button type="button" className="ghost" onClick={() => setJobId(j.id)}>
                        {formatDateTime(j.createdAt, { seconds: true })}
                      </button>
                    </td>
                    <td>{j.state}</td>
                    <td>{j.objectsRead}</td>
                    <td>{j.summary?.accepted ?? ''}</td>
                    <td>{j.summary?.quarantined ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Status>
        </Panel>
      </div>
      {isAdmin(me.data) ? <Quarantine /> : <p className="muted">The quarantine is shown to node administrators.</p>}
    </div>
  );
}
