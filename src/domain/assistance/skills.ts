// Skills in rapid response (issue 18, must 2): the role profiles of ENISA's European Cybersecurity
// Skills Framework (ECSF, 2022) by their ids, plus free tags (`tag:<text>`) for tools, sectors and
// techniques the framework does not name. Anything else is bad input (issue 18: "a skill not in
// the framework and not a free tag").
import { ECSF_PROFILES, FREE_TAG_PREFIX } from './api.ts';

const TITLES: ReadonlyMap<string, string> = new Map(ECSF_PROFILES.map((p) => [p.id, p.title]));

// A free tag's text: printable, no surrounding blanks, short enough to show as a chip.
const TAG_TEXT = /^[\p{L}\p{N}][\p{L}\p{N} ._:/+#-]{0,62}$/u;

/** Whether `s` is an ECSF role profile id. */
export function isEcsfProfile(s: string): boolean {
  return TITLES.has(s);
}

/** Whether `s` is a free tag: `tag:` and 1–63 letters, digits, spaces or `._:/+#-`. */
export function isFreeTag(s: string): boolean {
  return s.startsWith(FREE_TAG_PREFIX) && TAG_TEXT.test(s.slice(FREE_TAG_PREFIX.length));
}

/** Whether `s` is a skill: an ECSF profile id or a free tag. */
export function isSkill(s: unknown): s is string {
  return typeof s === 'string' && (isEcsfProfile(s) || isFreeTag(s));
}

/** How a skill reads: the ECSF profile's title, or the free tag's text. */
export function skillTitle(s: string): string {
  return TITLES.get(s) ?? (s.startsWith(FREE_TAG_PREFIX) ? s.slice(FREE_TAG_PREFIX.length) : s);
}

/** What a valid skill looks like, for error messages and schema text. */
export const SKILL_RULE = `an ECSF role profile id (${ECSF_PROFILES.map((p) => p.id).join(', ')}) or a free tag '${FREE_TAG_PREFIX}<text>'`;
