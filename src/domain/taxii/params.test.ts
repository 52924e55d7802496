// TAXII 2.1 query parameters and content negotiation (TAXII 2.1 §1.6.8, §3.1, §3.4, §3.4.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccept, checkContentType } from './media.ts';
import { encodeNext, parseAddedAfter, parseTaxiiQuery, taxiiTimestamp } from './params.ts';

test('§3.4 added_after: microseconds are cut to the stored millisecond; anything else is refused', () => {
  assert.equal(parseAddedAfter('2024-01-01T00:00:00.123456Z'), '2024-01-01T00:00:00.123Z');
  assert.equal(parseAddedAfter('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00.000Z');
  for (const bad of ['2024-01-01', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00+01:00'])
    assert.throws(() => parseAddedAfter(bad), /added_after/);
});

test('§2: TAXII timestamps have microsecond precision', () => {
  assert.equal(taxiiTimestamp('2024-01-01T00:00:00.123Z'), '2024-01-01T00:00:00.123000Z');
});

test('§3.4.1 match[version]: keywords, timestamps, no duplicates, all alone', () => {
  const q = parseTaxiiQuery({ 'match[version]': 'first,2024-01-01T00:00:00Z' }, ['version']);
  assert.deepEqual(q.select, { all: false, first: true, last: false, versions: ['2024-01-01T00:00:00.000000000Z'] });
  assert.deepEqual(parseTaxiiQuery({}, ['version']).select, { all: false, first: false, last: true, versions: [] });
  assert.throws(() => parseTaxiiQuery({ 'match[version]': 'all,first' }, ['version']));
  assert.throws(() => parseTaxiiQuery({ 'match[version]': 'last,last' }, ['version']));
});

test('§3.4: limit is a positive integer, next a token this server made, a field occurs once', () => {
  assert.equal(parseTaxiiQuery({ limit: '5' }, []).limit, 5);
  assert.equal(parseTaxiiQuery({ next: encodeNext(42) }, []).after, 42);
  for (const limit of ['0', '-1', '1.5', 'ten']) assert.throws(() => parseTaxiiQuery({ limit }, []), /limit/);
  assert.throws(() => parseTaxiiQuery({ next: '42' }, []), /next/);
  assert.throws(() => parseTaxiiQuery({ 'match[type]': ['a', 'b'] }, ['type']), /once/);
  assert.throws(() => parseTaxiiQuery({ 'match[type]': 'indicator,' }, ['type']), /malformed/);
  assert.equal(parseTaxiiQuery({ 'match[type]': 'indicator' }, []).types, undefined, 'fields an endpoint does not take are ignored');
});

test('§1.6.8, §3.1: Accept needs a TAXII 2.1 media range; Content-Type must be the TAXII media type', () => {
  for (const ok of [
    'application/taxii+json;version=2.1',
    'application/taxii+json',
    'Application/TAXII+JSON; version="2.1"',
    'text/html, application/taxii+json;q=0.5',
  ]) {
    assert.doesNotThrow(() => checkAccept(ok), ok);
  }
  for (const bad of [undefined, '*/*', 'application/json', 'application/taxii+json;version=2.0', 'application/taxii+json;q=0']) {
    assert.throws(() => checkAccept(bad), /Accept/, String(bad));
  }
  assert.doesNotThrow(() => checkContentType('application/taxii+json;version=2.1'));
  assert.throws(() => checkContentType('application/stix+json;version=2.1'), /Content-Type/);
});

test("Concord's match[x_concord_min_score]: a score from 0 to 100, once (issue 17, must 6)", () => {
  assert.equal(parseTaxiiQuery({ 'match[x_concord_min_score]': '42.5' }, ['id']).minScore, 42.5);
  assert.equal(parseTaxiiQuery({}, ['id']).minScore, undefined);
  for (const bad of ['', '-1', '101', 'high'])
    assert.throws(() => parseTaxiiQuery({ 'match[x_concord_min_score]': bad }, ['id']), /x_concord_min_score/);
  assert.throws(() => parseTaxiiQuery({ 'match[x_concord_min_score]': ['1', '2'] }, ['id']), /at most once/);
});
