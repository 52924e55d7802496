// Builds the web UI (web/ → web/dist) with Vite. `--if-stale` builds only when a source file is
// newer than the last build, so `npm start` and the browser tests build once and then start at
// once. Without Vite (an install without devDependencies) it says so and leaves the server to
// show a "not built" page. Each asset is written compressed beside itself (.br, .gz), so the
// server sends the 500 KB script as ~130 KB without compressing it per request (issue 15, must 10).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'web');
const OUT = join(WEB, 'dist');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** True when web/dist is missing or older than a source of the UI. */
export function webIsStale(): boolean {
  const built = join(OUT, 'index.html');
  if (!existsSync(built)) return true;
  // The UI imports types from src/ (erased) and a few values: the role list of the access model
  // and the observable recogniser (with the normalisers it uses).
  const shared = [
    join(ROOT, 'src', 'domain', 'identity', 'types.ts'),
    join(ROOT, 'src', 'domain', 'observables'),
    // The Explorer's rules (flags) and the permission table (who is offered bulk writes), issue 15.
    join(ROOT, 'src', 'domain', 'explorer'),
    join(ROOT, 'src', 'domain', 'access'),
    join(ROOT, 'src', 'domain', 'markings', 'concord-identity.ts'),
  ];
  const sources = [join(WEB, 'src'), join(WEB, 'index.html'), ...shared, join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)];
  return Math.max(...sources.filter((p) => existsSync(p)).map(newest)) > statSync(built).mtimeMs;
}

// Text assets gain from compression; images and fonts are compressed already.
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

/** Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir` (the slowest,
 *  smallest settings: this runs once per build, and @fastify/static serves the files as they are). */
export function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) precompress(path);
    else if (COMPRESSIBLE.test(name)) {
      const data = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    }
  }
}

/** Builds the UI (when stale, with `ifStale`); resolves to whether a build ran. */
export async function buildWeb(options: { ifStale?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (options.ifStale && !webIsStale()) return false;
  let vite: typeof import('vite');
  let react: typeof import('@vitejs/plugin-react');
  try {
    vite = await import('vite');
    react = await import('@vitejs/plugin-react');
  } catch {
    console.warn('concord: Vite is not installed (npm install without --omit=dev builds the web UI); the UI will not be served.');
    return false;
  }
  await vite.build({
    root: WEB,
    configFile: false,
    logLevel: options.quiet ? 'warn' : 'info',
    plugins: [react.default()],
    build: { outDir: OUT, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  });
  precompress(OUT);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const ran = await buildWeb({ ifStale });
  if (!ran && ifStale) console.log('concord: web UI is up to date');
}
