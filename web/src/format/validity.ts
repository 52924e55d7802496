// An indicator's validity in words (STIX 2.1 §4.7: valid_from, valid_until): "valid from … until
// …", and whether it has expired, in the UI's one date form (dates.ts).
import { formatDateTime } from './dates.ts';

/** The validity window as a sentence, and whether `now` is past its end. */
export function formatValidity(validFrom: unknown, validUntil: unknown, now: number = Date.now()): { text: string; expired: boolean } {
  const from = typeof validFrom === 'string' ? validFrom : undefined;
  const until = typeof validUntil === 'string' ? validUntil : undefined;
  const end = until ? Date.parse(until) : Number.NaN;
  const expired = !Number.isNaN(end) && end < now;
  const text = `valid from ${from ? formatDateTime(from) : 'an unknown time'}${until ? ` until ${formatDateTime(until)}` : ', no end given'}`;
  return { text, expired };
}
