// The `concord` command as a user runs it, in a child process, against a given data directory:
// what CLI tests need to check exit codes, standard output and standard error.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'concord.js');

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `concord <args> --data-dir <dataDir>` with silent logs, `input` on its standard input. */
export function runConcord(dataDir: string, args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
    ...(input === undefined ? {} : { input }),
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `concord` against one data directory: any run, a run that must succeed (its stdout), and a
 *  `--json` run parsed. */
export function cliOn(dataDir: () => string): {
  concord: (args: string[]) => CliResult;
  ok: (args: string[]) => string;
  json: <T>(args: string[]) => T;
} {
  const concord = (args: string[]): CliResult => runConcord(dataDir(), args);
  const ok = (args: string[]): string => {
    const r = concord(args);
    if (r.code !== 0) throw new Error(`concord ${args.join(' ')} exited ${r.code}: ${r.err}`);
    return r.out;
  };
  return { concord, ok, json: <T>(args: string[]): T => JSON.parse(ok([...args, '--json'])) as T };
}
