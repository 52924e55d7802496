// Makes sure better-sqlite3's native addon matches the Node.js that runs Concord.
//
// Why: Concord runs on the Node.js 26 pinned by the `node` devDependency, but npm may
// compile native addons against another Node's headers (this machine's npm config sets
// `nodedir` to the system Node), and prebuilt binaries cannot be downloaded here. When the
// addon does not load, we rebuild it against the headers shipped in the `node-<os>-<arch>`
// package for the running version, taken from npm's cache or the registry, never from a
// download site.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

function loads(): boolean {
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = root): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function headersDir(): { dir: string; cleanup: () => void } {
  const pkg = `node-${process.platform}-${process.arch}`;
  const nested = join(root, 'node_modules', 'node', 'node_modules', pkg);
  if (existsSync(join(nested, 'include', 'node', 'node_version.h'))) return { dir: nested, cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'concord-node-headers-'));
  run('npm', ['pack', `${pkg}@${process.versions.node}`, '--pack-destination', tmp, '--silent']);
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${pkg} produced no tarball`);
  run('tar', ['-xzf', join(tmp, tgz), '-C', tmp, 'package/include']);
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

if (!loads()) {
  console.log(`concord: building better-sqlite3 for Node.js ${process.versions.node} (ABI ${process.versions.modules})`);
  const { dir, cleanup } = headersDir();
  try {
    run('npm', ['rebuild', 'better-sqlite3'], {
      ...process.env,
      npm_config_nodedir: dir,
      npm_config_build_from_source: 'true',
    });
  } finally {
    cleanup();
  }
  if (!loads()) {
    console.error('concord: better-sqlite3 still does not load after the rebuild; see the build output above');
    process.exit(1);
  }
}
