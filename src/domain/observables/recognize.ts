// Recognising observables in what an analyst types or pastes (issue 15, lookup in the UI): which
// kind a value is, in its canonical form, and a pasted list split into values. Alerts and
// reports defang indicators so that nobody clicks them (`hxxp://`, `198.51.100[.]7`,
// `user[@]example[.]com`); they are refanged before the kind is detected. Kind detection and
// canonical forms are the lookup's own (normalize.ts), so the UI recognises exactly what the
// API looks up.
import { detectKind, normalizeObservable } from './normalize.ts';
import type { ObservableKind } from './types.ts';

/** A value recognised as an observable. */
export interface Recognized {
  /** The value as given (trimmed). */
  input: string;
  /** The value refanged: what is sent to the lookup. */
  value: string;
  kind: ObservableKind;
  /** Canonical form (normalize.ts). */
  normalized: string;
}

// Common defanging conventions (as in ioc-fanger and CyberChef's "Fang URL"): brackets or
// parentheses around a dot, colon, "://", "@" or the words dot/at, and hxxp/hXXp/fxp schemes.
const BRACKETED = /[[({]\s*(\.|dot|:\/\/|:|@|at)\s*[\])}]/gi;
const BRACKETED_AS: Record<string, string> = { '.': '.', dot: '.', '://': '://', ':': ':', '@': '@', at: '@' };
const SCHEME = /^(hxxp|fxp)(s?):/i;

/** Undoes common defanging: `hxxp[://]evil[.]com` → `http://evil.com`. Other text is unchanged. */
export function refang(s: string): string {
  return s
    .replace(BRACKETED, (_m, inner: string) => BRACKETED_AS[inner.toLowerCase()] ?? inner)
    .replace(SCHEME, (_m, scheme: string, secure: string) => `${scheme.toLowerCase() === 'fxp' ? 'ftp' : 'http'}${secure}:`);
}

/** The observable a typed value is (refanged first), or undefined when it is none. */
export function recognize(raw: string): Recognized | undefined {
  const input = raw.trim();
  const value = refang(input);
  const kind = detectKind(value);
  const obs = kind ? normalizeObservable(kind, value) : undefined;
  return obs ? { input, value, kind: obs.kind, normalized: obs.value } : undefined;
}

// Quotes and angle brackets that alerts and CSV put around values.
const WRAPPED = /^["'<`]+|["'>`]+$/g;

/**
 * A pasted list split into values: by line, comma, semicolon, tab or space; wrapping quotes and
 * angle brackets removed; blanks and repeats dropped, in first-seen order. (A URL with a comma or
 * space in it is split; alerts percent-encode them.)
 */
export function splitValues(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const v = part.replace(WRAPPED, '');
    if (v !== '') seen.add(v);
  }
  return [...seen];
}

/** A pasted list: the values recognised as observables, and those that are not. */
export function recognizeList(text: string): { recognized: Recognized[]; unrecognized: string[] } {
  const recognized: Recognized[] = [];
  const unrecognized: string[] = [];
  for (const v of splitValues(text)) {
    const r = recognize(v);
    if (r) recognized.push(r);
    else unrecognized.push(v);
  }
  return { recognized, unrecognized };
}
