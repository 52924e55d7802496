// The signed-in user: /auth/me, login and logout (issue 3 sessions: HttpOnly cookie + CSRF token).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrf } from './client.ts';
import type { Disclosure } from '../../../src/domain/sightings/api.ts';

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: string[];
    clearances: Record<string, string>;
    orgId: string;
    mustChangePassword: boolean;
  };
  org: {
    id: string;
    name: string;
    country: string | null;
    communities: string[];
    /** Markings given to what the organisation imports or creates without its own (the Import screen names them). */
    defaultTlp: string;
    defaultDistribution: string;
    /** NIS2 (issue 16): the organisation's role, its Annex I/II sectors (`sector` or
     *  `sector/subsector`) and the CSIRT whose constituency it is in. */
    nis2Role?: 'csirt' | 'essential' | 'important' | null;
    sectors?: string[];
    csirtOrg?: string | null;
    /** What partners learn of who sighted, unless a sighting says otherwise (issue 17, must 2). */
    sightingDisclosure?: Disclosure;
  };
  csrfToken?: string;
}

/** The signed-in user's query key: administration changes refresh it (api/admin.ts). */
export const ME = ['me'] as const;

// Whether this browser signed in: the session cookie is HttpOnly, so the app cannot see it, and
// asking /auth/me without a session answers 401, which the browser logs as a console error.
const SIGNED_IN = 'concord.signedIn';
const remember = (on: boolean): void => {
  if (on) localStorage.setItem(SIGNED_IN, '1');
  else localStorage.removeItem(SIGNED_IN);
};

/** Forgets every cached answer but the user's own (a new user must not see the last one's data). */
function forgetData(client: ReturnType<typeof useQueryClient>): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
}

/** The signed-in user, or null when there is no (valid) session. */
export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<Me | null> => {
      if (localStorage.getItem(SIGNED_IN) === null) return null;
      try {
        const me = await api<Me>('/auth/me');
        setCsrf(me.csrfToken ?? null);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          remember(false);
          return null;
        }
        throw e;
      }
    },
    staleTime: Infinity,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (creds: { username: string; password: string }) => api<Me>('/auth/login', { method: 'POST', json: creds }),
    onSuccess: (me) => {
      setCsrf(me.csrfToken ?? null);
      remember(true);
      forgetData(client);
      client.setQueryData(ME, me);
    },
  });
}

/**
 * Replaces a one-time password with the user's own. Changing it ends the user's sessions, this one
 * included, so the browser signs in again with the new password.
 */
export function useChangePassword() {
  const login = useLogin();
  return useMutation({
    mutationFn: async ({ me, password }: { me: Me; password: string }): Promise<void> => {
      await api(`/users/${encodeURIComponent(me.user.id)}`, { method: 'PATCH', json: { password } });
      await login.mutateAsync({ username: me.user.username, password });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrf(null);
      remember(false);
      forgetData(client);
      client.setQueryData(ME, null);
    },
  });
}

/** Whether the user administers the node. */
export const isAdmin = (me: Me | null | undefined): boolean => me?.user.roles.includes('admin') ?? false;
