import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ftsDocument, MAX_WORD_LENGTH, searchWords } from './search-words.ts';

/** What FTS5's `ascii` tokenizer indexes of a document: lower-cased runs of letters and digits. */
function ftsTokens(doc: string): Set<string> {
  return new Set((doc.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH));
}

test('the FTS document indexes exactly the search words, long words and non-ASCII included', () => {
  const word = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
    fc.integer({ min: MAX_WORD_LENGTH - 2, max: MAX_WORD_LENGTH + 2 }).map((n) => 'x'.repeat(n)),
    fc.constantFrom('évian', 'Ωmega', 'evil.example.com', "[ipv4-addr:value = '10.0.0.1']"),
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 40 }), fc.constantFrom(' ', ', ', '\n'), (words, sep) => {
      const text = words.join(sep);
      const doc = ftsDocument(text);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII on purpose, control characters included
      if (/^[\x00-\x7f]*$/.test(text)) assert.deepEqual(ftsTokens(doc), new Set(searchWords(text)));
      else
        assert.deepEqual(
          doc.split(' ').filter((w) => w !== ''),
          searchWords(text),
        );
    }),
  );
});
