// The node's reminder offsets and webhook (issue 16, must 7) are read once from the environment,
// and a bad value is refused at start with the variable's name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../src/config.ts';
import { DEFAULT_REMINDERS } from '../src/domain/incidents/reminders.ts';

const env = (e: Record<string, string>) => parseConfig({ dataDir: '/tmp/x' }, e);

describe('notification configuration', () => {
  test('CONCORD_REMINDER_HOURS overrides the stages it names; the others keep the defaults', () => {
    assert.deepEqual(env({}).reminders, DEFAULT_REMINDERS);
    const p = env({ CONCORD_REMINDER_HOURS: 'early-warning=6,2, 0.5; final=; default=48' }).reminders;
    assert.deepEqual(p.beforeHours['early-warning'], [6, 2, 0.5]);
    assert.deepEqual(p.beforeHours.final, [], 'only when it passes');
    assert.deepEqual(p.beforeHours.notification, DEFAULT_REMINDERS.beforeHours.notification);
    assert.deepEqual(p.defaultBeforeHours, [48]);
  });

  test('a bad value names the variable and what is wrong', () => {
    assert.throws(() => env({ CONCORD_REMINDER_HOURS: 'early=1' }), /CONCORD_REMINDER_HOURS: "early=1" must be <stage>=<hours>/);
    assert.throws(
      () => env({ CONCORD_REMINDER_HOURS: 'final=soon' }),
      /CONCORD_REMINDER_HOURS: the hours of final must be positive numbers/,
    );
    assert.throws(() => env({ CONCORD_REMINDER_HOURS: 'final=-1' }), /CONCORD_REMINDER_HOURS/);
  });

  test('a webhook needs an http(s) URL and a secret', () => {
    assert.equal(env({}).webhookUrl, undefined);
    const c = env({ CONCORD_WEBHOOK_URL: 'https://soc.example/hook', CONCORD_WEBHOOK_SECRET: 'a-long-enough-secret' });
    assert.deepEqual([c.webhookUrl, c.webhookSecret], ['https://soc.example/hook', 'a-long-enough-secret']);
    assert.throws(() => env({ CONCORD_WEBHOOK_URL: 'ftp://x', CONCORD_WEBHOOK_SECRET: 'a-long-enough-secret' }), /CONCORD_WEBHOOK_URL/);
    assert.throws(() => env({ CONCORD_WEBHOOK_URL: 'https://soc.example/hook' }), /CONCORD_WEBHOOK_SECRET must be set/);
  });
});
