import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, type Principal } from '../../domain/identity/principal.ts';
import { watchAccess } from './access-watch.ts';

const other: Principal = { ...CLI, name: 'other' } as Principal;

test("a stream follows its caller's access: a new principal is taken, a refusal ends it once", async () => {
  const answers: (Principal | undefined | Error)[] = [CLI, other, new Error('the API token has been revoked'), undefined];
  const changed: Principal[] = [];
  let gone = 0;
  const w = watchAccess(
    CLI,
    async () => {
      const a = answers.shift();
      if (a instanceof Error) throw a;
      return a;
    },
    { changed: (p) => void changed.push(p), gone: () => gone++ },
    5,
  );
  await sleep(60);
  w.stop();
  assert.deepEqual(changed, [other], 'the same principal changes nothing; another is taken');
  assert.equal(gone, 1, 'refused: the stream ends, and is not asked again');
});

test('a stopped watch asks nothing more', async () => {
  let asked = 0;
  const ask = async () => {
    asked++;
    return CLI;
  };
  const w = watchAccess(CLI, ask, { changed: () => {}, gone: () => {} }, 5);
  w.stop();
  await sleep(30);
  assert.equal(asked, 0);
});
