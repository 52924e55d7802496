import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvRow, isDeprecated, isSystemObject, relevance } from './rules.ts';

test('relevance ranks a name before a description that only mentions it', () => {
  const team = { type: 'intrusion-set', name: 'Sandworm Team', aliases: ['ELECTRUM'] };
  const notpetya = { type: 'malware', name: 'NotPetya', description: 'used by Sandworm Team' };
  assert.ok(relevance(team, 'sandworm') > relevance(notpetya, 'sandworm'));
  assert.equal(relevance(team, 'sandworm team'), 6);
  const technique = {
    type: 'attack-pattern',
    name: 'Spearphishing',
    external_references: [{ source_name: 'mitre', external_id: 'T0865' }],
  };
  assert.equal(relevance(technique, 't0865'), 4);
  assert.ok(relevance(technique, 't0865') > relevance({ name: 'xx T0865 yy' }, 't0865'));
});

test('system and deprecated objects are recognised', () => {
  assert.ok(isSystemObject({ type: 'marking-definition' }));
  assert.ok(isSystemObject({ type: 'identity', identity_class: 'system' }));
  assert.ok(!isSystemObject({ type: 'identity', identity_class: 'organization' }));
  assert.ok(isDeprecated({ x_mitre_deprecated: true }));
  assert.ok(!isDeprecated({ x_mitre_deprecated: false }));
});

test('CSV cells cannot start a formula and are quoted by RFC 4180', () => {
  assert.equal(csvCell('=cmd|x'), "'=cmd|x");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal(csvCell('plain'), 'plain');
});

test('a CSV row has the columns in order, labels joined by semicolons', () => {
  const row = csvRow(
    { id: 'malware--1', type: 'malware', name: '-x', created: 'c', modified: 'm', labels: ['a', 'b'], confidence: 80 },
    'CERT',
    'amber',
  );
  assert.equal(row, "malware--1,malware,'-x,c,m,CERT,amber,a;b,80\r\n");
});
