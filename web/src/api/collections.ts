// TAXII 2.1 collections of this node (/api/v1/collections, node administrators): a saved query
// over the store, or a write target, with read and write grants.
import { useAdminList, useCreate, useRemove, useUpdate } from './admin.ts';

export interface Collection {
  id: string;
  title: string;
  description: string;
  alias: string | null;
  kind: 'query' | 'target';
  query: { types?: string[]; labels?: string[]; createdByRefs?: string[] };
  /** `*` (every signed-in user), `org:<id>` or `community:<id>`; empty grants nobody. */
  read: string[];
  write: string[];
  createdAt: string;
  updatedAt: string;
}

/** What POST and PATCH take; on PATCH absent fields are kept. */
export interface CollectionBody {
  title?: string;
  description?: string;
  alias?: string | null;
  kind?: 'query' | 'target';
  types?: string[];
  labels?: string[];
  createdByRefs?: string[];
  read?: string[];
  write?: string[];
}

const PATH = '/collections';
export const useCollections = (enabled: boolean) => useAdminList<Collection>(PATH, 'collections', enabled);
export const useAddCollection = () => useCreate<CollectionBody, Collection>(PATH);
export const useUpdateCollection = () => useUpdate<CollectionBody, Collection>(PATH);
export const useRemoveCollection = () => useRemove(PATH);
