// TAXII 2.1 feeds this node pulls (issue 4, item 3): add one (URL, collection, credentials,
// interval, markings of what arrives unmarked), see the last pull and its error, pull now, rename,
// remove. Feeds have names (issue 15, must 9), shown wherever a feed is referred to.
// Adding resolves the collection at once, so a wrong URL or credential is refused on the spot.
import { useEffect, useState } from 'react';
import { TLPS } from '../../api/admin.ts';
import {
  useAddFeed,
  useFeeds,
  usePullFeed,
  useRemoveFeed,
  useRenameFeed,
  type Feed,
  type FeedBody,
  type FeedPullResult,
  type FeedRunning,
} from '../../api/feeds.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { SelectField, TextField } from './fields.tsx';
import { Form, when } from './forms.tsx';
import { useDistributionOptions } from './orgs.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

const INTERVALS = [
  ['300', 'every 5 minutes'],
  ['900', 'every 15 minutes'],
  ['3600', 'every hour'],
  ['21600', 'every 6 hours'],
  ['86400', 'every day'],
] as const;

function intervalText(seconds: number): string {
  return INTERVALS.find(([s]) => Number(s) === seconds)?.[1] ?? `every ${seconds} s`;
}

/** What a pull did, in one line. */
export function pullText(r: FeedPullResult | null): string {
  if (r === null) return 'never pulled';
  const counts = `${r.objects} objects: ${r.accepted} new, ${r.unchanged} unchanged, ${r.quarantined} quarantined`;
  return r.ok ? `ok, ${counts}` : `failed: ${r.error ?? 'unknown error'} (${counts})`;
}

function FeedForm() {
  const add = useAddFeed();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [collection, setCollection] = useState('');
  const [auth, setAuth] = useState<'none' | 'basic' | 'token'>('token');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [every, setEvery] = useState('900');
  const [tlp, setTlp] = useState('');
  const [distribution, setDistribution] = useState('');
  const distributions = useDistributionOptions(distribution || 'organization');
  const submit = (): void => {
    const body: FeedBody = {
      name: name.trim(),
      url: url.trim(),
      intervalSeconds: Number(every),
      ...(collection.trim() ? { collection: collection.trim() } : {}),
      ...(auth === 'basic' ? { user, password } : auth === 'token' ? { token } : {}),
      ...(tlp ? { tlp } : {}),
      ...(distribution.trim() ? { distribution: distribution.trim() } : {}),
    };
    add.mutate(body, {
      onSuccess: () => {
        setName('');
        setUrl('');
        setCollection('');
        setPassword('');
        setToken('');
      },
    });
  };
  return (
    <Form title="Add feed" onSubmit={submit} error={add.error} pending={add.isPending}>
      <TextField label="Name" name="name" value={name} onChange={setName} required placeholder="CIRCL OSINT" hint="unique on this node" />
      <TextField
        label="TAXII URL"
        name="url"
        value={url}
        onChange={setUrl}
        required
        wide
        placeholder="https://taxii.example.org/taxii2/"
        hint="a discovery URL, an API root or a collection URL"
      />
      <TextField
        label="Collection (id or alias)"
        name="collection"
        value={collection}
        onChange={setCollection}
        hint="needed when the URL is not a collection's"
      />
      <SelectField
        label="Credentials"
        name="auth"
        value={auth}
        onChange={(v) => setAuth(v === 'basic' ? 'basic' : v === 'none' ? 'none' : 'token')}
        options={[
          ['token', 'bearer token'],
          ['basic', 'user name and password'],
          ['none', 'none'],
        ]}
      />
      {auth === 'token' && <TextField label="Token" name="token" type="password" value={token} onChange={setToken} required />}
      {auth === 'basic' && (
        <>
          <TextField label="User name" name="user" value={user} onChange={setUser} required />
          <TextField label="Password" name="password" type="password" value={password} onChange={setPassword} required />
        </>
      )}
      <SelectField label="Pull" name="intervalSeconds" value={every} onChange={setEvery} options={INTERVALS} />
      <SelectField
        label="TLP of unmarked objects"
        name="tlp"
        value={tlp}
        onChange={setTlp}
        options={[['', 'organisation default'], ...TLPS.map((t) => [t, `TLP:${t.toUpperCase()}`] as const)]}
      />
      <SelectField
        label="Distribution of unmarked objects"
        name="distribution"
        value={distribution}
        onChange={setDistribution}
        options={[['', 'organisation default'], ...distributions]}
      />
    </Form>
  );
}

