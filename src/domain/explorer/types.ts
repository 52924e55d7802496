// Wire types of the Explorer (issue 15, must 5): sort orders, totals, facets and saved
// searches, shared by the list endpoint and the web UI.

/** Orders of the object list. `relevance` applies to a text search (`q`) only. */
export const SORT_KEYS = ['modified', 'created', 'name', 'type', 'relevance'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** What the list hides unless asked to include it (issue 15, must 5). */
export const HIDEABLE = ['deprecated', 'revoked', 'system'] as const;
export type Hideable = (typeof HIDEABLE)[number];

/** The number of objects matching a search that the reader may see: exact, or a lower bound
 *  when counting stopped at the service's bound (`exact: false` reads "at least count"). */
export interface Total {
  count: number;
  exact: boolean;
}

/** One facet value and how many visible objects carry it. */
export interface FacetCount {
  value: string;
  /** Display name where the value is an id (an owner organisation). */
  name?: string;
  count: number;
}

/** Counts by type, TLP, owner organisation and label, over the same objects as the total. */
export interface Facets {
  type: FacetCount[];
  tlp: FacetCount[];
  owner: FacetCount[];
  label: FacetCount[];
}

/** The first page of a search carries its summary. */
export interface SearchSummary {
  total: Total;
  facets: Facets;
  /** The owner organisation's name of each listed object, by object id (the owner column). */
  owners: Record<string, string>;
}

/** A search a user saved: its name and the Explorer's query string. */
export interface SavedSearch {
  id: string;
  name: string;
  /** URL query of the Explorer (`q=sandworm&type=malware`), without the leading `?`. */
  query: string;
  createdAt: string;
}

/** Matching versions of one type, access label and ends' labels (a relationship's or sighting's,
 *  as the access policy needs them), counted by the store; `value` is the object label when
 *  grouped by it (the labels facet). Labels are the stored JSON of AccessLabel. */
export interface SearchGroup {
  type: string;
  label: string;
  sourceLabel: string | null;
  targetLabel: string | null;
  value?: string;
  count: number;
}
