// TAXII 2.1 media types and content negotiation (TAXII 2.1 §1.6.8, §3.1; RFC 9110 §12.5.1).
import { NotAcceptableError, UnsupportedMediaTypeError } from './errors.ts';

/** §1.6.8.2: the TAXII 2.1 media type with its version parameter. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** The media type of the STIX objects collections hold (§5.2.1 media_types). */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

/** Parses one media range or media type; names are case-insensitive (RFC 9110 §8.3.1). */
function parseMedia(text: string): MediaRange {
  const [type = '', ...rest] = text.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params.set(
      p.slice(0, eq).trim().toLowerCase(),
      p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Whether `m` is application/taxii+json of version 2.1 or without a version (§1.6.8.2: the
 *  latest version the server supports, which is 2.1). */
function isTaxii21(m: MediaRange): boolean {
  if (m.type !== 'application/taxii+json') return false;
  const v = m.params.get('version');
  return v === undefined || v === '2.1';
}

/** §3.1: every request MUST include at least one TAXII media range in Accept; one that allows
 *  TAXII 2.1 (q > 0) is answered, anything else is 406. */
export function checkAccept(accept: string | undefined): void {
  const ranges = (accept ?? '').split(',').map(parseMedia);
  const ok = ranges.some((m) => isTaxii21(m) && Number(m.params.get('q') ?? '1') > 0);
  if (!ok) throw new NotAcceptableError(accept ?? '');
}

/** §5.5: a POST body MUST be application/taxii+json (version 2.1 or none); else 415. */
export function checkContentType(contentType: string | undefined): void {
  if (!isTaxii21(parseMedia(contentType ?? ''))) throw new UnsupportedMediaTypeError(contentType ?? '');
}
