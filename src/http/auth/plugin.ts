// Authentication of every /api/v1 request (issue 3, item 1): an API token (`Authorization:
// Bearer`), HTTP Basic, or a browser session cookie. Session requests that change anything must
// carry the session's CSRF token in `X-CSRF-Token` (synchroniser-token pattern, OWASP CSRF
// Prevention Cheat Sheet); the cookie is also SameSite=Strict. Routes marked `config.public`
// (health, login) skip authentication.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, mayMutate, type Action } from '../../domain/access/permissions.ts';
import type { Principal, UserPrincipal } from '../../domain/identity/principal.ts';
import { ForbiddenError, PasswordChangeRequiredError, UnauthorizedError } from '../../errors.ts';
import type { AuthService } from '../../services/auth.service.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'concord_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every authenticated request; routes marked public may leave it unset. */
    principal?: UserPrincipal;
    /** The session's CSRF token, when the request came with a session cookie. */
    csrfToken?: string;
  }
  interface FastifyContextConfig {
    /** No authentication required. */
    public?: boolean;
    /** Open to a user who must first change a one-time password: `any` route, or `self` when
     *  the route's `:id` is the user's own. */
    beforePasswordChange?: 'any' | 'self';
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated principal of a request; throws 401 when there is none. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError();
  return req.principal;
}

function decodeBasic(value: string): { username: string; password: string } | undefined {
  const text = Buffer.from(value, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The principal of a request's credentials as they stand now (undefined: none given); throws
 *  when they are refused. A long-lived response (an event stream) asks again while it runs. */
export async function authenticate(auth: AuthService, req: FastifyRequest): Promise<UserPrincipal | undefined> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const [scheme, value = ''] = header.split(' ', 2);
    // RFC 9110 §11.1: the scheme name is case-insensitive.
    if (scheme?.toLowerCase() === 'bearer') return auth.fromToken(value.trim());
    if (scheme?.toLowerCase() === 'basic') {
      const creds = decodeBasic(value.trim());
      if (!creds) throw new UnauthorizedError('malformed Basic credentials');
      return auth.fromBasic(creds.username, creds.password, req.ip);
    }
    throw new UnauthorizedError(`unsupported authorization scheme "${scheme}"; use Bearer or Basic`);
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') return undefined;
  const { principal, csrf } = await auth.fromSession(cookie);
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== csrf) {
    throw new ForbiddenError('missing or wrong X-CSRF-Token header for this session', { header: 'X-CSRF-Token' });
  }
  req.csrfToken = csrf;
  return principal;
}

/** Adds the authentication hook to `app` (call it inside the scope it must guard). */
export function installAuth(app: FastifyInstance, auth: AuthService, options: { skip?: (req: FastifyRequest) => boolean } = {}): void {
  app.addHook('onRequest', async (req) => {
    // Requests signed by a peer node are authenticated by the federation routes (http/federation).
    if (options.skip?.(req)) return;
    const principal = await authenticate(auth, req).catch((e: unknown) => {
      // A public route (login) must stay reachable with a stale cookie.
      if (req.routeOptions.config.public === true && !(e instanceof ForbiddenError)) return undefined;
      throw e;
    });
    if (principal) req.principal = principal;
    else if (req.routeOptions.config.public !== true) throw new UnauthorizedError();
    if (principal && mustChangeFirst(principal, req)) throw new PasswordChangeRequiredError();
  });
  // What these routes answer depends on who asks (the user, the organisation, their clearances),
  // and changes when an administrator changes them: no cache may keep it (RFC 9111 §5.2.2.5;
  // issue 15, must 10). A route that knows better sets its own Cache-Control.
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/**
 * Whether the request must wait until the user has chosen a new password: a user signed in (or
 * using HTTP Basic) with a password someone else set may only read who they are, sign out and
 * change that password. API tokens were handed out deliberately and are not held back.
 */
function mustChangeFirst(p: UserPrincipal, req: FastifyRequest): boolean {
  if (!p.user.mustChangePassword || p.via === 'token') return false;
  const open = req.routeOptions.config.beforePasswordChange;
  return !(open === 'any' || (open === 'self' && (req.params as { id?: unknown } | undefined)?.id === p.user.id));
}

/**
 * Authorizes every route of `app` (one scope) for `action` (domain/access/permissions.ts), for
 * services whose read methods take no principal because the command line and other services
 * call them too (the audit log, the quarantine).
 */
export function authorizeScope(app: FastifyInstance, action: Action): void {
  app.addHook('preHandler', async (req) => authorize(principalOf(req), action));
}

/** The principal of a request that changes something; read-only tokens are refused (403). */
export function writerOf(req: FastifyRequest): Principal {
  const p = principalOf(req);
  if (!mayMutate(p)) throw new ForbiddenError('this API token is read-only');
  return p;
}
