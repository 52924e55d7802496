// The parser's view of the token stream: tests on the current token, and the "expected …,
// found …" messages every syntax error carries (STIX 2.1 §9), kept apart from the grammar rules.
import { Lexer, PatternFailure, Tok, type TokKind } from './lexer.ts';

/** A lexer positioned on its first token, with the matching and error helpers the parser's rules use. */
export class TokenCursor {
  protected readonly lx: Lexer;

  constructor(text: string) {
    this.lx = new Lexer(text);
    this.lx.next();
  }

  // A method rather than `lx.kind === …` inline: TypeScript would keep the narrowed kind across
  // `lx.next()` calls, which change it.
  protected at(kind: TokKind): boolean {
    return this.lx.kind === kind;
  }

  protected atKeyword(word: string): boolean {
    return this.at(Tok.KEYWORD) && this.lx.text === word;
  }

  protected expect(kind: TokKind, what: string): void {
    if (this.lx.kind !== kind) this.fail(what);
    this.lx.next();
  }

  protected expectKeyword(word: string): void {
    if (!this.atKeyword(word)) this.fail(word);
    this.lx.next();
  }

  protected fail(expected: string, cite = ''): never {
    const lx = this.lx;
    const column = lx.start + 1;
    const suffix = cite ? ` (${cite})` : '';
    throw new PatternFailure(`expected ${expected} at column ${column}, found ${describeToken(lx)}${suffix}`, column);
  }
}

function describeToken(lx: Lexer): string {
  if (lx.kind === Tok.EOF) return 'end of pattern';
  const raw = lx.src.slice(lx.start, lx.end);
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const literal = lx.kind >= Tok.STRING && lx.kind <= Tok.HEX;
  return literal ? `constant ${shown}` : `'${shown}'`;
}
