// Upload a bundle with the markings it will get named first, watch the job's progress, read its
// summary; recent imports by file and uploader; the quarantine (import/Quarantine.tsx).
import { useState, type FormEvent } from 'react';
import { useJob, useJobs, useUpload, type ImportJob } from '../api/imports.ts';
import { isAdmin, useMe } from '../api/session.ts';
import { Panel, Status } from '../components/Panel.tsx';
import { formatDateTime } from '../format/dates.ts';
import { MarkingFields, type MarkingChoice } from './import/markings.tsx';
import { Quarantine } from './import/Quarantine.tsx';

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

/** What an import ended with, in words: "12 accepted, 3 unchanged, 1 quarantined". */
function outcome(j: ImportJob): string {
  const s = j.summary;
  if (!s) return j.state === 'failed' ? 'failed' : '';
  const parts = [`${s.accepted} accepted`, `${s.unchanged} unchanged`, `${s.quarantined} quarantined`];
  return s.error ? `${parts.join(', ')}; stopped: ${s.error.code}` : parts.join(', ');
}

export function ImportPage() {
  const me = useMe();
  const upload = useUpload();
  const jobs = useJobs();
  const [file, setFile] = useState<File | null>(null);
  const [marking, setMarking] = useState<MarkingChoice>({ tlp: '', distribution: '' });
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!file) return;
    upload.mutate(
      { file, filename: file.name.slice(0, 255), tlp: marking.tlp || undefined, distribution: marking.distribution || undefined },
      { onSuccess: (j) => setJobId(j.id) },
    );
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
            {me.data && <MarkingFields me={me.data} value={marking} onChange={setMarking} />}
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
                  <th scope="col">File</th>
                  <th scope="col">Uploader</th>
                  <th scope="col">State</th>
                  <th scope="col">Objects read</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {(jobs.data ?? []).map((j) => (
                  <tr key={j.id} data-testid="recent-import">
                    <td>
                      <button type="button" className="ghost" onClick={() => setJobId(j.id)}>
                        {formatDateTime(j.createdAt, { seconds: true })}
                      </button>
                    </td>
                    <td data-testid="recent-file">{j.fileName ?? '—'}</td>
                    <td data-testid="recent-uploader">{j.uploadedBy ?? '—'}</td>
                    <td>{j.state}</td>
                    <td>{j.objectsRead.toLocaleString('en')}</td>
                    <td data-testid="recent-outcome">{outcome(j)}</td>
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
