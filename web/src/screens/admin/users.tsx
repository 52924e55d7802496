// Users and API tokens: add a user, edit roles and clearances, disable, set a one-time password
// (shown once); list a user's tokens, create and revoke them. Node administrators manage every
// user, organisation administrators their organisation's; the server decides and says why not.
import { useState } from 'react';
import {
  ROLES,
  useCreate,
  useOrgs,
  useResetPassword,
  useSchemes,
  useRevokeToken,
  useTokens,
  useUpdate,
  useUserTokens,
  useUsers,
  type Token,
  type User,
} from '../../api/admin.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { CheckList, LevelsField, SelectField, TextField } from './fields.tsx';
import { localError } from './form-state.tsx';
import { Form, listText, when } from './forms.tsx';
import { PickerField } from './picker.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

interface UserBody {
  orgId?: string;
  username?: string;
  displayName?: string;
  roles?: string[];
  clearances?: Record<string, string>;
  disabled?: boolean;
}

/** Adds a user to an organisation the caller administers; shows the one-time password once. */
export function UserForm({ orgId, admin }: { orgId: string; admin: boolean }) {
  const create = useCreate<UserBody, { user: User; password?: string }>('/users');
  const orgs = (useOrgs().data ?? []).filter((o) => o.node === null && !o.disabled && (admin || o.id === orgId));
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [org, setOrg] = useState(orgId);
  const [roles, setRoles] = useState<string[]>(['analyst']);
  const [clearances, setClearances] = useState<Record<string, string>>({});
  const schemes = useSchemes().data ?? [];
  const submit = (): void => {
    const body = { orgId: org, username, roles, clearances, ...(displayName ? { displayName } : {}) };
    create.mutate(body, {
      onSuccess: () => {
        setUsername('');
        setDisplayName('');
        setClearances({});
      },
    });
  };
  return (
    <Form
      title="Add user"
      onSubmit={submit}
      error={create.error}
      pending={create.isPending}
      result={
        create.data?.password && (
          <p role="status" className="secret">
            One-time password for {create.data.user.username} (shown once; give it over another channel):{' '}
            <code data-testid="new-password">{create.data.password}</code>
          </p>
        )
      }
    >
      <TextField label="User name" name="username" value={username} onChange={setUsername} required />
      <TextField label="Display name" name="displayName" value={displayName} onChange={setDisplayName} />
      <PickerField
        label="Organisation"
        name="orgId"
        single
        options={orgs.map((o) => ({ value: o.id, name: o.name, country: o.country }))}
        value={org ? [org] : []}
        onChange={(v) => setOrg(v[0] ?? '')}
      />
      <CheckList
        legend="Roles"
        name="roles"
        options={ROLES.filter((r) => admin || r !== 'admin').map((r) => [r, r])}
        selected={roles}
        onChange={setRoles}
      />
      <LevelsField legend="Clearances" name="clearances" schemes={schemes} value={clearances} onChange={setClearances} />
    </Form>
  );
}

function UserEditor({ user, admin, onDone }: { user: User; admin: boolean; onDone: () => void }) {
  const update = useUpdate<UserBody, User>('/users');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [clearances, setClearances] = useState<Record<string, string>>(user.clearances);
  const schemes = useSchemes().data ?? [];
  const [local, setLocal] = useState<Error | null>(null);
  const submit = (): void => {
    setLocal(null);
    try {
      const body = { displayName, roles, clearances };
      if (roles.length === 0) throw localError('roles', 'a user needs at least one role');
      update.mutate({ id: user.id, body }, { onSuccess: onDone });
    } catch (e) {
      setLocal(e as Error);
    }
  };
  return (
    <Form
      title={`Edit ${user.username}`}
      submit="Save user"
      onSubmit={submit}
      error={local ?? update.error}
      pending={update.isPending}
      onCancel={onDone}
      className="editor"
    >
      <TextField label="Display name" name="displayName" value={displayName} onChange={setDisplayName} required autoFocus />
      <CheckList
        legend="Roles"
        name="roles"
        options={ROLES.filter((r) => admin || r !== 'admin' || user.roles.includes('admin')).map((r) => [r, r])}
        selected={roles}
        onChange={setRoles}
      />
      <LevelsField legend="Clearances" name="clearances" schemes={schemes} value={clearances} onChange={setClearances} />
    </Form>
  );
}

/** Creates an API token for `userId` (default: the caller); shows its secret once. */
export function TokenForm({ userId }: { userId?: string }) {
  const create = useCreate<{ name: string; scope: string; userId?: string }, { secret: string }>('/tokens');
  const [name, setName] = useState('');
  const [scope, setScope] = useState('read');
  return (
    <Form
      title={userId ? 'Create token for this user' : 'Create token'}
      onSubmit={() => create.mutate({ name, scope, ...(userId ? { userId } : {}) })}
      error={create.error}
      pending={create.isPending}
      result={
        create.data && (
          <p role="status" className="secret">
            Secret (shown once): <code data-testid="token-secret">{create.data.secret}</code>
          </p>
        )
      }
    >
      <TextField label="Token name" name="name" value={name} onChange={setName} required />
      <SelectField
        label="Scope"
        name="scope"
        value={scope}
        onChange={setScope}
        options={[
          ['read', 'read'],
          ['read-write', 'read-write'],
        ]}
      />
    </Form>
  );
}

