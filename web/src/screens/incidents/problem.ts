// How an incident form shows the API's refusals (issue 16, must 4): every field a problem document
// names is shown next to that field. A report refused for missing what its stage requires names
// each missing field (`errors: [{ field, rule, message }]`); schema errors name a JSON path
// (`/content/summary`) or a missing property; other refusals name one `field`.
import { ApiError } from '../../api/client.ts';

/** `/content/summary`, `content.summary`, `$.content.summary` → `summary` (with `strip` = 'content'). */
function normalise(path: string, strip: string | undefined): string {
  const dotted = path
    .replace(/^\$\.?/, '')
    .split(/[/.]/)
    .filter(Boolean)
    .join('.');
  return strip && dotted.startsWith(`${strip}.`) ? dotted.slice(strip.length + 1) : dotted;
}

function entryOf(item: unknown, strip: string | undefined): [string, string] | null {
  if (typeof item !== 'object' || item === null) return null;
  const e = item as { field?: unknown; path?: unknown; message?: unknown; rule?: unknown; params?: Record<string, unknown> };
  const prop = e.params?.['missingProperty'] ?? e.params?.['additionalProperty'];
  const base = typeof e.field === 'string' ? e.field : typeof e.path === 'string' ? e.path : '';
  const path = [base, typeof prop === 'string' ? prop : ''].filter(Boolean).join('.');
  if (path === '') return null;
  const message = typeof e.message === 'string' ? e.message : 'invalid';
  const rule = typeof e.rule === 'string' && !message.includes(e.rule) ? ` (${e.rule})` : '';
  return [normalise(path, strip), `${message}${rule}`];
}

/** Every field the refusal `e` names, with its message; `strip`: the request member the form's
 *  fields sit under (a report form's fields are the request's `content`). */
export function problemFields(e: unknown, strip?: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!(e instanceof ApiError)) return out;
  for (const key of ['errors', 'missing', 'issues']) {
    const list = e.problem[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const entry = entryOf(item, strip);
      if (entry && !out.has(entry[0])) out.set(entry[0], entry[1]);
    }
  }
  // The field the refusal names first, with its detail, even when the list names others (a STIX
  // validator's issues name the object's paths, not the form's fields).
  const field = e.problem['field'];
  if (typeof field === 'string' && !out.has(normalise(field, strip))) out.set(normalise(field, strip), e.message);
  return out;
}
