// The job runner (jobs/runner.ts) and the node's emitter (services/emitter.ts): periodic passes,
// keyed work one run at a time with nudges coalesced, backoff after failures, stop aborting and
// waiting; any number of listeners, each unsubscribed alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobRunner } from '../src/jobs/runner.ts';
import { Emitter } from '../src/services/emitter.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** Work that waits until `open()` is called, counting its runs. */
function gated() {
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => (open = r));
  const w = {
    runs: 0,
    work: async () => {
      w.runs++;
      await gate;
    },
    open() {
      open();
      gate = new Promise<void>((r) => (open = r));
    },
  };
  return w;
}

test('a periodic job passes at start and on its interval, never two passes at once', async () => {
  const runner = new JobRunner({ log: quiet });
  let passes = 0;
  let concurrent = 0;
  let most = 0;
  runner.add({
    name: 'clock',
    everyMs: 20,
    async tick() {
      passes++;
      most = Math.max(most, ++concurrent);
      await sleep(50);
      concurrent--;
    },
  });
  runner.start();
  assert.equal(passes, 1, 'the first pass runs at start');
  // Passes take longer than the interval: the interval fires meanwhile and is skipped.
  for (let waited = 0; passes < 3 && waited < 5000; waited += 10) await sleep(10);
  await runner.stop();
  assert.ok(passes >= 3, `${passes} passes`);
  assert.equal(most, 1);
  const after = passes;
  await sleep(60);
  assert.equal(passes, after, 'no pass after stop');
});

test('nudges while work runs make one more run; other keys run beside it', async () => {
  const runner = new JobRunner({ log: quiet });
  const a = gated();
  const b = gated();
  runner.nudge('a', a.work);
  runner.nudge('a', a.work);
  runner.nudge('a', a.work);
  runner.nudge('b', b.work);
  assert.deepEqual([a.runs, b.runs], [1, 1]);
  assert.equal(runner.run('a', a.work), false, 'run does not queue behind a running key');
  a.open();
  await sleep(5);
  assert.equal(a.runs, 2, 'three nudges during the run: one more run');
  a.open();
  b.open();
  await runner.idle();
  assert.deepEqual([a.runs, b.runs], [2, 1]);
});

test('a delayed nudge coalesces the nudges within its window', async () => {
  const runner = new JobRunner({ log: quiet });
  let runs = 0;
  for (let i = 0; i < 5; i++) runner.nudge('notify', async () => void runs++, { delayMs: 20 });
  assert.equal(runs, 0);
  await sleep(40);
  await runner.idle();
  assert.equal(runs, 1);
  await runner.stop();
});

test('a key that fails is due only after its interval doubled per failure; a success resets it', async () => {
  const runner = new JobRunner({ log: quiet });
  const t0 = Date.now();
  assert.equal(runner.due('peer:x', 1000, t0), true, 'never run: due');
  runner.run('peer:x', async () => false);
  await runner.idle();
  assert.equal(runner.due('peer:x', 1000, t0 + 1500), false, 'one failure: twice the interval');
  assert.equal(runner.due('peer:x', 1000, t0 + 2100), true);
  runner.run('peer:x', async () => {
    throw new Error('boom');
  });
  await runner.idle();
  assert.equal(runner.due('peer:x', 1000, Date.now() + 3500), false, 'two failures: four times');
  assert.equal(runner.due('peer:x', 1000, Date.now() + 4100), true);
  runner.run('peer:x', async () => true);
  await runner.idle();
  assert.equal(runner.due('peer:x', 1000, Date.now() + 1100), true, 'a success: the plain interval again');
});

test('stop aborts running work, waits for it, and refuses new work', async () => {
  const runner = new JobRunner({ log: quiet });
  let finished = false;
  runner.run('long', async (signal) => {
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    await sleep(20);
    finished = true;
  });
  await runner.stop();
  assert.equal(finished, true, 'stop resolved only once the work had finished');
  assert.equal(
    runner.run('long', async () => {}),
    false,
  );
});

test('listeners attached at start are detached at stop', async () => {
  const emitter = new Emitter();
  const runner = new JobRunner({ log: quiet });
  const nudged: string[] = [];
  runner.add({
    name: 'peers',
    everyMs: 60_000,
    tick: async () => {},
    attach: (r) => emitter.on('peer-nudged', ({ peerId }) => r.nudge(peerId, async () => void nudged.push(peerId))),
  });
  assert.equal(emitter.listenerCount('peer-nudged'), 0, 'nothing listens before start');
  runner.start();
  emitter.emit('peer-nudged', { peerId: 'p1' });
  await runner.idle();
  assert.deepEqual(nudged, ['p1']);
  await runner.stop();
  assert.equal(emitter.listenerCount('peer-nudged'), 0);
});

test('the emitter tells every listener; one unsubscribing or throwing leaves the others', () => {
  const errors: unknown[] = [];
  const emitter = new Emitter({ onError: (e) => errors.push(e) });
  const got: string[] = [];
  const offA = emitter.on('objects-committed', ({ head }) => got.push(`a${head}`));
  emitter.on('objects-committed', () => {
    throw new Error('listener b');
  });
  emitter.on('objects-committed', ({ head }) => got.push(`c${head}`));
  emitter.on('peer-nudged', ({ peerId }) => got.push(peerId));
  emitter.emit('objects-committed', { head: 1 });
  offA();
  emitter.emit('objects-committed', { head: 2 });
  assert.deepEqual(got, ['a1', 'c1', 'c2']);
  assert.equal(errors.length, 2);
  assert.equal(emitter.listenerCount('objects-committed'), 2);
});
