import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { searchWords } from '../../store/shared/search-words.ts';
import { searchDocument } from './search-text.ts';

test('the search document holds exactly the words the store would index from the full text', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '-', '.', 'É', 'ß', 'x'.repeat(300), '東京')), { maxLength: 40 }).map((p) => p.join(''));
  fc.assert(
    fc.property(text, text, (name, description) => {
      const doc = searchDocument({ type: 'indicator', id: 'indicator--00000000-0000-4000-8000-000000000000', name, description });
      assert.deepEqual(searchWords(doc), searchWords(`${name} ${description}`));
    }),
  );
});

test('ASCII text becomes its distinct lowercase words, in order', () => {
  const doc = searchDocument({ type: 'malware', id: 'malware--00000000-0000-4000-8000-000000000000', name: 'Evil evil LOADER', description: 'loader, evil.com' });
  assert.equal(doc, 'evil loader com');
});
