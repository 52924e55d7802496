import { readFileSync, readdirSync } from 'node:fs';
const vite = await import('vite');
const react = await import('@vitejs/plugin-react');
await vite.build({ root: 'web', configFile: false, logLevel: 'warn', plugins: [react.default()], build: { outDir: '/tmp/webmap', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 5000 } });
const f = readdirSync('/tmp/webmap/assets').find((n) => /^index-.*\.js\.map$/.test(n))!;
const map = JSON.parse(readFileSync(`/tmp/webmap/assets/${f}`, 'utf8'));
const rows = map.sources.map((s: string, i: number) => [s, (map.sourcesContent[i] ?? '').length]).filter(([s]: [string]) => !s.includes('node_modules'));
rows.sort((a: any, b: any) => b[1] - a[1]);
for (const [s, n] of rows.slice(0, 25)) console.log(n, s);
