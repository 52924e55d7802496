// Pure rules of the Explorer (issue 15, must 5): which objects are Concord's own plumbing,
// which are deprecated, how well an object answers a text search, and CSV cells that a
// spreadsheet cannot execute.
import { CONCORD_IDENTITY_ID } from '../markings/concord-identity.ts';

/** Types that describe vocabulary, not intelligence (the dashboard leaves them out too). */
export const SYSTEM_TYPES = ['marking-definition', 'extension-definition'] as const;

/** Concord's own system objects as the object itself tells: marking and extension definitions,
 *  Concord's identity and node identities (`identity_class: system`, services/federation/
 *  node.service.ts). The store also hides the identities of the directory's organisations,
 *  which only the directory can tell (store/shared/hide.ts). */
export function isSystemObject(o: Record<string, unknown>): boolean {
  if ((SYSTEM_TYPES as readonly string[]).includes(String(o['type']))) return true;
  return o['type'] === 'identity' && (o['id'] === CONCORD_IDENTITY_ID || o['identity_class'] === 'system');
}

/** The identity ATT&CK's objects are created by ("The MITRE Corporation"), the producer whose
 *  `x_mitre_deprecated` the Explorer honours. */
export const MITRE_IDENTITY_ID = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';

/** ATT&CK marks objects it no longer maintains with `x_mitre_deprecated` (not STIX `revoked`). */
export function isDeprecated(o: Record<string, unknown>): boolean {
  return o['x_mitre_deprecated'] === true;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** External ids (T0865, CVE-2021-44228) and aliases an analyst searches for by name. */
function aliasesOf(o: Record<string, unknown>): string[] {
  const refs = Array.isArray(o['external_references']) ? (o['external_references'] as unknown[]) : [];
  const ids = refs.flatMap((r) =>
    r !== null && typeof r === 'object' && typeof (r as Record<string, unknown>)['external_id'] === 'string'
      ? [String((r as Record<string, unknown>)['external_id'])]
      : [],
  );
  return [...strings(o['aliases']), ...strings(o['x_mitre_aliases']), ...ids];
}

/**
 * How well `o` answers text query `q`, higher first: exact name 6 > name starts with 5 >
 * exact alias or external id 4 > alias starts with 3 > name contains 2 > elsewhere only 1
 * (issue 15, must 5: "sandworm" lists the Sandworm Team intrusion set before NotPetya, whose
 * description only names it). Case-insensitive; whitespace runs count as one space.
 */
export function relevance(o: Record<string, unknown>, q: string): number {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const query = norm(q);
  if (query === '') return 0;
  const name = norm(typeof o['name'] === 'string' ? o['name'] : typeof o['value'] === 'string' ? o['value'] : '');
  if (name === query) return 6;
  if (name.startsWith(query)) return 5;
  const aliases = aliasesOf(o).map(norm);
  if (aliases.includes(query)) return 4;
  if (aliases.some((a) => a.startsWith(query))) return 3;
  if (name.includes(query)) return 2;
  return 1;
}

/** A CSV cell (RFC 4180 quoting) that a spreadsheet will not read as a formula (OWASP CSV
 *  injection): a cell starting with = + - @ (or tab / carriage return) gets a leading quote. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line from cells. */
export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** Columns of the CSV export of a search (issue 15, must 5). */
export const CSV_COLUMNS = ['id', 'type', 'name', 'created', 'modified', 'owner', 'tlp', 'labels', 'confidence'] as const;

/** One object's CSV line in CSV_COLUMNS order; `owner` and `tlp` come from its access label. */
export function csvRow(o: Record<string, unknown>, owner: string, tlp: string): string {
  const str = (k: string): string => (o[k] === undefined || o[k] === null ? '' : String(o[k]));
  const labels = Array.isArray(o['labels']) ? o['labels'].map(String).join(';') : '';
  return csvLine([
    str('id'),
    str('type'),
    str('name') || str('value'),
    str('created'),
    str('modified'),
    owner,
    tlp,
    labels,
    str('confidence'),
  ]);
}
