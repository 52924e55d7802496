// Times on the incident forms: typed and shown as yyyy-mm-dd HH:MM in UTC (format/dates.ts: every
// time the UI shows is UTC), sent as ISO 8601.

/** `2026-12-07T10:00:00.000Z` → `2026-12-07 10:00` (UTC, as every time the UI shows). */
export const toInput = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
};
/** `2026-12-07 10:00` (or with a T, seconds, a Z), read as UTC → ISO 8601; the text itself when
 *  it is not such a time (the form's check or the server names it); '' when empty. */
export const fromInput = (v: string): string => {
  const t = v.trim();
  if (t === '') return '';
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(?:Z|UTC)?$/i.exec(t);
  const d = m ? new Date(`${m[1]}T${m[2]}${m[2]?.length === 5 ? ':00' : ''}Z`) : null;
  // An impossible day (2026-02-30) is not rolled over into the next month.
  return d && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m?.[1] ? d.toISOString() : t;
};
