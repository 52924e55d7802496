// Names for the ids administrators pick and read (issue 15, must 9): the node's organisations
// (with their country) and the identities held in the store (a collection's "created by", a
// peer's organisations). Forms choose from these by name; tables show the name, the id on hover.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useOrgs } from './admin.ts';
import { api, qs } from './client.ts';
import type { Stix } from './objects.ts';

/** One choice of a picker: the value sent, the name shown, and what tells two names apart. */
export interface NamedOption {
  value: string;
  name: string;
  /** The country (ISO alpha-2) when known. */
  country?: string | null;
  /** A second line: "organisation on this node", "identity (class)". */
  detail?: string;
}

/** The organisations this node knows, as picker options (hosted here or at a peer). */
export function useOrgOptions(): NamedOption[] {
  const orgs = useOrgs().data ?? [];
  return orgs.map((o) => ({
    value: o.id,
    name: o.name,
    country: o.country,
    detail: o.node === null ? `organisation${o.disabled ? ' (disabled)' : ''}` : 'organisation at a peer',
  }));
}

/** Identity objects held in the store whose name matches `text` (every one when empty, up to 50). */
export function useIdentitySearch(text: string, enabled = true) {
  return useQuery({
    queryKey: ['identities', text],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<NamedOption[]> => {
      const page = await api<{ objects: Stix[] }>(`/objects${qs({ type: 'identity', q: text.trim() || undefined, limit: 50 })}`);
      return page.objects.map((o) => ({
        value: o.id,
        name: o.name ?? o.id,
        detail: `identity${typeof o['identity_class'] === 'string' ? ` (${o['identity_class']})` : ''}`,
      }));
    },
  });
}

/** The organisations, then the identities matching `text` that are not organisations. */
export function useIdentityOptions(text: string): NamedOption[] {
  const orgs = useOrgOptions();
  const held = useIdentitySearch(text).data ?? [];
  const known = new Set(orgs.map((o) => o.value));
  return [...orgs, ...held.filter((h) => !known.has(h.value))];
}

/** Names of the given identity ids (organisations first, then identities in the store). */
export function useIdentityNames(ids: readonly string[]): Map<string, NamedOption> {
  const orgs = useOrgOptions();
  const wanted = [...new Set(ids)].sort();
  const missing = wanted.filter((id) => !orgs.some((o) => o.value === id));
  const held = useQuery({
    queryKey: ['identity-names', missing],
    enabled: missing.length > 0,
    queryFn: async (): Promise<NamedOption[]> => {
      const found: NamedOption[] = [];
      for (const id of missing.slice(0, 50)) {
        try {
          const o = await api<Stix>(`/objects/${encodeURIComponent(id)}`);
          found.push({ value: id, name: o.name ?? id, detail: 'identity' });
        } catch {
          // Not held here or not readable: shown by its id.
        }
      }
      return found;
    },
  });
  return new Map([...orgs, ...(held.data ?? [])].map((o) => [o.value, o]));
}
