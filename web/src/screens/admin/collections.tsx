// TAXII 2.1 collections (issue 4): a saved query over the store or a write target, with read and
// write grants to every signed-in user, communities or organisations. Node administrators only.
import { useState } from 'react';
import { useCommunities, useOrgs } from '../../api/admin.ts';
import {
  useAddCollection,
  useCollections,
  useRemoveCollection,
  useUpdateCollection,
  type Collection,
  type CollectionBody,
} from '../../api/collections.ts';
import { useIdentityNames, useIdentityOptions, type NamedOption } from '../../api/names.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { CheckList, SelectField, TextField } from './fields.tsx';
import { Form, splitList } from './forms.tsx';
import { NameList, PickerField } from './picker.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

/** Every grant that can be given: everyone, each community, each organisation. */
function useGrantOptions(): (readonly [string, string])[] {
  const communities = useCommunities().data ?? [];
  const orgs = useOrgs().data ?? [];
  return [
    ['*', 'every signed-in user'],
    ...communities.map((c) => [`community:${c.id}`, `community ${c.name}`] as const),
    ...orgs.map((o) => [`org:${o.id}`, o.name] as const),
  ];
}

function grantText(options: readonly (readonly [string, string])[], grants: readonly string[]): string {
  return grants.length === 0 ? 'nobody' : grants.map((g) => options.find(([v]) => v === g)?.[1] ?? g).join(', ');
}

/** Adds a collection (no `collection`) or edits one; its kind is fixed once made. */
function CollectionForm({ collection, onDone }: { collection?: Collection; onDone?: () => void }) {
  const add = useAddCollection();
  const update = useUpdateCollection();
  const m = collection ? update : add;
  const grants = useGrantOptions();
  const c = collection;
  const [title, setTitle] = useState(c?.title ?? '');
  const [alias, setAlias] = useState(c?.alias ?? '');
  const [description, setDescription] = useState(c?.description ?? '');
  const [kind, setKind] = useState<'query' | 'target'>(c?.kind ?? 'query');
  const [types, setTypes] = useState((c?.query.types ?? []).join(', '));
  const [labels, setLabels] = useState((c?.query.labels ?? []).join(', '));
  const [creators, setCreators] = useState<string[]>(c?.query.createdByRefs ?? []);
  const [search, setSearch] = useState('');
  const identities = useIdentityOptions(search);
  const creatorNames = useIdentityNames(creators);
  const [read, setRead] = useState<string[]>(c?.read ?? []);
  const [write, setWrite] = useState<string[]>(c?.write ?? []);
  const submit = (): void => {
    const query = kind === 'query' ? { types: splitList(types), labels: splitList(labels), createdByRefs: creators } : {};
    const body: CollectionBody = { title, description, alias: alias.trim() || null, read, write: kind === 'target' ? write : [], ...query };
    if (c) update.mutate({ id: c.id, body }, { onSuccess: () => onDone?.() });
    else
      add.mutate(
        { ...body, kind },
        {
          onSuccess: () => {
            setTitle('');
            setAlias('');
            setDescription('');
            setTypes('');
            setLabels('');
            setCreators([]);
            setRead([]);
            setWrite([]);
          },
        },
      );
  };
  return (
    <Form
      title={c ? `Edit ${c.title}` : 'Add collection'}
      submit={c ? 'Save collection' : 'Add collection'}
      onSubmit={submit}
      error={m.error}
      pending={m.isPending}
      onCancel={onDone}
      className={c ? 'editor' : 'inline-form'}
    >
      <TextField label="Title" name="title" value={title} onChange={setTitle} required autoFocus={c !== undefined} />
      <TextField
        label="Alias"
        name="alias"
        value={alias}
        onChange={setAlias}
        placeholder="partners"
        hint="optional; in URLs instead of the id"
      />
      <SelectField
        label="Kind"
        name="kind"
        value={kind}
        onChange={(v) => setKind(v === 'target' ? 'target' : 'query')}
        disabled={c !== undefined}
        options={[
          ['query', 'saved query (read)'],
          ['target', 'write target (clients add objects)'],
        ]}
      />
      <TextField label="Description" name="description" value={description} onChange={setDescription} wide />
      {kind === 'query' && (
        <>
          <TextField
            label="Object types"
            name="types"
            value={types}
            onChange={setTypes}
            placeholder="indicator, malware"
            hint="empty: every type"
          />
          <TextField label="Labels" name="labels" value={labels} onChange={setLabels} placeholder="ics, energy" />
          <PickerField
            label="Created by"
            name="createdByRefs"
            options={identities}
            names={creatorNames}
            value={creators}
            onChange={setCreators}
            onSearch={setSearch}
            hint="organisations of this node and identities held in the store; empty: anyone"
          />
        </>
      )}
      <CheckList legend="Who may read" name="read" options={grants} selected={read} onChange={setRead} />
      {kind === 'target' && <CheckList legend="Who may write" name="write" options={grants} selected={write} onChange={setWrite} />}
    </Form>
  );
}

function QuerySummary({ c, names }: { c: Collection; names: ReadonlyMap<string, NamedOption> }) {
  if (c.kind === 'target') return <>what clients add</>;
  const parts = [c.query.types?.length ? `types ${c.query.types.join(', ')}` : 'every type'];
  if (c.query.labels?.length) parts.push(`labels ${c.query.labels.join(', ')}`);
  const by = c.query.createdByRefs ?? [];
  return (
    <>
      {parts.join('; ')}
      {by.length > 0 && (
        <>
          ; by <NameList ids={by} names={names} />
        </>
      )}
    </>
  );
}

export function Collections() {
  const q = useCollections(true);
  const remove = useRemoveCollection();
  const grants = useGrantOptions();
  const creatorNames = useIdentityNames((q.data ?? []).flatMap((c) => c.query.createdByRefs ?? []));
  const [editing, setEditing] = useState<string | null>(null);
  const edited = q.data?.find((c) => c.id === editing);
  return (
    <>
      <CollectionForm />
      <ActionError error={remove.error} what="Not removed" />
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="TAXII collections"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            {
              header: 'Title',
              cell: (r) => (
                <>
                  {r.title}
                  <br />
                  <code className="muted small">/taxii2/api/collections/{r.alias ?? r.id}/</code>
                </>
              ),
            },
            { header: 'Kind', cell: (r) => r.kind },
            { header: 'Contents', cell: (r) => <QuerySummary c={r} names={creatorNames} /> },
            { header: 'Read', cell: (r) => grantText(grants, r.read) },
            { header: 'Write', cell: (r) => (r.kind === 'target' ? grantText(grants, r.write) : '—') },
            {
              header: 'Actions',
              cell: (r) => (
                <span className="actions">
                  <button type="button" className="ghost" aria-label={`Edit ${r.title}`} onClick={() => setEditing(r.id)}>
                    Edit
                  </button>
                  <ConfirmButton
                    label={`Remove ${r.title}`}
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
      {edited && <CollectionForm key={edited.id} collection={edited} onDone={() => setEditing(null)} />}
    </>
  );
}
