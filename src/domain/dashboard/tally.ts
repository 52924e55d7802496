// Counting what one reader may see from label groups (domain/dashboard/types.ts). Every decision is the
// access policy's (domain/access/policy.ts); this module only sums the groups it allows.
import { canSeeWithEnds } from '../access/policy.ts';
import type { AccessLabel, Reader } from '../access/types.ts';
import type { SchemeRegistry } from '../markings/classification.ts';
import type { Count } from './types.ts';

/** Parses stored label JSON once per distinct text (labels repeat across many groups). */
export class LabelCache {
  private readonly parsed = new Map<string, AccessLabel>();

  get(text: string): AccessLabel;
  get(text: string | null): AccessLabel | undefined;
  get(text: string | null): AccessLabel | undefined {
    if (text === null) return undefined;
    let label = this.parsed.get(text);
    if (label === undefined) {
      // Written by KyselyAccessRepo.put from an AccessLabel.
      label = JSON.parse(text) as AccessLabel;
      this.parsed.set(text, label);
    }
    return label;
  }
}

/** A version's labels as the dashboard repository returns them. */
export interface Labelled {
  type: string;
  label: string;
  sourceLabel: string | null;
  targetLabel: string | null;
}

/** Whether `reader` may see a version with these labels: the access policy's canSeeWithEnds,
 *  as AccessGate.filter decides. Null reader = the node itself. */
export function countable(reader: Reader | null, g: Labelled, labels: LabelCache, schemes: SchemeRegistry): boolean {
  if (reader === null) return true;
  return canSeeWithEnds(reader, g.type, labels.get(g.label), [labels.get(g.sourceLabel), labels.get(g.targetLabel)], schemes);
}

/** Adds `n` to `key` in `into`. */
export function bump(into: Map<string, number>, key: string, n: number): void {
  into.set(key, (into.get(key) ?? 0) + n);
}

/** The map as counts, largest first (ties by key), at most `limit`. */
export function ranked(counts: Map<string, number>, limit = Infinity): Count[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/** The `days` calendar days ending today (UTC), oldest first, as `YYYY-MM-DD`. */
export function lastDays(now: Date, days: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
  return out;
}