/** A table of tokens with revocation. */
export function TokenTable({ tokens, label, owner }: { tokens: Token[]; label: string; owner?: (t: Token) => string }) {
  const revoke = useRevokeToken();
  return (
    <>
      <ActionError error={revoke.error} what="Not revoked" />
      <SimpleTable
        label={label}
        rows={tokens}
        rowKey={(r) => r.id}
        cols={[
          { header: 'Name', cell: (r) => r.name },
          ...(owner ? [{ header: 'User', cell: owner }] : []),
          { header: 'Scope', cell: (r) => r.scope },
          { header: 'Created', cell: (r) => when(r.createdAt) },
          { header: 'Expires', cell: (r) => when(r.expiresAt) },
          { header: 'Last used', cell: (r) => when(r.lastUsedAt) },
          {
            header: 'State',
            cell: (r) =>
              r.revokedAt ? (
                `revoked ${when(r.revokedAt)}`
              ) : (
                <ConfirmButton label={`Revoke ${r.name}`} text="Revoke" confirm="Revoke now" onConfirm={() => revoke.mutate(r.id)} />
              ),
          },
        ]}
      />
    </>
  );
}

function UserTokens({ user, onDone }: { user: User; onDone: () => void }) {
  const q = useUserTokens(user.id);
  return (
    <section className="editor" aria-label={`Tokens of ${user.username}`}>
      <h3>
        API tokens of {user.username}{' '}
        <button type="button" className="ghost" onClick={onDone}>
          Close
        </button>
      </h3>
      <Status loading={q.isPending} error={q.error}>
        <TokenTable tokens={q.data ?? []} label={`Tokens of ${user.username}`} />
      </Status>
      <TokenForm userId={user.id} />
    </section>
  );
}

/** The caller's own tokens (every token, for node administrators). */
export function Tokens({ admin }: { admin: boolean }) {
  const q = useTokens();
  const users = useUsers().data ?? [];
  const owner = (t: Token): string => users.find((u) => u.id === t.userId)?.username ?? t.userId;
  return (
    <>
      <TokenForm />
      <Status loading={q.isPending} error={q.error}>
        <TokenTable tokens={q.data ?? []} label="API tokens" {...(admin ? { owner } : {})} />
      </Status>
    </>
  );
}

export function Users({ orgId, admin, orgAdmin }: { orgId: string; admin: boolean; orgAdmin: boolean }) {
  const q = useUsers();
  const orgs = useOrgs().data ?? [];
  const update = useUpdate<UserBody, User>('/users');
  const reset = useResetPassword();
  const [open, setOpen] = useState<{ id: string; what: 'edit' | 'tokens' } | null>(null);
  const [reveal, setReveal] = useState<{ username: string; password: string } | null>(null);
  const manage = admin || orgAdmin;
  const chosen = q.data?.find((u) => u.id === open?.id);
  const resetFor = (u: User): void => reset.mutate(u.id, { onSuccess: (password) => setReveal({ username: u.username, password }) });
  return (
    <>
      {manage && <UserForm orgId={orgId} admin={admin} />}
      <ActionError error={update.error} what="Not changed" />
      <ActionError error={reset.error} what="Password not reset" />
      {reveal && (
        <p role="status" className="secret">
          New one-time password for {reveal.username} (shown once; their sessions were ended):{' '}
          <code data-testid="reset-password">{reveal.password}</code>
          <button type="button" className="ghost" onClick={() => setReveal(null)}>
            Done
          </button>
        </p>
      )}
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Users"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            { header: 'User', cell: (r) => r.username },
            { header: 'Name', cell: (r) => r.displayName },
            {
              header: 'Organisation',
              cell: (r) => <span title={r.orgId}>{orgs.find((o) => o.id === r.orgId)?.name ?? 'unknown organisation'}</span>,
            },
            { header: 'Roles', cell: (r) => listText(r.roles) },
            { header: 'Clearances', cell: (r) => listText(Object.entries(r.clearances).map(([s, l]) => `${s}: ${l}`)) },
            { header: 'State', cell: (r) => (r.disabled ? 'disabled' : 'active') },
            ...(manage
              ? [
                  {
                    header: 'Actions',
                    cell: (r: User) => (
                      <span className="actions">
                        <button
                          type="button"
                          className="ghost"
                          aria-label={`Edit ${r.username}`}
                          onClick={() => setOpen({ id: r.id, what: 'edit' })}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="ghost"
                          aria-label={`Tokens of ${r.username}`}
                          onClick={() => setOpen({ id: r.id, what: 'tokens' })}
                        >
                          Tokens
                        </button>
                        <ConfirmButton
                          label={`Reset password of ${r.username}`}
                          text="Reset password"
                          confirm="Set a one-time password"
                          onConfirm={() => resetFor(r)}
                        />
                        {r.disabled ? (
                          <button
                            type="button"
                            className="ghost"
                            aria-label={`Enable ${r.username}`}
                            onClick={() => update.mutate({ id: r.id, body: { disabled: false } })}
                          >
                            Enable
                          </button>
                        ) : (
                          <ConfirmButton
                            label={`Disable ${r.username}`}
                            text="Disable"
                            confirm="Disable and sign out"
                            onConfirm={() => update.mutate({ id: r.id, body: { disabled: true } })}
                          />
                        )}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Status>
      {chosen && open?.what === 'edit' && <UserEditor key={chosen.id} user={chosen} admin={admin} onDone={() => setOpen(null)} />}
      {chosen && open?.what === 'tokens' && <UserTokens key={chosen.id} user={chosen} onDone={() => setOpen(null)} />}
    </>
  );
}
