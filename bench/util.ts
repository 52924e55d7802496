// Helpers shared by the benchmark drivers (bench/run.ts, bench/taxii.ts): child processes, a
// running node, and the server's CPU time from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/** The Node.js flags `npx concord` runs with (the shebang of bin/concord.js). */
export const CONCORD_NODE_FLAGS = ['--max-semi-space-size=4'];

/** Runs `node <script> ...args` from the repository root; resolves with its stdout (and stderr). */
export function child(script: string, args: string[], options: { stderr?: boolean; nodeFlags?: string[] } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, [...(options.nodeFlags ?? []), join(root, script), ...args], {
      stdio: ['ignore', 'pipe', options.stderr ? 'pipe' : 'inherit'],
    });
    let text = '';
    p.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    p.on('exit', (code) => (code === 0 ? ok(text.trim()) : fail(new Error(`${script} exited with ${code}: ${text.slice(-500)}`))));
  });
}

/** The last line of a child's output (its JSON result). */
export function lastLine(text: string): string {
  return text.split('\n').pop() ?? '';
}

export function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** A `concord serve` of `dataDir` on a free port, ready to answer. */
export async function startNode(dataDir: string): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [join(root, 'src', 'cli', 'main.ts'), 'serve', '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
    { stdio: 'inherit' },
  );
  const base = `http://127.0.0.1:${port}`;
  // Up to a minute: on a loaded machine a node over a large store takes more than ten seconds.
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, server };
}

/** A read-scope API token of the node's administrator (made by the first start), as a header value. */
export async function adminToken(dataDir: string, name: string): Promise<string> {
  // `--json` prints the token and its secret as one JSON document (after a notice on stdout).
  const out = await child('src/cli/main.ts', [
    'token',
    'create',
    '--user',
    'admin',
    '--scope',
    'read',
    '--name',
    name,
    '--json',
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
  ]);
  return `Bearer ${(JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { secret: string }).secret}`;
}

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when it is empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}
