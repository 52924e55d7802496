// Reference material in ../shared beside the repository (DEVELOPERS.md): tests read it when it
// is there and skip, saying why, when it is not. Resolved from the repository root so that any
// clone location works.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared/ folder beside the repository. */
export const SHARED_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared');

/** A path inside shared/. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** `false` when the path exists, else a skip message naming it (for `test(name, { skip })`). */
export function skipUnlessShared(path: string): string | false {
  return existsSync(path) ? false : `${path} is not present (../shared is not beside the repository)`;
}
