// Character classes of the STIX patterning grammar (STIXPattern.g4), on char codes so that the
// lexer's hot path builds no strings or regular expressions; shared by the lexer and the name rules.

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 0x2d;
}

// The WS rule of STIXPattern.g4: Unicode White_Space code points (STIX 2.1 §9.4).
export function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

export function isBase64Char(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x2b || c === 0x2f;
}

export function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
