// Indicator decay (issue 17, must 6): a score from 0 to 100 that falls with age by a model per
// indicator type (MISP's polynomial model: score = base · (1 − (t/τ)^(1/δ)), τ the lifetime and δ
// the decay speed), rises with recent true sightings and falls with false-positive ones. Scores
// are computed when read, never written into the indicator: a changed model applies at once.

/** The kinds a model applies to: the main observable kind of the indicator's pattern, or `default`. */
export const DECAY_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'hash', 'file-name', 'default'] as const;
export type DecayKind = (typeof DECAY_KINDS)[number];

/** One model (GET/PUT /api/v1/decay/models). */
export interface DecayModel {
  kind: DecayKind;
  /** τ: days after which the score reaches 0 (OpenCTI's defaults: IP 60, URL 180, others 365). */
  lifetimeDays: number;
  /** δ: the polynomial's decay speed (MISP's default 3; higher falls faster at first… see model). */
  decaySpeed: number;
  /** Score at age 0, before sightings (0–100). */
  baseScore: number;
  /** Below this the indicator counts as expired. */
  threshold: number;
  /** Points added per true sighting in the last `lifetimeDays` (capped at 100). */
  sightingBoost: number;
  /** Points removed per false-positive sighting. */
  falsePositivePenalty: number;
}

/** An indicator's score and why (shown beside it in the UI). */
export interface DecayScore {
  score: number;
  kind: DecayKind;
  /** Days since `valid_from` (or `created`), or since the latest true sighting when later. */
  ageDays: number;
  base: number;
  /** Points from recent true sightings and from false positives. */
  sightingPoints: number;
  falsePositivePoints: number;
  expired: boolean;
  /** One line per term, for a person. */
  reasons: string[];
}
