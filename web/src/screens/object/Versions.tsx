// Every version with its modified time, and the difference between any two (issue 15, must 3):
// added lines green with "+", removed lines red with "−", so the change reads without colour too.
import { useState } from 'react';
import { useVersions, type Version } from '../../api/objects.ts';
import { Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { jsonLineDiff } from '../../format/json-diff.ts';

const versionText = (v: Version, i: number): string =>
  `${i + 1}. ${v.version ? `modified ${formatDateTime(v.version, { seconds: true })}` : '(unversioned)'} — stored ${formatDateTime(v.added_at, { seconds: true })}`;

function Diff({ a, b }: { a: Version; b: Version }) {
  const lines = jsonLineDiff(a.object, b.object);
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return (
    <>
      <p className="muted" role="status">
        {added + removed === 0
          ? 'The two versions are identical.'
          : `${added} ${added === 1 ? 'line' : 'lines'} added, ${removed} removed.`}
      </p>
      <section aria-label="Difference between the versions">
        <pre className="json diff wrap" data-testid="version-diff">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one computed diff, never reordered
            <span key={i} className={`diff-line ${l.kind}`}>
              <span className="diff-mark" aria-hidden={l.kind === 'same'}>
                {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}
              </span>
              {l.kind !== 'same' && <span className="sr-only">{l.kind === 'added' ? 'added: ' : 'removed: '}</span>}
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      </section>
    </>
  );
}

export function Versions({ id }: { id: string }) {
  const v = useVersions(id);
  const versions = v.data?.versions ?? [];
  const last = versions.length - 1;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = versions[from ?? Math.max(0, last - 1)];
  const b = versions[to ?? last];
  return (
    <Status loading={v.isPending} error={v.error}>
      <ol className="timeline" aria-label="Versions, oldest first">
        {versions.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: versions may repeat or be missing; the list is a fixed history, never reordered
          <li key={`${x.version}-${i}`}>{versionText(x, i).replace(/^\d+\. /, '')}</li>
        ))}
      </ol>
      {versions.length < 2 ? (
        <p className="muted">Only one version: nothing to compare.</p>
      ) : (
        <>
          <div className="row">
            <label>
              From version
              <select value={from ?? Math.max(0, last - 1)} onChange={(e) => setFrom(Number(e.target.value))}>
                {versions.map((x, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the version's identity in this fixed history
                  <option key={i} value={i}>
                    {versionText(x, i)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To version
              <select value={to ?? last} onChange={(e) => setTo(Number(e.target.value))}>
                {versions.map((x, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the version's identity in this fixed history
                  <option key={i} value={i}>
                    {versionText(x, i)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {a && b && <Diff a={a} b={b} />}
        </>
      )}
    </Status>
  );
}
