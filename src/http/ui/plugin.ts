// The web UI (issue 6): the Vite build in web/dist, served by the API's own process. The app's
// own routes (/explore, /objects/…) answer index.html, so that a reload or a shared link works;
// /api and /taxii2 are never answered with the app: an unknown API path stays a problem document
// (or a TAXII error) from its own not-found handler.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where scripts/build-web.ts writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The app's own routes (web/src/router.ts). Listed rather than caught by a `/*` wildcard, so that
 *  every other path, /api and /taxii2 above all, keeps its own not-found answer. */
export const APP_ROUTES = ['/', '/explore', '/lookup', '/import', '/objects/:id', '/objects/:id/graph', '/admin/:section'] as const;

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Concord</title></head>
<body style="font-family:sans-serif;background:#111;color:#eee;padding:2rem"><h1>Concord</h1>
<p>The web UI is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is at <a style="color:#9cf" href="/api/docs">/api/docs</a>.</p></body></html>`;

function sendIndex(reply: FastifyReply, dist: string): FastifyReply {
  reply.header('cache-control', 'no-cache').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff');
  if (!existsSync(`${dist}index.html`)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  return reply.sendFile('index.html', dist);
}

/** Registers the UI on the root scope: the app's routes and its built assets. */
export async function uiRoutes(app: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, { root: dist, serve: false });
  for (const route of APP_ROUTES) {
    app.get(route, { schema: { hide: true } }, async (_req, reply) => sendIndex(reply, dist));
  }
  app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true } }, async (req, reply) => {
    const name = req.params.file;
    // Vite names built assets by content hash: they never change under the same name.
    if (!/^[\w.-]+$/.test(name) || !existsSync(`${dist}assets/${name}`)) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .sendFile(`assets/${name}`, dist);
  });
}
