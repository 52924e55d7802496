// Communities and sharing groups: add, edit their members, disable. A community's members are
// the organisations that list it (changed on each organisation); a sharing group lists its own.
import { useState } from 'react';
import {
  useCommunities,
  useCommunityMembers,
  useCreate,
  useOrgs,
  useSharingGroups,
  useUpdate,
  type Community,
  type Org,
  type SharingGroup,
} from '../../api/admin.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import type { NamedOption } from '../../api/names.ts';
import { TextField } from './fields.tsx';
import { NameList, PickerField } from './picker.tsx';
import { Form } from './forms.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

type CommunityBody = Partial<Pick<Community, 'id' | 'name' | 'description' | 'disabled'>>;
type GroupBody = Partial<Pick<SharingGroup, 'name' | 'description' | 'ownerOrg' | 'members' | 'disabled'>>;

/** Organisations as picker options: name, country, and whether a peer hosts them. */
const orgOptions = (orgs: readonly Org[]): NamedOption[] =>
  orgs.map((o) => ({ value: o.id, name: o.name, country: o.country, detail: o.node ? 'at a peer' : 'organisation' }));
/** Organisation names by id, for the tables (ids on hover). */
const orgNames = (orgs: readonly Org[]): Map<string, NamedOption> => new Map(orgOptions(orgs).map((o) => [o.value, o]));

/** Enable, or disable after a confirmation. */
function StateButton({ name, disabled, onToggle }: { name: string; disabled: boolean; onToggle: () => void }) {
  return disabled ? (
    <button type="button" className="ghost" aria-label={`Enable ${name}`} onClick={onToggle}>
      Enable
    </button>
  ) : (
    <ConfirmButton label={`Disable ${name}`} text="Disable" confirm="Disable" onConfirm={onToggle} />
  );
}

function CommunityForm() {
  const create = useCreate<CommunityBody, Community>('/communities');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (): void =>
    create.mutate(
      { id, name, ...(description ? { description } : {}) },
      {
        onSuccess: () => {
          setId('');
          setName('');
          setDescription('');
        },
      },
    );
  return (
    <Form title="Add community" onSubmit={submit} error={create.error} pending={create.isPending}>
      <TextField label="Id" name="id" value={id} onChange={setId} required placeholder="nato" hint="lower-case letters, digits, dashes" />
      <TextField label="Name" name="name" value={name} onChange={setName} required />
      <TextField label="Description" name="description" value={description} onChange={setDescription} />
    </Form>
  );
}

function CommunityEditor({ community, orgs, onDone }: { community: Community; orgs: Org[]; onDone: () => void }) {
  const update = useUpdate<CommunityBody, Community>('/communities');
  const members = useCommunityMembers();
  const [name, setName] = useState(community.name);
  const [description, setDescription] = useState(community.description);
  const [chosen, setChosen] = useState(orgs.filter((o) => o.communities.includes(community.id)).map((o) => o.id));
  const submit = (): void => {
    members.reset();
    update.mutate(
      { id: community.id, body: { name, description } },
      {
        onSuccess: () => members.mutate({ id: community.id, orgIds: chosen, orgs }, { onSuccess: onDone }),
      },
    );
  };
  return (
    <Form
      title={`Edit ${community.name}`}
      submit="Save community"
      onSubmit={submit}
      error={update.error ?? members.error}
      pending={update.isPending || members.isPending}
      onCancel={onDone}
      className="editor"
    >
      <TextField label="Name" name="name" value={name} onChange={setName} required autoFocus />
      <TextField label="Description" name="description" value={description} onChange={setDescription} wide />
      <PickerField label="Member organisations" name="communities" options={orgOptions(orgs)} value={chosen} onChange={setChosen} />
    </Form>
  );
}

