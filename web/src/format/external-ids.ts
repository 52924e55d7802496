// The identifiers analysts search by, shown beside the title (issue 15, must 3): ATT&CK ids
// (T0865, S0604, G0034) from the external references of MITRE's ATT&CK sources (STIX 2.1 §2.5,
// external_id), and CVE ids from `cve` references or a vulnerability named after one.

/** One external reference (STIX 2.1 §2.5). */
export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  external_id?: string;
}

/** An identifier with the page that describes it. */
export interface ExternalId {
  id: string;
  url?: string;
}

const ATTACK_SOURCES = new Set(['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack', 'mitre-pre-attack']);
const CVE = /^CVE-\d{4}-\d{4,}$/i;

/** The well-formed external references of an object (anything else is skipped, not shown broken). */
export function externalReferences(o: Record<string, unknown>): ExternalReference[] {
  const refs = o['external_references'];
  if (!Array.isArray(refs)) return [];
  return refs.flatMap((r): ExternalReference[] => {
    if (typeof r !== 'object' || r === null || typeof (r as { source_name?: unknown }).source_name !== 'string') return [];
    const x = r as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof x[k] === 'string' && x[k] !== '' ? (x[k] as string) : undefined);
    const url = str('url');
    const description = str('description');
    const externalId = str('external_id');
    return [
      {
        source_name: x['source_name'] as string,
        ...(description ? { description } : {}),
        ...(url ? { url } : {}),
        ...(externalId ? { external_id: externalId } : {}),
      },
    ];
  });
}

/** ATT&CK ids of the object, with their attack.mitre.org pages. */
export function attackIds(o: Record<string, unknown>): ExternalId[] {
  return externalReferences(o)
    .filter((r) => ATTACK_SOURCES.has(r.source_name) && r.external_id)
    .map((r) => ({ id: r.external_id as string, ...(r.url ? { url: r.url } : {}) }));
}

/** CVE ids of the object, once each, with the reference's page (else the CVE record's). */
export function cveIds(o: Record<string, unknown>): ExternalId[] {
  const out = new Map<string, ExternalId>();
  for (const r of externalReferences(o)) {
    const id = r.external_id ?? '';
    if ((r.source_name.toLowerCase() === 'cve' || CVE.test(id)) && CVE.test(id))
      out.set(id.toUpperCase(), { id: id.toUpperCase(), url: r.url ?? cveUrl(id) });
  }
  const name = typeof o['name'] === 'string' ? o['name'] : '';
  if (o['type'] === 'vulnerability' && CVE.test(name) && !out.has(name.toUpperCase()))
    out.set(name.toUpperCase(), { id: name.toUpperCase(), url: cveUrl(name) });
  return [...out.values()];
}

const cveUrl = (id: string): string => `https://www.cve.org/CVERecord?id=${encodeURIComponent(id.toUpperCase())}`;

/** Whether a URL may be an href: only http, https and mailto (no `javascript:`, no `data:`). */
export function isSafeHref(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}
