// Administration resources: one query per list, and the mutations that change them. Each list is
// what the API lets the signed-in user see (organisation administrators see their own
// organisation); the server decides what may change, and its refusals come back as ApiError.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.ts';
import { ME } from './session.ts';

// The API returns these records as the domain defines them; the types are shared, not restated.
import type { ApiToken as Token, Community, Org, SharingGroup, User } from '../../../src/domain/identity/types.ts';
import type { ClassificationScheme } from '../../../src/domain/markings/classification.ts';
import type { VerifyResult } from '../../../src/domain/audit/diagnose.ts';
import type { WitnessReport } from '../../../src/domain/federation/audit-witness.ts';
export type { ClassificationScheme, Community, Org, SharingGroup, Token, User };
export { ROLES } from '../../../src/domain/identity/types.ts';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  /** Object ids left out: the caller may not read those objects (issue 14). */
  withheld?: number;
}

/** TLP 2.0 labels, least restrictive first. */
export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/** A list at `path` under `key` in the response; null when the endpoint is absent (404). */
export function useAdminList<T>(path: string, key: string, enabled = true, optional = false, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: ['admin', path],
    enabled,
    refetchInterval,
    queryFn: async (): Promise<T[] | null> => {
      try {
        const body = await api<Record<string, T[]> | T[]>(path);
        return Array.isArray(body) ? body : (body[key] ?? []);
      } catch (e) {
        if (optional && e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

export const useOrgs = () => useAdminList<Org>('/orgs', 'orgs');
/** The node's classification schemes, each with its levels lowest first (node configuration). */
export const useSchemes = () => useAdminList<ClassificationScheme>('/markings/schemes', 'schemes');
export const useUsers = () => useAdminList<User>('/users', 'users');
export const useTokens = () => useAdminList<Token>('/tokens', 'tokens');
/** One user's tokens (node administrators, or the user). */
export const useUserTokens = (userId: string) => useAdminList<Token>(`/tokens?userId=${encodeURIComponent(userId)}`, 'tokens');
export const useCommunities = () => useAdminList<Community>('/communities', 'communities');
export const useSharingGroups = () => useAdminList<SharingGroup>('/sharing-groups', 'sharingGroups');
export const useAudit = (admin: boolean) => useAdminList<AuditEntry>('/audit?limit=200', 'entries', admin);

/** The chain's verification, and what each peer witnessed of it (http/audit/routes.ts). */
export type AuditVerify = VerifyResult & { witnesses: WitnessReport[] };

export function useAuditVerify() {
  return useMutation({ mutationFn: () => api<AuditVerify>('/audit/verify') });
}

/** Refreshes every administration list whose path starts with one of `paths`, and the signed-in
 *  user (api/session.ts): a change to an organisation or a user may be the caller's own (a new
 *  name, roles, communities), and the header must show it at once (issue 15, must 10). */
export function useRefresh(paths: readonly string[]) {
  const client = useQueryClient();
  return (): void => {
    void client.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'admin' && paths.some((p) => String(q.queryKey[1]).startsWith(p)),
    });
    if (paths.some((p) => p.startsWith('/orgs') || p.startsWith('/users'))) void client.invalidateQueries({ queryKey: ME });
  };
}

/** POST to an administration list, then refresh it (and `also`). */
export function useCreate<TBody, TResult = unknown>(path: string, also: readonly string[] = []) {
  const refresh = useRefresh([path, ...also]);
  return useMutation({ mutationFn: (body: TBody) => api<TResult>(path, { method: 'POST', json: body }), onSuccess: refresh });
}

/** PATCH one record of an administration list, then refresh it (and `also`). */
export function useUpdate<TBody, TResult = unknown>(path: string, also: readonly string[] = []) {
  const refresh = useRefresh([path, ...also]);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TBody }) =>
      api<TResult>(`${path}/${encodeURIComponent(id)}`, { method: 'PATCH', json: body }),
    onSuccess: refresh,
  });
}

/** Pulls one feed or peer of an administration list now (POST …/:id/pull), then refreshes the
 *  list, which keeps the result; resolves to what the pull did (a failure on the far side is a result). */
export function usePullNow<TResult>(path: string) {
  const refresh = useRefresh([path]);
  return useMutation({
    mutationFn: (id: string) => api<TResult>(`${path}/${encodeURIComponent(id)}/pull`, { method: 'POST' }),
    onSettled: refresh,
  });
}

/** DELETE one record of an administration list, then refresh it. */
export function useRemove(path: string, also: readonly string[] = []) {
  const refresh = useRefresh([path, ...also]);
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`${path}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export const useRevokeToken = () => useRemove('/tokens');

// The alphabet of the server's own one-time passwords (src/services/secrets.ts): no 0/O, 1/l/I.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 20-character password from the browser's CSPRNG (rejection sampling keeps it uniform). */
export function newOneTimePassword(): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < 20) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) if (b < limit && out.length < 20) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}

/** Sets a new one-time password on a user (the API signs the user out everywhere); resolves to it. */
export function useResetPassword() {
  return useMutation({
    mutationFn: async (userId: string): Promise<string> => {
      const password = newOneTimePassword();
      // A one-time password: the user must choose their own at next sign-in.
      await api<User>(`/users/${encodeURIComponent(userId)}`, { method: 'PATCH', json: { password, mustChangePassword: true } });
      return password;
    },
  });
}

/** Makes `orgIds` exactly the members of community `id`, by changing each organisation whose
 *  membership differs (membership is kept on the organisation: its `communities`). */
export function useCommunityMembers() {
  const refresh = useRefresh(['/orgs', '/communities']);
  return useMutation({
    mutationFn: async ({ id, orgIds, orgs }: { id: string; orgIds: readonly string[]; orgs: readonly Org[] }): Promise<void> => {
      for (const o of orgs) {
        const member = o.communities.includes(id);
        const wanted = orgIds.includes(o.id);
        if (member === wanted) continue;
        const communities = wanted ? [...o.communities, id] : o.communities.filter((c) => c !== id);
        await api<Org>(`/orgs/${encodeURIComponent(o.id)}`, { method: 'PATCH', json: { communities } });
      }
    },
    onSettled: refresh,
  });
}
