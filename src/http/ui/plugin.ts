// The web UI (issue 6): the Vite build in web/dist, served by the API's own process. The app's
// own routes (/explore, /objects/…) answer index.html, so that a reload or a shared link works;
// /api and /taxii2 are never answered with the app: an unknown API path stays a problem document
// (or a TAXII error) from its own not-found handler. A browser asking for a page the app does not
// have gets an HTML "not found" page instead (issue 15, must 10).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where scripts/build-web.ts writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The app's own routes (web/src/router.ts). Listed rather than caught by a `/*` wildcard, so that
 *  every other path, /api and /taxii2 above all, keeps its own not-found answer. */
export const APP_ROUTES = [
  '/',
  '/explore',
  '/lookup',
  '/import',
  '/objects/:id',
  '/objects/:id/graph',
  '/admin/:section',
  '/new',
  '/incidents',
  '/incidents/inbox',
  '/incidents/summary',
  '/incidents/new',
  '/incidents/:id',
  '/incidents/:id/report/:stage',
  '/alerts',
  '/alerts/rules',
  '/alerts/:id',
  '/assistance',
  '/assistance/new',
  '/assistance/roster',
  '/assistance/requests/:id',
  '/assistance/requests/:id/offer',
  '/assistance/requests/:id/edit',
  '/assistance/deployments/:id',
  '/assistance/deployments/:id/report',
] as const;

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Concord</title></head>
<body style="font-family:sans-serif;background:#111;color:#eee;padding:2rem"><h1>Concord</h1>
<p>The web UI is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is at <a style="color:#9cf" href="/api/docs">/api/docs</a>.</p></body></html>`;

// The app's icon (web/index.html), so that the browser does not ask for /favicon.ico, a 404 too.
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%231f6feb'/%3E%3Cpath d='M4 8h8M8 4v8' stroke='white' stroke-width='2'/%3E%3C/svg%3E";

const NOT_FOUND = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Concord</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="${ICON}"></head>
<body style="font-family:sans-serif;background:#111;color:#eee;padding:2rem"><h1>Not found</h1>
<p>Concord has no page at this address.</p>
<p><a style="color:#9cf" href="/">Go to the dashboard</a></p></body></html>`;

/** Paths whose clients are programs (the API, TAXII, the app's own assets): their not-found answer
 *  is their own error format, whatever the Accept header says. */
const NOT_PAGES = /^\/(api|taxii2|assets)(\/|$)/;

/** Whether a not-found request is a browser asking for a page: a GET for HTML outside the API. */
export function wantsPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (NOT_PAGES.test(req.url)) return false;
  return String(req.headers.accept ?? '').includes('text/html');
}

/** The HTML "not found" page, 404, with a link home. */
export function sendNotFoundPage(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(NOT_FOUND);
}

function sendIndex(reply: FastifyReply, dist: string): FastifyReply {
  reply
    .header('cache-control', 'no-cache')
    .header('vary', 'Accept-Encoding')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff');
  if (!existsSync(`${dist}index.html`)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  return reply.sendFile('index.html', dist);
}

/** Registers the UI on the root scope: the app's routes and its built assets. */
export async function uiRoutes(app: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  // preCompressed: the build writes .br and .gz beside each asset (scripts/build-web.ts); sendFile
  // picks the best one the client accepts, with the original's Content-Type.
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });
  for (const route of APP_ROUTES) {
    app.get(route, { schema: { hide: true } }, async (_req, reply) => sendIndex(reply, dist));
  }
  app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true } }, async (req, reply) => {
    const name = req.params.file;
    // Vite names built assets by content hash: they never change under the same name.
    if (!/^[\w.-]+$/.test(name) || !existsSync(`${dist}assets/${name}`)) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff')
      .sendFile(`assets/${name}`, dist);
  });
}
