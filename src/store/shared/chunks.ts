// Long id lists are read and written in slices: SQLite and PostgreSQL both cap the parameters of
// one statement.
const CHUNK = 500;

/** `xs` in consecutive slices of at most 500. */
export function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}
