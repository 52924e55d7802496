import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Progress, type Terminal } from './progress.ts';

/** A terminal that keeps what is written to it. */
function terminal(): { out: Terminal; lines: string[] } {
  const lines: string[] = [];
  return { out: { isTTY: true, write: (s: string) => lines.push(s) }, lines };
}

test('a progress line shows bytes against a total, or the share of work done, and nothing off a terminal', () => {
  const t = terminal();
  const bytes = new Progress('importing x.json', 2048, t.out);
  bytes.update(1024, 10, true);
  assert.match(t.lines.at(-1) ?? '', /^\rimporting x\.json \[#{15}-{15}\] {2}50\.0% 1\.0 KiB · 10 objects · /);
  const share = new Progress('pulling peer cert-eu', undefined, t.out);
  share.share(1500, 0.25, true);
  assert.match(t.lines.at(-1) ?? '', /^\rpulling peer cert-eu \[#{8}-{22}\] {2}25\.0% 1,500 objects · /);
  share.share(1500, undefined, true);
  assert.match(t.lines.at(-1) ?? '', /^\rpulling peer cert-eu 1,500 objects · /, 'no bar while the peer has not said where its head is');
  const piped: Terminal = { isTTY: false, write: () => assert.fail('nothing is written to a pipe') };
  new Progress('exporting', undefined, piped).share(1, 0.5, true);
});
