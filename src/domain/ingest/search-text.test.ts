import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchText } from './search-text.ts';

test('the searchable text holds name, description, pattern, labels, aliases and external ids', () => {
  const text = searchText({
    type: 'attack-pattern',
    id: 'attack-pattern--00000000-0000-4000-8000-000000000000',
    name: 'Spearphishing',
    description: 'Sends a link',
    labels: ['initial-access'],
    aliases: ['T1566'],
    external_references: [{ source_name: 'cve', external_id: 'CVE-2024-0001' }],
    created_by_ref: 'identity--00000000-0000-4000-8000-000000000001',
  });
  assert.equal(text, 'Spearphishing Sends a link initial-access T1566 CVE-2024-0001');
});

test('an expert profile is found by its pseudonym and skills, never by a name it does not carry (issue 18, must 2)', () => {
  const text = searchText({
    type: 'x-concord-expert-profile',
    id: 'x-concord-expert-profile--00000000-0000-4000-8000-000000000000',
    pseudonym: 'Kestrel-7',
    skills: ['digital-forensics-investigator', 'tag:volatility'],
    country: 'SI',
  });
  assert.equal(text, 'Kestrel-7 digital-forensics-investigator tag:volatility');
});
