// The proposed team's exact minimum cover (issue 18, must 3: "covers the skills needed with the
// fewest experts"), checked against brute force over every subset of small rosters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type CoverOption, MAX_EXACT_SKILLS, minimumCover } from './cover.ts';

const arbOptions = fc.integer({ min: 1, max: 8 }).chain((bits) =>
  fc.tuple(
    fc.constant(bits),
    fc
      .array(fc.record({ mask: fc.integer({ min: 0, max: (1 << bits) - 1 }), score: fc.nat(6) }), { maxLength: 12 })
      .map((os) => os.map((o, i): CoverOption => ({ ...o, key: `p${String(i).padStart(2, '0')}` }))),
  ),
);

/** The fewest options covering all their bits, and the best total score among those. */
function bruteForce(options: readonly CoverOption[]): { size: number; score: number } {
  const target = options.reduce((m, o) => m | o.mask, 0);
  let best = { size: Number.POSITIVE_INFINITY, score: Number.NEGATIVE_INFINITY };
  for (let s = 0; s < 1 << options.length; s++) {
    const set = options.filter((_, i) => (s & (1 << i)) !== 0);
    if (set.reduce((m, o) => m | o.mask, 0) !== target) continue;
    const score = set.reduce((t, o) => t + o.score, 0);
    if (set.length < best.size || (set.length === best.size && score > best.score)) best = { size: set.length, score };
  }
  return best;
}

describe('minimumCover', () => {
  test('covers every bit with the fewest options, and the highest score among the fewest', () => {
    fc.assert(
      fc.property(arbOptions, ([bits, options]) => {
        const team = minimumCover(options, bits);
        const target = options.reduce((m, o) => m | o.mask, 0);
        assert.equal(
          team.reduce((m, o) => m | o.mask, 0),
          target,
        );
        assert.equal(new Set(team.map((o) => o.key)).size, team.length);
        const best = bruteForce(options);
        assert.equal(team.length, target === 0 ? 0 : best.size);
        if (target !== 0)
          assert.equal(
            team.reduce((t, o) => t + o.score, 0),
            best.score,
          );
      }),
      { numRuns: 1000 },
    );
  });

  test('the same options in every order give the same team', () => {
    fc.assert(
      fc.property(arbOptions, fc.infiniteStream(fc.nat()), ([bits, options], keys) => {
        const shuffled = options.map((o) => [keys.next().value as number, o] as const).sort((a, b) => a[0] - b[0]);
        const keysOf = (os: CoverOption[]) => os.map((o) => o.key).sort();
        assert.deepEqual(
          keysOf(
            minimumCover(
              shuffled.map(([, o]) => o),
              bits,
            ),
          ),
          keysOf(minimumCover(options, bits)),
        );
      }),
    );
  });

  test('beyond MAX_EXACT_SKILLS the team still covers every coverable skill, each option once', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: MAX_EXACT_SKILLS + 1, max: 30 })
          .chain((bits) => fc.tuple(fc.constant(bits), fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { maxLength: 40 }))),
        ([bits, masks]) => {
          const options = masks.map((mask, i) => ({ mask, score: i % 7, key: `p${String(i).padStart(2, '0')}` }));
          const team = minimumCover(options, bits);
          assert.equal(
            team.reduce((m, o) => m | o.mask, 0),
            masks.reduce((m, x) => m | x, 0),
          );
          assert.equal(new Set(team.map((o) => o.key)).size, team.length);
        },
      ),
    );
  });
});
