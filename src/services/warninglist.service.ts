// The MISP warninglists an administrator points the node at (--warninglists, issue 17 must 5),
// loaded once at start and matched in memory: lookups, object pages and alerts say when a value
// is on one, and correlation does not expand such values.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { WarninglistHit } from '../domain/correlation/api.ts';
import { WarninglistMatcher, type LoadedList } from '../domain/correlation/warninglist-matcher.ts';
import { parseWarninglist } from '../domain/correlation/warninglists.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { detectKind, normalizeObservable } from '../domain/observables/normalize.ts';
import type { Observable, ObservableKind } from '../domain/observables/types.ts';

/** Where loading reports (the server's logger; the command line's stderr). */
export interface WarninglistLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What `check` answers for one value. */
export interface WarninglistCheck {
  value: string;
  kind: ObservableKind | null;
  normalized: string | null;
  warninglists: WarninglistHit[];
}

const CONSOLE_LOG: WarninglistLog = {
  info: () => {},
  error: (obj, msg) => console.error(msg, obj),
};

/** The key of a value in `match`'s answer. */
export function valueKey(o: Observable): string {
  return `${o.kind}\u0000${o.value}`;
}

/** The folders holding a list.json: `dir/<id>/list.json`, or `dir/lists/<id>/list.json` when
 *  `dir` is a checkout of the MISP/misp-warninglists repository. */
async function listFiles(dir: string): Promise<{ id: string; file: string }[]> {
  const root = await stat(join(dir, 'lists'))
    .then((s) => (s.isDirectory() ? join(dir, 'lists') : dir))
    .catch(() => dir);
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => ({ id: e.name, file: join(root, e.name, 'list.json') }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Warninglists loaded from a folder, matched in memory. */
export class WarninglistService {
  private readonly dir: string | undefined;
  private matcher = new WarninglistMatcher();
  private loading: Promise<void> | undefined;

  constructor(deps: { dir: string | undefined }) {
    this.dir = deps.dir;
  }

  /**
   * Loads the lists once (later calls return the same promise). Each list is read and indexed
   * in steps that let requests run between them, so a folder of large lists does not hold up a
   * starting server; until it finishes, `match` answers from no lists. A list that cannot be
   * read or parsed is skipped and logged with its file; the load itself never fails.
   */
  load(log: WarninglistLog = CONSOLE_LOG): Promise<void> {
    this.loading ??= this.loadAll(log);
    return this.loading;
  }

  /** Resolves once the lists are loaded (callers that must not miss a flag, such as alert rules). */
  ready(): Promise<void> {
    return this.load();
  }

  private async loadAll(log: WarninglistLog): Promise<void> {
    const dir = this.dir;
    if (dir === undefined) return;
    let files: { id: string; file: string }[];
    try {
      files = await listFiles(dir);
    } catch (err) {
      log.error({ err, dir }, `warninglists: cannot read the folder ${dir}`);
      return;
    }
    const matcher = new WarninglistMatcher();
    let failed = 0;
    for (const { id, file } of files) {
      try {
        const list = parseWarninglist(id, file, await readFile(file, 'utf8'));
        const adding = matcher.add(list);
        let step = adding.next();
        while (!step.done) {
          await yieldToEvents();
          step = adding.next();
        }
        if (step.value.skipped > 0)
          log.error({ file, skipped: step.value.skipped }, `warninglists: ${file}: ${step.value.skipped} entries skipped`);
      } catch (err) {
        failed++;
        log.error({ err, file }, `warninglists: ${file} skipped: ${(err as Error).message}`);
      }
      await yieldToEvents();
    }
    this.matcher = matcher;
    const entries = matcher.lists().reduce((n, l) => n + l.entries, 0);
    log.info(
      { dir, lists: matcher.lists().length, entries, failed },
      `warninglists: ${matcher.lists().length} lists (${entries} entries) loaded from ${dir}${failed > 0 ? `, ${failed} skipped` : ''}`,
    );
  }

  /**
   * The lists each value is on, keyed by `valueKey` (kind, NUL, value); values on none are
   * absent. Warninglists are public reference data, not stored objects: callers authorize
   * their own readers (lookup, correlation, alerts).
   */
  match(observables: readonly Observable[]): Map<string, WarninglistHit[]> {
    const out = new Map<string, WarninglistHit[]>();
    for (const o of observables) {
      const key = valueKey(o);
      if (out.has(key)) continue;
      const hits = this.matcher.match(o);
      if (hits.length > 0) out.set(key, hits);
    }
    return out;
  }

  /** The lists loaded, with their entry counts (GET /api/v1/warninglists). */
  async lists(principal: Principal): Promise<LoadedList[]> {
    authorize(principal, 'object.read');
    await this.ready();
    return [...this.matcher.lists()];
  }

  /** Which lists a free-text value is on, its kind detected unless given (GET /api/v1/warninglists/check). */
  async check(principal: Principal, value: string, kind?: ObservableKind): Promise<WarninglistCheck> {
    authorize(principal, 'object.read');
    await this.ready();
    const k = kind ?? detectKind(value);
    const obs = k ? normalizeObservable(k, value) : undefined;
    return { value, kind: k ?? null, normalized: obs?.value ?? null, warninglists: obs ? this.matcher.match(obs) : [] };
  }
}