export function Communities({ admin }: { admin: boolean }) {
  const q = useCommunities();
  const orgs = useOrgs().data ?? [];
  const update = useUpdate<CommunityBody, Community>('/communities');
  const [editing, setEditing] = useState<string | null>(null);
  const edited = q.data?.find((c) => c.id === editing);
  const names = orgNames(orgs);
  const memberIds = (id: string): string[] => orgs.filter((o) => o.communities.includes(id)).map((o) => o.id);
  return (
    <>
      {admin && <CommunityForm />}
      <ActionError error={update.error} what="Not changed" />
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Communities"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            { header: 'Id', cell: (r) => r.id },
            { header: 'Name', cell: (r) => r.name },
            { header: 'Members', cell: (r) => <NameList ids={memberIds(r.id)} names={names} /> },
            { header: 'Description', cell: (r) => r.description },
            { header: 'State', cell: (r) => (r.disabled ? 'disabled' : 'active') },
            ...(admin
              ? [
                  {
                    header: 'Actions',
                    cell: (r: Community) => (
                      <span className="actions">
                        <button type="button" className="ghost" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r.id)}>
                          Edit
                        </button>
                        <StateButton
                          name={r.name}
                          disabled={r.disabled}
                          onToggle={() => update.mutate({ id: r.id, body: { disabled: !r.disabled } })}
                        />
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Status>
      {edited && <CommunityEditor key={edited.id} community={edited} orgs={orgs} onDone={() => setEditing(null)} />}
    </>
  );
}

/** Adds a sharing group (no `group`) owned by an organisation the caller administers, or edits one. */
function GroupForm({ group, owners, orgs, onDone }: { group?: SharingGroup; owners: Org[]; orgs: Org[]; onDone?: () => void }) {
  const create = useCreate<GroupBody, SharingGroup>('/sharing-groups');
  const update = useUpdate<GroupBody, SharingGroup>('/sharing-groups');
  const m = group ? update : create;
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [owner, setOwner] = useState(group?.ownerOrg ?? owners[0]?.id ?? '');
  // The owner is always a member (the server adds it): the list offers the others.
  const [members, setMembers] = useState<string[]>((group?.members ?? []).filter((m) => m !== group?.ownerOrg));
  const others = orgs.filter((o) => o.id !== owner);
  const submit = (): void => {
    if (group) update.mutate({ id: group.id, body: { name, description, members } }, { onSuccess: () => onDone?.() });
    else
      create.mutate(
        { name, description, ownerOrg: owner, members },
        {
          onSuccess: () => {
            setName('');
            setDescription('');
            setMembers([]);
          },
        },
      );
  };
  return (
    <Form
      title={group ? `Edit ${group.name}` : 'Add sharing group'}
      submit={group ? 'Save sharing group' : 'Add sharing group'}
      onSubmit={submit}
      error={m.error}
      pending={m.isPending}
      onCancel={onDone}
      className={group ? 'editor' : 'inline-form'}
    >
      <TextField label="Name" name="name" value={name} onChange={setName} required autoFocus={group !== undefined} />
      <TextField label="Description" name="description" value={description} onChange={setDescription} />
      {!group && (
        <PickerField
          label="Owner organisation"
          name="ownerOrg"
          single
          options={orgOptions(owners)}
          value={owner ? [owner] : []}
          onChange={(v) => setOwner(v[0] ?? '')}
        />
      )}
      <PickerField
        label="Members besides the owner"
        name="members"
        options={orgOptions(others)}
        names={orgNames(orgs)}
        value={members.filter((m) => m !== owner)}
        onChange={setMembers}
      />
    </Form>
  );
}

export function SharingGroups({ admin, orgId, orgAdmin }: { admin: boolean; orgId: string; orgAdmin: boolean }) {
  const q = useSharingGroups();
  const orgs = useOrgs().data ?? [];
  const update = useUpdate<GroupBody, SharingGroup>('/sharing-groups');
  const [editing, setEditing] = useState<string | null>(null);
  const edited = q.data?.find((g) => g.id === editing);
  const owners = orgs.filter((o) => o.node === null && !o.disabled && (admin || (orgAdmin && o.id === orgId)));
  // A group received with a peer's objects is managed on its origin node: here only a node
  // administrator may switch it off or on.
  const manages = (g: SharingGroup): boolean => g.origin === null && (admin || (orgAdmin && g.ownerOrg === orgId));
  const toggles = (g: SharingGroup): boolean => manages(g) || (g.origin !== null && admin);
  return (
    <>
      {owners.length > 0 && <GroupForm owners={owners} orgs={orgs} />}
      <ActionError error={update.error} what="Not changed" />
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Sharing groups"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            { header: 'Name', cell: (r) => r.name },
            { header: 'Owner', cell: (r) => <NameList ids={[r.ownerOrg]} names={orgNames(orgs)} /> },
            { header: 'Members', cell: (r) => <NameList ids={r.members} names={orgNames(orgs)} /> },
            { header: 'Description', cell: (r) => r.description },
            {
              header: 'Managed on',
              cell: (r) => (r.origin === null ? 'this node' : <span title={r.origin}>a peer node</span>),
            },
            { header: 'State', cell: (r) => (r.disabled ? 'disabled' : 'active') },
            {
              header: 'Actions',
              cell: (r) =>
                toggles(r) && (
                  <span className="actions">
                    {manages(r) && (
                      <button type="button" className="ghost" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r.id)}>
                        Edit
                      </button>
                    )}
                    <StateButton
                      name={r.name}
                      disabled={r.disabled}
                      onToggle={() => update.mutate({ id: r.id, body: { disabled: !r.disabled } })}
                    />
                  </span>
                ),
            },
          ]}
        />
      </Status>
      {edited && <GroupForm key={edited.id} group={edited} owners={owners} orgs={orgs} onDone={() => setEditing(null)} />}
    </>
  );
}
