// Full-text words, computed in one place for both engines. SQLite's tokenizers and
// PostgreSQL's text-search parser split text differently (PostgreSQL keeps `evil.com` as one
// host token, SQLite splits it; PostgreSQL under the C locale drops non-ASCII letters), so the
// store tokenises itself and hands each engine plain lowercase words: the FTS5 `ascii`
// tokenizer and `array_to_tsvector` then index exactly these words, and a query matches the
// same objects on both.

/** Longer words are not indexed: PostgreSQL caps a lexeme at 2 KB and such words are blobs. */
export const MAX_WORD_LENGTH = 256;
/** PostgreSQL caps a tsvector at 1 MB; an object's first words are the ones indexed. */
export const MAX_WORDS = 10_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII on purpose, control characters included
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The distinct lowercase words of `text` (letters, digits and combining marks), in order. */
export function searchWords(text: string): string[] {
  if (text === '') return [];
  const ascii = ASCII_ONLY.test(text);
  // NFKC folds compatibility forms (ligatures, full-width letters) so they match plain input.
  const norm = ascii ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
  const found = norm.match(ascii ? ASCII_WORD : WORD);
  if (found === null) return [];
  const seen = new Set<string>();
  for (const w of found) {
    if (w.length > MAX_WORD_LENGTH) continue;
    seen.add(w);
    if (seen.size >= MAX_WORDS) break;
  }
  return [...seen];
}

/** Below this length a text cannot hold MAX_WORDS distinct words, so the cap cannot apply. */
const CAP_FREE_LENGTH = 30_000;

/**
 * The text to hand FTS5's `ascii` tokenizer so that it indexes exactly `searchWords(text)`.
 * For plain ASCII that is the text itself: the tokenizer splits on the same characters and
 * folds the same case, and skipping the JavaScript split saves a few µs per object on ingest.
 */
export function ftsDocument(text: string): string {
  if (text.length < CAP_FREE_LENGTH && plainAscii(text)) return text;
  return searchWords(text).join(' ');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII on purpose, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

/** 1 for the characters of an ASCII word (digits and letters), by character code. */
const WORD_CHAR = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

function isWordChar(text: string, i: number): boolean {
  return WORD_CHAR[text.charCodeAt(i)] === 1;
}

/**
 * True when `text` is ASCII without a word longer than MAX_WORD_LENGTH. A word that long
 * covers one of the positions MAX_WORD_LENGTH + k(MAX_WORD_LENGTH + 1), so only the words
 * under those positions are measured: ~1 µs for an 80-word description, where the regular
 * expression `[A-Za-z0-9]{257}` it replaces backtracked at every word start (~14 µs).
 */
function plainAscii(text: string): boolean {
  if (NON_ASCII.test(text)) return false;
  const step = MAX_WORD_LENGTH + 1;
  for (let i = MAX_WORD_LENGTH; i < text.length; i += step) {
    if (!isWordChar(text, i)) continue;
    let start = i;
    while (start > 0 && isWordChar(text, start - 1)) start--;
    let end = i;
    while (end + 1 < text.length && isWordChar(text, end + 1)) end++;
    if (end - start + 1 > MAX_WORD_LENGTH) return false;
  }
  return true;
}
