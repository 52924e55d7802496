// Hand-written lexer for the STIX patterning language (STIX 2.1 §9, STIXPattern.g4). It runs on
// the ingest hot path, so it scans char codes in place, keeps one mutable current token instead
// of allocating token objects, and builds no regular expressions per call. Literal constants are
// validated here (§9.2) so that the parser only sees well-formed values.
import { isStixTimestamp } from '../stix/timestamp.ts';
import { isBase64Char, isDigit, isHex, isIdentPart, isIdentStart, isSpace } from './chars.ts';

/** Token kinds. A plain object of numbers rather than an enum (erasable syntax only). */
export const Tok = {
  EOF: 0,
  LBRACK: 1,
  RBRACK: 2,
  LPAREN: 3,
  RPAREN: 4,
  COLON: 5,
  DOT: 6,
  COMMA: 7,
  ASTERISK: 8,
  /** A comparison operator; `op` holds its canonical spelling (`==` → `=`, `<>` → `!=`). */
  OP: 9,
  IDENT: 10,
  KEYWORD: 11,
  STRING: 12,
  INT: 13,
  FLOAT: 14,
  TIMESTAMP: 15,
  BINARY: 16,
  HEX: 17,
  /** Any other character; the parser reports it as unexpected. */
  OTHER: 18,
} as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

/** Comparison operator spellings after canonicalisation. */
export type OpText = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Keywords of the grammar; `true`/`false` are BoolLiteral, `LAST` is reserved but unused. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'true',
  'false',
]);

/** Thrown on the first lexical or syntax error; parsePattern turns it into a ParseResult. */
export class PatternFailure extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

const APOS = 0x27;
const BACKSLASH = 0x5c;

/** Scans a pattern one token at a time; `kind`, `start`, `end` and the value fields describe the current token. */
export class Lexer {
  readonly src: string;
  kind: TokKind = Tok.EOF;
  /** 0-based offset of the current token's first character. */
  start = 0;
  end = 0;
  /** Decoded text of IDENT, KEYWORD, STRING, TIMESTAMP, BINARY and HEX tokens. */
  text = '';
  /** Numeric value of INT and FLOAT tokens. */
  num = 0;
  op: OpText = '=';
  /** True when an IDENT contains a hyphen (allowed in object types only). */
  hyphen = false;
  private pos = 0;

  constructor(src: string) {
    this.src = src;
  }

  /** Advances to the next token; throws PatternFailure on a malformed literal or comment. */
  next(): void {
    this.skipSpaceAndComments();
    const s = this.src;
    const p = this.pos;
    this.start = p;
    if (p >= s.length) {
      this.kind = Tok.EOF;
      this.end = p;
      return;
    }
    const c = s.charCodeAt(p);
    const n = p + 1 < s.length ? s.charCodeAt(p + 1) : -1;
    if (n === APOS && (c === 0x74 || c === 0x62 || c === 0x68)) return this.prefixedLiteral(c);
    if (isIdentStart(c)) return this.identifier();
    if (c === APOS) return this.string();
    if (isDigit(c) || (c === 0x2e && isDigit(n)) || ((c === 0x2d || c === 0x2b) && (isDigit(n) || n === 0x2e))) {
      return this.number();
    }
    this.punctuation(c, n);
  }

  private single(kind: TokKind, length = 1): void {
    this.kind = kind;
    this.pos = this.start + length;
    this.end = this.pos;
  }

  private operator(op: OpText, length: number): void {
    this.op = op;
    this.single(Tok.OP, length);
  }

  private punctuation(c: number, n: number): void {
    switch (c) {
      case 0x5b:
        return this.single(Tok.LBRACK);
      case 0x5d:
        return this.single(Tok.RBRACK);
      case 0x28:
        return this.single(Tok.LPAREN);
      case 0x29:
        return this.single(Tok.RPAREN);
      case 0x3a:
        return this.single(Tok.COLON);
      case 0x2e:
        return this.single(Tok.DOT);
      case 0x2c:
        return this.single(Tok.COMMA);
      case 0x2a:
        return this.single(Tok.ASTERISK);
      case 0x3d:
        return this.operator('=', n === 0x3d ? 2 : 1);
      case 0x21:
        if (n === 0x3d) return this.operator('!=', 2);
        break;
      case 0x3c:
        if (n === 0x3d) return this.operator('<=', 2);
        return n === 0x3e ? this.operator('!=', 2) : this.operator('<', 1);
      case 0x3e:
        return n === 0x3d ? this.operator('>=', 2) : this.operator('>', 1);
    }
    // One whole code point, so the parser's message quotes a readable character.
    this.single(Tok.OTHER, c >= 0xd800 && c <= 0xdbff && n >= 0xdc00 && n <= 0xdfff ? 2 : 1);
  }

