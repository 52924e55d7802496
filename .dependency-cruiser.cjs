// Import boundaries (CONVENTIONS.md, "Tooling that holds the shape"), checked by `npm run lint:deps`,
// which `npm test` runs after the type check.
//
// Run through scripts/lint-deps.ts, which also fails when nothing could be read (a check that
// passes on zero files would hide every violation).
//
// The layer rule is written once, in LAYERS below: each layer lists the layers it may import, and
// one forbidden rule per layer is generated from that list. Read the arrows as "is imported by":
//
//   errors.ts <- domain <- store <- services <- http, jobs <- app.ts <- cli
//
// - src/errors.ts is shared by every server layer and imports nothing of Concord's.
// - src/domain is pure: types and rules, no I/O (node:fs, sockets, workers, databases, HTTP).
// - src/store holds the repository interfaces (store/repositories.ts) and their implementations.
// - src/config.ts parses flags and CONCORD_* once; it reads only domain types, and services and
//   everything above may read it (services/index.ts takes the Config).
// - src/services compose domain and store; they never import jobs, http or cli.
// - src/jobs (background tasks) and src/http (routes) sit side by side above services and do not
//   import each other.
// - src/app.ts is the composition root: it builds store, services and http; only the CLI (whose
//   `serve` starts it) imports it.
// - src/cli, the entry point, may import everything below it.
// - web/src (the React UI) shares only the domain's types and pure rules with the server.
//
// Besides: no import circles anywhere, SQL drivers only in src/store, test helpers only in tests.

/** Each layer: the files it holds, and the layers (besides itself) whose files it may import. */
const LAYERS = {
  errors: { path: '^src/errors\\.ts$', may: [] },
  domain: { path: '^src/domain/', may: ['errors'] },
  store: { path: '^src/store/', may: ['errors', 'domain'] },
  config: { path: '^src/config\\.ts$', may: ['errors', 'domain'] },
  services: { path: '^src/services/', may: ['errors', 'domain', 'store', 'config'] },
  jobs: { path: '^src/jobs/', may: ['errors', 'domain', 'store', 'config', 'services'] },
  http: { path: '^src/http/', may: ['errors', 'domain', 'store', 'config', 'services'] },
  app: { path: '^src/app\\.ts$', may: ['errors', 'domain', 'store', 'config', 'services', 'jobs', 'http'] },
  cli: { path: '^src/cli/', may: ['errors', 'domain', 'store', 'config', 'services', 'jobs', 'http', 'app'] },
  web: { path: '^web/src/', may: ['domain'] },
};

const layerRules = Object.entries(LAYERS).map(([name, layer]) => {
  const allowed = [name, ...layer.may];
  return {
    name: `layer-${name}`,
    severity: 'error',
    comment: `${name} may import only ${allowed.join(', ')} (.dependency-cruiser.cjs, LAYERS)`,
    from: { path: layer.path },
    // Only Concord's own source is layered; packages, node builtins and test helpers are ruled below.
    to: { path: '^(src|web/src)/', pathNot: allowed.map((l) => LAYERS[l].path) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files must not import each other in a circle, directly or through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-without-io',
      severity: 'error',
      comment: 'The domain is pure (CONVENTIONS.md, "Domain without I/O"): no files, processes, sockets, workers, databases or HTTP.',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev'],
        path: [
          '^(node:)?(fs|fs/promises|child_process|worker_threads|cluster|dgram|dns|http|https|http2|tls|readline|repl|inspector|v8|vm)$',
          'node_modules/(kysely|pg|better-sqlite3|fastify|@fastify|react|react-dom)/',
        ],
      },
    },
    {
      name: 'sql-only-in-store',
      severity: 'error',
      comment: 'All SQL lives in src/store; services and everything else use the repositories (CONVENTIONS.md).',
      from: { path: '^(src|web/src)/', pathNot: '^src/store/' },
      to: { path: 'node_modules/(kysely|pg|better-sqlite3)/' },
    },
    {
      name: 'test-helpers-only-in-tests',
      severity: 'error',
      comment: 'Source imports test/ helpers only from its own *.test.ts files.',
      from: { path: '^(src|web/src)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    // TypeScript 7.0 has no JavaScript API for dependency-cruiser; swc parses TypeScript and keeps
    // `import type` (a type-only import still ties the layers).
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
