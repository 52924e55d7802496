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
 * Beyond this many skills the exact search's tables (2^n entries) grow too large; the cover then
 * falls back to greedy, which still covers every coverable skill. Requests name fewer (check.ts).
 */
export const MAX_EXACT_SKILLS = 16;

/** Whether option a ranks before option b for the same mask: higher score, then smaller key. */
function better(a: CoverOption, b: CoverOption): boolean {
  return a.score > b.score || (a.score === b.score && a.key < b.key);
}

/** The best option per distinct mask, empty masks dropped, by mask. */
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
 * For every set of skills, the best-scored option holding all of them (index, -1: none): a
 * sum-over-subsets pass, 2^n · n steps.
 */
function bestSuperset(options: readonly CoverOption[], bits: number): Int32Array {
  const best = new Int32Array(1 << bits).fill(-1);
  options.forEach((o, i) => {
    best[o.mask] = i;
  });
  const score = (i: number): number => (i < 0 ? Number.NEGATIVE_INFINITY : (options[i]?.score ?? Number.NEGATIVE_INFINITY));
  for (let b = 0; b < bits; b++) {
    const bit = 1 << b;
    for (let set = best.length - 1; set >= 0; set--) {
      if ((set & bit) !== 0) continue;
      const up = best[set | bit] ?? -1;
      if (score(up) > score(best[set] ?? -1)) best[set] = up;
    }
  }
  return best;
}

/**
 * Drops each option that a strict superset with at least its score makes useless: swapping it
 * for the superset keeps the team's size and never lowers its total score.
 */
function undominated(options: readonly CoverOption[], sup: Int32Array, bits: number): CoverOption[] {
  return options.filter((o) => {
    for (let b = 0; b < bits; b++) {
      if ((o.mask & (1 << b)) !== 0) continue;
      const up = options[sup[o.mask | (1 << b)] ?? -1];
      if (up !== undefined && up.score >= o.score) return false;
    }
    return true;
  });
}

/** For every set of skills, the best-scored pair of options holding all of them (a = -1: none). */
interface Pairs {
  a: Int32Array;
  b: Int32Array;
  score: Float64Array;
}

/** Every pair's union, then a sum-over-subsets pass: m²/2 + 2^n · n steps. */
function bestPairSuperset(options: readonly CoverOption[], bits: number): Pairs {
  const size = 1 << bits;
  const p: Pairs = {
    a: new Int32Array(size).fill(-1),
    b: new Int32Array(size).fill(-1),
    score: new Float64Array(size).fill(Number.NEGATIVE_INFINITY),
  };
  const take = (to: number, from: number): void => {
    p.a[to] = p.a[from] ?? -1;
    p.b[to] = p.b[from] ?? -1;
    p.score[to] = p.score[from] ?? Number.NEGATIVE_INFINITY;
  };
  options.forEach((x, i) => {
    for (let j = i + 1; j < options.length; j++) {
      const y = options[j] as CoverOption;
      const set = x.mask | y.mask;
      if (x.score + y.score > (p.score[set] ?? 0)) {
        p.a[set] = i;
        p.b[set] = j;
        p.score[set] = x.score + y.score;
      }
    }
  });
  for (let b = 0; b < bits; b++) {
    for (let set = size - 1; set >= 0; set--) {
      if ((set & (1 << b)) === 0 && (p.score[set | (1 << b)] ?? 0) > (p.score[set] ?? 0)) take(set, set | (1 << b));
    }
  }
  return p;
}

/**
 * Breadth-first over covered sets, one option more per layer, with one table entry per set.
 * From each set only options that hold its lowest missing skill are tried: every cover can be
 * taken in that order, so no minimum cover is missed. A set first reached in layer k keeps the
 * best score found in layer k: reaching it later cannot be on a minimum path. Before expanding a
 * layer, each of its sets is completed, if one option can, by the best option holding all it
 * misses (`sup`), else, if two can, by the best pair (`pairs`; a pair holding an option already
 * taken would mean one option could): the last two and largest layers are never expanded. Each
 * completion is exact because a set first reached in a layer cannot be completed sooner, or that
 * sooner completion would have been found first. A set that could not be completed
 * within `bound` options (greedy's cover exists) even if every further option brought the most
 * skills any option holds is dropped.
 */
