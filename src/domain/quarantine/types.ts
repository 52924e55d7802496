// The quarantine: objects kept aside with the reason they were not stored. Kept free of other
// imports so that the web UI reads the same types (web/src/api/imports.ts); the reasons' type comes from the errors table.
import type { QuarantineReason } from '../../errors.ts';

/** An object kept aside with the reason it was not stored (DESIGN.md principle 3). */
export interface QuarantineEntry {
  id: number;
  receivedAt: string;
  /** Where it came from: a file name, `upload:<job>`, a feed. */
  source: string;
  objectId: string | null;
  /** Stable reason code: `STIX_INVALID`, `VERSION_CONFLICT`, `JSON_MALFORMED`, ... */
  reason: string;
  /** Structured detail: validation issues, the conflicting version, ... */
  details: unknown;
  /** The raw text as received. */
  raw: string;
}

/** What a writer hands the quarantine: the store assigns the id and the time received. */
/** What is written to the quarantine: the reason is a code of the table (src/errors.ts), so a typo does not compile. */
export type NewQuarantineEntry = Omit<QuarantineEntry, 'id' | 'receivedAt' | 'reason'> & { reason: QuarantineReason };
