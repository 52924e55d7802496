// "(Citation: Name)" in ATT&CK descriptions (the MITRE convention) turned into a link to the
// external reference whose source_name is Name (issue 15, must 3), before the Markdown renders:
// the reference's url when it has a safe one, else the reference's row in the page's list.
import { type ExternalReference, isSafeHref } from './external-ids.ts';

const CITATION = /\(Citation: ([^)]+)\)/g;

/** The anchor of an external reference's row on the object page. */
export const referenceAnchor = (index: number): string => `ref-${index + 1}`;

/** Escapes what Markdown would read as syntax in link text. */
const escapeText = (s: string): string => s.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);

/** A link destination Markdown reads whole: spaces, parentheses and angle brackets encoded. */
const escapeUrl = (u: string): string =>
  u.trim().replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * `text` with each "(Citation: Name)" that names one of `refs` replaced by "([Name](url))"; an
 * unknown name stays as written (shown, never dropped).
 */
export function linkCitations(text: string, refs: readonly ExternalReference[]): string {
  const byName = new Map<string, number>();
  refs.forEach((r, i) => {
    if (!byName.has(r.source_name)) byName.set(r.source_name, i);
  });
  return text.replace(CITATION, (whole, raw: string) => {
    const name = raw.trim();
    const i = byName.get(name);
    if (i === undefined) return whole;
    const url = refs[i]?.url;
    const target = url && isSafeHref(url) ? escapeUrl(url) : `#${referenceAnchor(i)}`;
    return `([${escapeText(name)}](${target}))`;
  });
}
