// The proposed team of a request (issue 18, must 3: "a proposed team covers the skills needed
// with the fewest experts"): an exact minimum set cover over skill bitmasks. Greedy cover is not
// minimal (it can take 3 experts where 2 suffice), and requests name few skills (≤ ~16 in
// practice), so an exact search over the distinct masks the candidates hold is cheap.

/** One option: the skills an expert covers (bit i = the i-th needed skill) and its score. */
export interface CoverOption {
  mask: number;
  score: number;
  /** Stable identity for ties (the expert's profile id). */
  key: string;
}

/**
 * Beyond this many skills the exact search may take too long on a large roster (its state space
 * is 2^n); the cover then falls back to greedy, which still covers every coverable skill.
 */
export const MAX_EXACT_SKILLS = 24;

/** Whether option a ranks before option b for the same mask: higher score, then smaller key. */
function better(a: CoverOption, b: CoverOption): boolean {
  return a.score > b.score || (a.score === b.score && a.key < b.key);
}

/** The best option per distinct mask, empty masks dropped. */
function bestPerMask(options: readonly CoverOption[]): CoverOption[] {
  const best = new Map<number, CoverOption>();
  for (const o of options) {
    if (o.mask === 0) continue;
    const held = best.get(o.mask);
    if (held === undefined || better(o, held)) best.set(o.mask, o);
  }
  return [...best.values()].sort((a, b) => a.mask - b.mask);
}

/**
 * Drops each mask that a strict superset with at least its score makes useless: swapping it for
 * the superset keeps the team's size and never lowers its total score. The best score over the
 * supersets of every set is a sum-over-subsets pass (2^n · n), run only for small n.
 */
function undominated(options: CoverOption[], bits: number): CoverOption[] {
  if (bits > 20) return options;
  const size = 1 << bits;
  const sup = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  for (const o of options) sup[o.mask] = o.score;
  for (let i = 0; i < bits; i++) {
    for (let s = size - 1; s >= 0; s--) {
      if ((s & (1 << i)) === 0) sup[s] = Math.max(sup[s] ?? 0, sup[s | (1 << i)] ?? 0);
    }
  }
  return options.filter((o) => {
    for (let i = 0; i < bits; i++) {
      if ((o.mask & (1 << i)) === 0 && (sup[o.mask | (1 << i)] ?? Number.NEGATIVE_INFINITY) >= o.score) return false;
    }
    return true;
  });
}

interface State {
  score: number;
  /** The option taken last to reach this state, and the state before it. */
  option: CoverOption;
  prev: number;
}

/** The lowest bit of `target` not in `covered` (as a single-bit mask). */
function lowestMissing(target: number, covered: number): number {
  const missing = target & ~covered;
  return missing & -missing;
}

/**
 * Breadth-first over covered sets, one option more per layer. From each state only options that
 * hold its lowest missing skill are tried: every cover can be taken in that order, so no minimum
 * cover is missed, and each cover is reached in one order only. A state first reached in layer k
 * keeps the best score found in layer k: reaching it later cannot be on a minimum path.
 */
function exactCover(options: readonly CoverOption[], target: number): CoverOption[] {
  const byBit = new Map<number, CoverOption[]>();
  for (const o of options) {
    for (let rest = o.mask; rest !== 0; rest &= rest - 1) {
      const bit = rest & -rest;
      const list = byBit.get(bit) ?? [];
      list.push(o);
      byBit.set(bit, list);
    }
  }
  const states = new Map<number, State>();
  let frontier = [0];
  while (!states.has(target) && frontier.length > 0) {
    const layer = new Map<number, State>();
    for (const covered of frontier) {
      const base = covered === 0 ? 0 : (states.get(covered)?.score ?? 0);
      for (const o of byBit.get(lowestMissing(target, covered)) ?? []) {
        const next = covered | o.mask;
        if (states.has(next)) continue;
        const score = base + o.score;
        const held = layer.get(next);
        if (held === undefined || score > held.score) layer.set(next, { score, option: o, prev: covered });
      }
    }
    for (const [mask, s] of layer) states.set(mask, s);
    frontier = [...layer.keys()].sort((a, b) => a - b);
  }
  const team: CoverOption[] = [];
  for (let at = target; at !== 0; ) {
    const s = states.get(at);
    if (s === undefined) break;
    team.push(s.option);
    at = s.prev;
  }
  return team.reverse();
}

/** Greedy cover (most new skills, then score), for requests beyond MAX_EXACT_SKILLS. */
function greedyCover(options: readonly CoverOption[], target: number): CoverOption[] {
  const team: CoverOption[] = [];
  let covered = 0;
  while ((covered & target) !== target) {
    let pick: CoverOption | undefined;
    let gain = 0;
    for (const o of options) {
      const g = popcount(o.mask & ~covered);
      if (g > gain || (g === gain && g > 0 && pick !== undefined && better(o, pick))) {
        pick = o;
        gain = g;
      }
    }
    if (pick === undefined) break;
    team.push(pick);
    covered |= pick.mask;
  }
  return team;
}

/** Number of set bits. */
export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/**
 * The fewest options whose masks together cover every bit any option holds, the highest total
 * score among those, in the order found. `bits`: how many skills the masks range over.
 */
export function minimumCover(options: readonly CoverOption[], bits: number): CoverOption[] {
  const distinct = bestPerMask(options);
  let target = 0;
  for (const o of distinct) target |= o.mask;
  if (target === 0) return [];
  if (bits > MAX_EXACT_SKILLS) return greedyCover(distinct, target);
  return exactCover(undominated(distinct, bits), target);
}
