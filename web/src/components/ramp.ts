// Sequential colour ramps for counts (issue 15, must 7: more = darker). Stops run from light to
// dark (ColorBrewer's OrRd and Purples), so that the largest count is the darkest colour on the map
// and on its legend.

/** Colour stops, lightest first, as `#rrggbb`. */
export type Ramp = readonly string[];

export const SIGHTED_RAMP: Ramp = ['#fff3d9', '#fdbb84', '#ef6548', '#b30000', '#6b0000'];
export const TARGETED_RAMP: Ramp = ['#f2f0f7', '#bcbddc', '#807dba', '#54278f', '#2d0a5e'];

const rgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** The colour at `t` in [0, 1] along `ramp`, interpolated in RGB between neighbouring stops. */
export function rampColour(ramp: Ramp, t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const a = rgb(ramp[i] ?? '#000000');
  const b = rgb(ramp[i + 1] ?? '#000000');
  const f = x - i;
  return `rgb(${a.map((v, k) => Math.round(v + ((b[k] ?? 0) - v) * f)).join(' ')})`;
}

/** A CSS gradient of the whole ramp, left to right (the legend). */
export const rampGradient = (ramp: Ramp): string => `linear-gradient(to right, ${ramp.join(', ')})`;