  private skipSpaceAndComments(): void {
    const s = this.src;
    let p = this.pos;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (isSpace(c)) {
        p++;
      } else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2a) {
        const close = s.indexOf('*/', p + 2);
        if (close < 0) throw new PatternFailure(`unterminated comment starting at column ${p + 1}`, p + 1);
        p = close + 2;
      } else if (c === 0x2f && s.charCodeAt(p + 1) === 0x2f) {
        p += 2;
        while (p < s.length && s.charCodeAt(p) !== 0x0a && s.charCodeAt(p) !== 0x0d) p++;
      } else {
        break;
      }
    }
    this.pos = p;
  }

  private identifier(): void {
    const s = this.src;
    let p = this.start + 1;
    let hyphen = false;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (!isIdentPart(c)) break;
      if (c === 0x2d) hyphen = true;
      p++;
    }
    this.text = s.slice(this.start, p);
    this.hyphen = hyphen;
    this.kind = !hyphen && KEYWORDS.has(this.text) ? Tok.KEYWORD : Tok.IDENT;
    this.pos = this.end = p;
  }

  /** StringLiteral: only `\'` and `\\` escapes are allowed (STIX 2.1 §9.2, string constant). */
  private string(): void {
    const s = this.src;
    let p = this.start + 1;
    let chunk = p;
    let out = '';
    for (;;) {
      if (p >= s.length) {
        throw new PatternFailure(
          `unterminated string starting at column ${this.start + 1}: expected a closing "'", found end of pattern`,
          this.start + 1,
        );
      }
      const c = s.charCodeAt(p);
      if (c === APOS) break;
      if (c === BACKSLASH) {
        const e = s.charCodeAt(p + 1);
        if (e !== APOS && e !== BACKSLASH) {
          const found = p + 1 < s.length ? `'\\${s[p + 1]}'` : 'end of pattern';
          throw new PatternFailure(
            `invalid escape at column ${p + 1}: only \\' and \\\\ may follow a backslash in a string (STIX 2.1 §9.2), found ${found}`,
            p + 1,
          );
        }
        out += s.slice(chunk, p) + (e === APOS ? "'" : '\\');
        p += 2;
        chunk = p;
        continue;
      }
      p++;
    }
    this.text = chunk === this.start + 1 ? s.slice(chunk, p) : out + s.slice(chunk, p);
    this.kind = Tok.STRING;
    this.pos = this.end = p + 1;
  }

  /** `t'…'`, `b'…'`, `h'…'` constants (STIX 2.1 §9.2), validated here. */
  private prefixedLiteral(prefix: number): void {
    const s = this.src;
    const bodyStart = this.start + 2;
    const close = s.indexOf("'", bodyStart);
    const col = this.start + 1;
    if (close < 0) {
      throw new PatternFailure(
        `unterminated ${s[this.start]}'' literal starting at column ${col}: expected a closing "'", found end of pattern`,
        col,
      );
    }
    const body = s.slice(bodyStart, close);
    this.pos = this.end = close + 1;
    if (prefix === 0x74) {
      if (!isStixTimestamp(body)) {
        throw new PatternFailure(
          `invalid timestamp t'${body}' at column ${col}: expected RFC 3339 UTC form YYYY-MM-DDTHH:MM:SS[.s+]Z (STIX 2.1 §2.16)`,
          col,
        );
      }
      this.kind = Tok.TIMESTAMP;
      this.text = body;
    } else if (prefix === 0x62) {
      this.kind = Tok.BINARY;
      this.text = checkBase64(body, col);
    } else {
      if (body.length % 2 !== 0 || !allChars(body, isHex)) {
        throw new PatternFailure(
          `invalid hex h'${body}' at column ${col}: expected an even number of hexadecimal digits (STIX 2.1 §9.2)`,
          col,
        );
      }
      this.kind = Tok.HEX;
      this.text = body;
    }
  }

  /** IntPosLiteral, IntNegLiteral, FloatPosLiteral, FloatNegLiteral of STIXPattern.g4. */
  private number(): void {
    const s = this.src;
    let p = this.start;
    const sign = s.charCodeAt(p);
    if (sign === 0x2b || sign === 0x2d) p++;
    const intStart = p;
    while (isDigit(s.charCodeAt(p))) p++;
    const intDigits = p - intStart;
    let float = false;
    if (s.charCodeAt(p) === 0x2e && isDigit(s.charCodeAt(p + 1))) {
      float = true;
      p++;
      while (isDigit(s.charCodeAt(p))) p++;
    }
    const col = this.start + 1;
    const raw = s.slice(this.start, p);
    if (!float && (intDigits === 0 || (intDigits > 1 && s.charCodeAt(intStart) === 0x30))) {
      throw new PatternFailure(`invalid number '${raw}' at column ${col}: integers have no leading zeros`, col);
    }
    const value = Number(raw);
    if (!float && !Number.isSafeInteger(value)) {
      throw new PatternFailure(`integer ${raw} at column ${col} is out of range: STIX integers are within ±(2^53-1) (STIX 2.1 §2.10)`, col);
    }
    if (!Number.isFinite(value)) {
      throw new PatternFailure(`number ${raw} at column ${col} is out of range`, col);
    }
    this.kind = float ? Tok.FLOAT : Tok.INT;
    this.num = float ? value : value + 0; // `-0` is the integer 0
    this.text = raw;
    this.pos = this.end = p;
  }
}

function allChars(s: string, ok: (c: number) => boolean): boolean {
  for (let i = 0; i < s.length; i++) if (!ok(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Base64 per RFC 4648 as the grammar's BinaryLiteral: one or more groups of four, with `=`
 * padding only at the end. Line feeds "MUST be supported and ignored" (STIX 2.1 §9.2), so they
 * are removed and the returned value is the data without them.
 */
function checkBase64(body: string, col: number): string {
  const data = body.includes('\n') || body.includes('\r') ? body.replace(/[\r\n]/g, '') : body;
  const n = data.length;
  let ok = n > 0 && n % 4 === 0;
  const pad = !ok ? 0 : data.charCodeAt(n - 1) !== 0x3d ? 0 : data.charCodeAt(n - 2) === 0x3d ? 2 : 1;
  for (let i = 0; ok && i < n - pad; i++) ok = isBase64Char(data.charCodeAt(i));
  if (!ok) {
    throw new PatternFailure(
      `invalid binary b'${body}' at column ${col}: expected base64 (RFC 4648) in groups of four characters (STIX 2.1 §9.2)`,
      col,
    );
  }
  return data;
}
