// Streaming splitter for STIX bundles of any size.
//
// Why by hand: a bundle may be larger than memory, so it cannot be parsed whole, and the
// streaming JSON parsers on npm tokenise every value in JavaScript, which is several times
// slower than splitting on structure and handing each object's text to the native
// `JSON.parse`. We also need each object's raw text (quarantine keeps what was received,
// DESIGN.md principle 3) and its byte offset (errors name where they are), which token
// streams do not give. The splitter only tracks strings, nesting and the `objects` key;
// the syntax inside each object is checked by `JSON.parse` in the caller.
import { JsonMalformedError } from '../../errors.ts';

/** One element of the bundle's `objects` array (or of a top-level array), as raw text. */
export interface SplitItem {
  text: string;
  /** Byte offset of the element's first byte in the whole input. */
  offset: number;
  /** Position in the `objects` array. */
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

const OBJECTS_KEY = /"objects"\s*:\s*$/;
const HEADER_LIMIT = 1024 * 1024;

/**
 * Splits a JSON text, fed in chunks, into the elements of a bundle's `objects` array, or of a
 * top-level array. Everything else at the top level (the bundle's own properties, or a single
 * bare object) is kept as the `header`, with the elements left out.
 */
export class BundleSplitter {
  /** Bytes consumed so far. */
  offset = 0;
  private stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** Depth of the array whose elements we emit, or -1. */
  private elementDepth = -1;
  private elementStart = -1;
  private elementParts: Buffer[] = [];
  private index = 0;
  private header: Buffer[] = [];
  private headerBytes = 0;
  private started = false;
  private closed = false;

  /** Feeds the next chunk; returns the elements completed in it. */
  push(chunk: Buffer): SplitItem[] {
    const out: SplitItem[] = [];
    let i = 0;
    if (!this.started) i = this.skipBom(chunk);
    const base = this.offset;
    // Header bytes are everything outside the emitted array, separators between elements included.
    let headerFrom = this.inElements() ? -1 : i;
    let partFrom = this.elementStart >= 0 ? 0 : -1;
    const n = chunk.length;
    for (; i < n; i++) {
      if (this.inString) {
        const close = this.closingQuote(chunk, i);
        if (close < 0) break;
        this.inString = false;
        i = close;
        continue;
      }
      const c = chunk[i] as number;
      if (c === QUOTE) {
        this.inString = true;
        continue;
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) {
        const depth = this.stack.length;
        if (depth === 0 && this.closed) throw this.fail('more than one top-level JSON value', base + i);
        if (depth === this.elementDepth && this.elementStart < 0) {
          if (c !== OPEN_OBJ) throw this.fail(`objects[${this.index}] is not a JSON object`, base + i);
          this.elementStart = base + i;
          partFrom = i;
        } else if (c === OPEN_ARR && this.elementDepth < 0 && this.isObjectsArray(chunk, headerFrom, i, depth)) {
          this.elementDepth = depth + 1;
          this.appendHeader(chunk.subarray(headerFrom, i + 1));
          headerFrom = -1;
        }
        this.stack.push(c);
        continue;
      }
      if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        const open = this.stack.pop();
        if (open === undefined || (open === OPEN_OBJ) !== (c === CLOSE_OBJ)) {
          throw this.fail(`unexpected '${String.fromCharCode(c)}'`, base + i);
        }
        if (this.stack.length === this.elementDepth && this.elementStart >= 0) {
          this.elementParts.push(chunk.subarray(partFrom, i + 1));
          out.push({ text: Buffer.concat(this.elementParts).toString('utf8'), offset: this.elementStart, index: this.index++ });
          this.elementParts = [];
          this.elementStart = -1;
          partFrom = -1;
        } else if (this.stack.length === this.elementDepth - 1) {
          this.elementDepth = -1;
          headerFrom = i;
        }
        if (this.stack.length === 0) this.closed = true;
        continue;
      }
      if (this.elementStart < 0 && this.stack.length === this.elementDepth && !isSpace(c) && c !== COMMA) {
        throw this.fail(`objects[${this.index}] is not a JSON object`, base + i);
      }
      if (this.stack.length === 0 && !isSpace(c)) {
        throw this.fail(`unexpected '${String.fromCharCode(c)}' outside the top-level value`, base + i);
      }
    }
    if (headerFrom >= 0 && headerFrom < n) this.appendHeader(chunk.subarray(headerFrom, n));
    if (this.elementStart >= 0 && partFrom >= 0) this.elementParts.push(Buffer.from(chunk.subarray(partFrom, n)));
    this.offset = base + n;
    return out;
  }

  /** Call after the last chunk: checks the text is complete and returns the top-level header text. */
  end(): string {
    if (this.inString || this.stack.length > 0) {
      throw this.fail('unexpected end of input: the JSON text is incomplete', this.offset);
    }
    const header = Buffer.concat(this.header).toString('utf8').trim();
    if (header === '') throw this.fail('empty input: expected a STIX bundle, an object or an array', this.offset);
    return header;
  }

  private inElements(): boolean {
    return this.elementDepth >= 0 && this.stack.length >= this.elementDepth;
  }

  private skipBom(chunk: Buffer): number {
    this.started = true;
    return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  }

  /** A '[' opens the elements we emit when it is the top-level value or the top-level `objects` value. */
  private isObjectsArray(chunk: Buffer, headerFrom: number, i: number, depth: number): boolean {
    if (depth === 0) return true;
    if (depth !== 1 || this.stack[0] !== OPEN_OBJ) return false;
    // Outside an element every byte since `headerFrom` is header: the key is in its last bytes.
    const near = chunk.subarray(Math.max(headerFrom, i - 64), i);
    const tail = near.length >= 64 ? near : Buffer.concat([this.headerTail(64 - near.length), near]);
    return OBJECTS_KEY.test(tail.toString('latin1'));
  }

  private headerTail(length: number): Buffer {
    const all = this.header.length === 1 ? (this.header[0] as Buffer) : Buffer.concat(this.header);
    this.header = [all];
    return all.subarray(Math.max(0, all.length - length));
  }

  /**
   * Index of the quote that closes the string we are in, or -1 when the chunk ends first.
   * A quote is escaped when an odd number of backslashes precede it (RFC 8259 §7).
   */
  private closingQuote(chunk: Buffer, from: number): number {
    let at = from;
    for (;;) {
      const q = chunk.indexOf(QUOTE, at);
      if (q < 0) {
        this.escaped = this.trailingBackslashes(chunk, chunk.length, from) % 2 === 1;
        return -1;
      }
      if (this.trailingBackslashes(chunk, q, from) % 2 === 0) {
        this.escaped = false;
        return q;
      }
      at = q + 1;
    }
  }

  /** Backslashes right before `end`, counting one carried over from the previous chunk. */
  private trailingBackslashes(chunk: Buffer, end: number, from: number): number {
    let k = 0;
    let j = end - 1;
    while (j >= from && chunk[j] === BACKSLASH) {
      k++;
      j--;
    }
    if (j < from && this.escaped) k++;
    return k;
  }

  private appendHeader(part: Buffer): void {
    if (part.length === 0) return;
    this.headerBytes += part.length;
    if (this.headerBytes > HEADER_LIMIT) {
      throw this.fail('the bundle has more than 1 MiB of top-level properties besides `objects`', this.offset);
    }
    this.header.push(Buffer.from(part));
  }

  private fail(message: string, offset: number): JsonMalformedError {
    return new JsonMalformedError(`${message} (byte ${offset})`, offset);
  }
}