class Search {
  readonly #options: readonly CoverOption[];
  readonly #sup: Int32Array;
  readonly #pairs: Pairs;
  readonly #target: number;
  readonly #bound: number;
  /** Per set: the layer it was first reached in (-1: not yet), its best score there, the option
   *  taken last to reach it and the set before. */
  readonly #layerOf: Int8Array;
  readonly #score: Float64Array;
  readonly #via: Int32Array;
  readonly #prev: Int32Array;
  /** Options by the skills they hold (indices into #options). */
  readonly #byBit: number[][] = Array.from({ length: 32 }, () => []);
  #widest = 1;

  constructor(options: readonly CoverOption[], bits: number, target: number, bound: number) {
    const size = 1 << bits;
    this.#options = options;
    this.#sup = bestSuperset(options, bits);
    this.#pairs = bestPairSuperset(options, bits);
    this.#target = target;
    this.#bound = bound;
    this.#layerOf = new Int8Array(size).fill(-1);
    this.#score = new Float64Array(size);
    this.#via = new Int32Array(size);
    this.#prev = new Int32Array(size);
    options.forEach((o, i) => {
      this.#widest = Math.max(this.#widest, popcount(o.mask));
      for (let rest = o.mask; rest !== 0; rest &= rest - 1) this.#byBit[31 - Math.clz32(rest & -rest)]?.push(i);
    });
  }

  /** The minimum cover with the best score. */
  run(): CoverOption[] {
    this.#layerOf[0] = 0;
    let frontier = [0];
    for (let depth = 1; frontier.length > 0; depth++) {
      const done = this.#completeByOne(frontier) ?? this.#completeByTwo(frontier);
      if (done !== null) return done;
      frontier = this.#expand(frontier, depth);
    }
    return [];
  }

  #option(i: number | undefined): CoverOption {
    return this.#options[i ?? -1] as CoverOption;
  }

  /** The options taken to reach `at`, in order. */
  #path(at: number): CoverOption[] {
    const out: CoverOption[] = [];
    for (let set = at; set !== 0; set = this.#prev[set] ?? 0) out.push(this.#option(this.#via[set]));
    return out.reverse();
  }

  /** The best cover one option away from a set of the frontier, if any. */
  #completeByOne(frontier: readonly number[]): CoverOption[] | null {
    let done = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (const set of frontier) {
      const last = this.#options[this.#sup[this.#target & ~set] ?? -1];
      if (last !== undefined && (this.#score[set] ?? 0) + last.score > best) {
        done = set;
        best = (this.#score[set] ?? 0) + last.score;
      }
    }
    return done < 0 ? null : [...this.#path(done), this.#option(this.#sup[this.#target & ~done])];
  }

  /** The best cover two options away from a set of the frontier, if any (none is one away). */
  #completeByTwo(frontier: readonly number[]): CoverOption[] | null {
    const { a, b, score } = this.#pairs;
    let done = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (const set of frontier) {
      const miss = this.#target & ~set;
      if ((a[miss] ?? -1) >= 0 && (this.#score[set] ?? 0) + (score[miss] ?? 0) > best) {
        done = set;
        best = (this.#score[set] ?? 0) + (score[miss] ?? 0);
      }
    }
    const miss = this.#target & ~done;
    return done < 0 ? null : [...this.#path(done), this.#option(a[miss]), this.#option(b[miss])];
  }

  /** The sets first reached with `depth` options, in order, each with its best score. */
  #expand(frontier: readonly number[], depth: number): number[] {
    const next: number[] = [];
    for (const set of frontier) {
      const base = this.#score[set] ?? 0;
      const missing = this.#target & ~set;
      for (const i of this.#byBit[31 - Math.clz32(missing & -missing)] ?? []) {
        const o = this.#option(i);
        const reached = set | o.mask;
        const was = this.#layerOf[reached] ?? -1;
        if (was === depth) {
          if (base + o.score <= (this.#score[reached] ?? 0)) continue;
        } else if (was >= 0 || depth + Math.ceil(popcount(this.#target & ~reached) / this.#widest) > this.#bound) continue;
        else next.push(reached);
        this.#layerOf[reached] = depth;
        this.#score[reached] = base + o.score;
        this.#via[reached] = i;
        this.#prev[reached] = set;
      }
    }
    return next.sort((x, y) => x - y);
  }
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

/** Number of set bits (of a 32-bit integer). */
export function popcount(mask: number): number {
  let x = mask - ((mask >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
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
  const greedy = greedyCover(distinct, target);
  if (bits > MAX_EXACT_SKILLS) return greedy;
  const kept = undominated(distinct, bestSuperset(distinct, bits), bits);
  return new Search(kept, bits, target, greedy.length).run();
}
