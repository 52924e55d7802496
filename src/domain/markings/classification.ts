// Classification schemes: ordered levels (DESIGN.md, Markings, distribution and access). NATO and
// EU are built in, with the level names of the MISP `nato` and `euci` taxonomies; national schemes
// come from configuration and are validated once, at start-up.

import { ConfigError, InvalidInputError } from '../../errors.ts';

/** A classification scheme: an id, a display name and its levels from lowest to highest. */
export interface ClassificationScheme {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly string[];
}

/** A scheme as written in configuration, before validation. */
export interface SchemeDefinition {
  id: string;
  name: string;
  levels: string[];
}

/** NATO classification (MISP taxonomy `nato`), lowest first; ATOMAL/BOHEMIA caveats are not levels. */
export const NATO_SCHEME: ClassificationScheme = Object.freeze({
  id: 'nato',
  name: 'NATO',
  levels: Object.freeze(['NATO UNCLASSIFIED', 'NATO RESTRICTED', 'NATO CONFIDENTIAL', 'NATO SECRET', 'COSMIC TOP SECRET']),
});

/** EU classified information (MISP taxonomy `euci`, Council Decision 2013/488/EU Art. 2), lowest first. */
export const EU_SCHEME: ClassificationScheme = Object.freeze({
  id: 'eu',
  name: 'EU',
  levels: Object.freeze([
    'RESTREINT UE/EU RESTRICTED',
    'CONFIDENTIEL UE/EU CONFIDENTIAL',
    'SECRET UE/EU SECRET',
    'TRES SECRET UE/EU TOP SECRET',
  ]),
});

/** The schemes every node knows. */
export const BUILT_IN_SCHEMES: readonly ClassificationScheme[] = [NATO_SCHEME, EU_SCHEME];

// Scheme ids appear in labels, columns and configuration keys: a short lowercase slug.
const SCHEME_ID_RE = /^[a-z][a-z0-9-]{0,63}$/;

/** Position of `level` in `scheme` (0 = lowest), or -1 when the scheme has no such level. */
export function levelRank(scheme: ClassificationScheme, level: string): number {
  return scheme.levels.indexOf(level);
}

/** Negative, zero or positive as level `a` is below, equal to or above `b`; throws on unknown levels. */
export function compareLevel(scheme: ClassificationScheme, a: string, b: string): number {
  const ra = levelRank(scheme, a);
  const rb = levelRank(scheme, b);
  for (const [level, rank] of [
    [a, ra],
    [b, rb],
  ] as const) {
    if (rank < 0)
      throw new InvalidInputError(`'${level}' is not a level of classification scheme '${scheme.id}'`, { scheme: scheme.id, level });
  }
  return ra - rb;
}

/** The known classification schemes, by id. Immutable. */
export class SchemeRegistry {
  readonly #schemes: ReadonlyMap<string, ClassificationScheme>;

  constructor(schemes: Iterable<ClassificationScheme>) {
    this.#schemes = new Map([...schemes].map((s) => [s.id, s] as const));
  }

  /** The scheme with this id, or undefined. */
  get(id: string): ClassificationScheme | undefined {
    return this.#schemes.get(id);
  }

  /** Every scheme, built-ins first. */
  all(): ClassificationScheme[] {
    return [...this.#schemes.values()];
  }
}

function checkDefinition(def: SchemeDefinition, where: string, seen: Set<string>): ClassificationScheme {
  if (typeof def.id !== 'string' || !SCHEME_ID_RE.test(def.id)) {
    throw new ConfigError(`${where}: id '${String(def.id)}' must be a lowercase slug (a-z, 0-9, '-', starting with a letter)`);
  }
  if (seen.has(def.id)) throw new ConfigError(`${where}: classification scheme id '${def.id}' is defined twice (built-in ids: nato, eu)`);
  if (typeof def.name !== 'string' || def.name.trim() === '')
    throw new ConfigError(`${where} ('${def.id}'): name must be a non-empty string`);
  if (!Array.isArray(def.levels) || def.levels.length === 0) {
    throw new ConfigError(`${where} ('${def.id}'): levels must list at least one level, lowest first`);
  }
  const levels = new Set<string>();
  for (const level of def.levels) {
    if (typeof level !== 'string' || level.trim() === '')
      throw new ConfigError(`${where} ('${def.id}'): every level must be a non-empty string`);
    if (levels.has(level)) throw new ConfigError(`${where} ('${def.id}'): level '${level}' is listed twice`);
    levels.add(level);
  }
  seen.add(def.id);
  return Object.freeze({ id: def.id, name: def.name, levels: Object.freeze([...def.levels]) });
}

/** The built-in schemes plus the national schemes of configuration, validated (throws ConfigError). */
export function buildSchemeRegistry(national: readonly SchemeDefinition[] = []): SchemeRegistry {
  const seen = new Set(BUILT_IN_SCHEMES.map((s) => s.id));
  const extra = national.map((def, i) => checkDefinition(def, `classification scheme #${i + 1}`, seen));
  return new SchemeRegistry([...BUILT_IN_SCHEMES, ...extra]);
}