/** How far a pull under way has come. */
function progressText(r: FeedRunning): string {
  const mib = r.bytes / 2 ** 20;
  return `pulling: ${r.objects.toLocaleString('en')} objects in ${r.pages} pages (${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MiB), ${r.accepted.toLocaleString('en')} new so far…`;
}

/** Renames a feed in place. */
function RenameForm({ feed, onDone }: { feed: Feed; onDone: () => void }) {
  const rename = useRenameFeed();
  const [name, setName] = useState(feed.name);
  return (
    <Form
      title={`Rename ${feed.name}`}
      submit="Save name"
      onSubmit={() => rename.mutate({ id: feed.id, body: { name: name.trim() } }, { onSuccess: onDone })}
      error={rename.error}
      pending={rename.isPending}
      onCancel={onDone}
      className="editor"
    >
      <TextField label="Name" name="name" value={name} onChange={setName} required autoFocus />
    </Form>
  );
}

export function Feeds() {
  const pull = usePullFeed();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [watch, setWatch] = useState(false);
  const q = useFeeds(true, pull.isPending || watch);
  const remove = useRemoveFeed();
  const pulling = pull.isPending ? pull.variables : null;
  // A scheduled pull may be under way too: keep reading while any is.
  const anyRunning = (q.data ?? []).some((f) => f.running !== null);
  useEffect(() => setWatch(anyRunning), [anyRunning]);
  const renamed = q.data?.find((f) => f.id === renaming);
  return (
    <>
      <FeedForm />
      <ActionError error={pull.error} what="Not pulled" />
      <ActionError error={remove.error} what="Not removed" />
      {pull.data && (
        <p role="status" data-testid="feed-pulled" className={pull.data.ok ? 'ok' : 'error'}>
          Pulled feed {q.data?.find((f) => f.id === pull.variables)?.name ?? pull.variables}: {pullText(pull.data)}
        </p>
      )}
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="TAXII feeds"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            {
              header: 'Feed',
              cell: (r) => (
                <>
                  <strong title={`feed ${r.id}`}>{r.name}</strong>
                  <br />
                  <span className="muted small break">{r.objectsUrl}</span>
                </>
              ),
            },
            { header: 'Credentials', cell: (r) => (r.auth.kind === 'basic' ? `basic (${r.auth.user ?? ''})` : r.auth.kind) },
            { header: 'Pull', cell: (r) => intervalText(r.intervalSeconds) },
            { header: 'Last pull', cell: (r) => when(r.lastPullAt) },
            {
              header: 'Result',
              cell: (r: Feed) =>
                r.running !== null ? (
                  <span role="status" data-testid="feed-progress">
                    {progressText(r.running)}
                  </span>
                ) : (
                  <span className={r.lastResult?.ok === false ? 'error' : ''}>
                    {pullText(r.lastResult)}
                    {r.resuming ? ' · resumes an interrupted run' : ''}
                  </span>
                ),
            },
            {
              header: 'Actions',
              cell: (r) => (
                <span className="actions">
                  <button
                    type="button"
                    className="ghost"
                    aria-label={`Pull ${r.name} now`}
                    disabled={pulling === r.id}
                    onClick={() => pull.mutate(r.id)}
                  >
                    {pulling === r.id ? 'Pulling…' : 'Pull now'}
                  </button>
                  <button type="button" className="ghost" aria-label={`Rename ${r.name}`} onClick={() => setRenaming(r.id)}>
                    Rename
                  </button>
                  <ConfirmButton
                    label={`Remove ${r.name}`}
                    text="Remove"
                    confirm="Remove (objects stay)"
                    onConfirm={() => remove.mutate(r.id)}
                  />
                </span>
              ),
            },
          ]}
        />
      </Status>
      {renamed && <RenameForm key={renamed.id} feed={renamed} onDone={() => setRenaming(null)} />}
    </>
  );
}
