import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { auditRoutes } from './audit/routes.ts';
import { authenticate } from './auth/middleware.ts';
import { chooseEncoding, compressApi, ENCODING_SUFFIX, type Encoding } from './http/compress.ts';
import { authRoutes } from './auth/routes.ts';
import { serveDocument } from './docs/openapi.ts';
import { docsPages } from './docs/swagger.ts';
import { AppError, errorBody, handleError } from './errors.ts';
import { healthRoutes } from './health/routes.ts';
import { homeRoutes } from './home/routes.ts';
import type { AppEnv, Deps } from './http/context.ts';
import { methodsAt, newRouter } from './http/routes.ts';
import type { ErrorStatus } from './http/schemas.ts';
import { operatorRoutes } from './operators/routes.ts';
import { unitRoutes } from './operators/unit-routes.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { questionnaireRoutes } from './questionnaires/routes.ts';
import { translationFileRoutes } from './questionnaires/translation-routes.ts';
import { activityRoutes } from './activities/routes.ts';
import { kioskRoutes } from './kiosk/routes.ts';
import { responseRoutes } from './responses/routes.ts';
import { analysisRoutes } from './responses/analysis-routes.ts';
import { outcomeRoutes } from './outcomes/routes.ts';
import { funnelRoutes } from './outcomes/funnel-routes.ts';
import { territoryRoutes } from './outcomes/territory-routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { outputRoutes } from './outputs/routes.ts';
import { packRoutes } from './pack/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { userRoutes } from './users/routes.ts';

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Paths written to the log: kiosk codes are secrets and never reach it. */
const loggablePath = (p: string) => p.replace(/\/kiosk\/[^/]+/, '/kiosk/:code');

const tooLarge = () => {
  throw new AppError(413, 'payload_too_large', `The request body is over ${MAX_BODY_BYTES} bytes.`);
};
const streamedBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/**
 * Refuses bodies over MAX_BODY_BYTES. A declared Content-Length is checked as it stands (Node's
 * parser then delivers exactly that many bytes); only a body without one (chunked) is counted
 * as it streams in, which makes the Node adapter build a full web Request, a cost the common
 * case does not pay.
 */
function limitBody(c: Context<AppEnv>, next: Next) {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const length = c.req.header('content-length');
  if (length === undefined || c.req.header('transfer-encoding') !== undefined)
    return streamedBodyLimit(c, next);
  if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) tooLarge();
  return next();
}

/** Content-Security-Policy: no inline script, nothing framed, everything from this origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and SurveyJS set style attributes; no script may be inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** The headers every response carries; HSTS only when served over https. */
export function securityHeaders(secure: boolean): [string, string][] {
  return [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'DENY'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ...(secure
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

/**
 * Sets headers before the route runs. Served by Node, they go on Node's own response, which the
 * adapter's `writeHead` merges with the route's: a web `Headers` object (what `c.header` fills)
 * costs more than the rest of a small response, and a response with only its content type
 * needs none. Elsewhere (`app.request` in tests) they go on the context.
 */
function setHeaders(c: Context<AppEnv>, headers: [string, string][]) {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  for (const [name, value] of headers) {
    if (outgoing) outgoing.setHeader(name, value);
    else c.header(name, value);
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the edge can answer before any route runs: 413 (body size) and 403 (Origin) on writes,
 * 429 (wrong API tokens) and 503 (database unreachable while identifying the caller) on any.
 * The OpenAPI document adds these to every operation (serveDocument).
 */
export const edgeRefusals = (method: string): readonly ErrorStatus[] =>
  UNSAFE.has(method) ? [403, 413, 429, 503] : [429, 503];

/**
 * The error's answer; but a request whose body stopped arriving (Node's request timeout, or the
 * client gone) is 408, as Node itself answered: reading it failed with ECONNRESET, which
 * `handleError` would take for the database.
 */
function answerError(error: Error, c: Context<AppEnv>): Response {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.readableAborted ? c.body(null, 408) : handleError(error, c);
}

/**
 * Everything a request meets before its route, in one middleware: its id, its log line and the
 * security headers; for the API, the body limit; for the versioned API, the caller's identity
 * (the body is read by the route, once the caller may call it: defineRoute). One layer rather
 * than five: each costs every request, kiosk submissions by the thousand a second included.
 */
function edge(deps: Deps) {
  const { log } = deps;
  const headers = securityHeaders(deps.config.secureCookies);
  const identify = authenticate(deps);
  const api = (c: Context<AppEnv>, next: Next) =>
    limitBody(c, async () => {
      if (c.req.path.startsWith('/api/v1/')) await identify(c, next);
      else await next();
    });
  return async (c: Context<AppEnv>, next: Next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('log', log.child({ requestId }));
    setHeaders(c, [['x-request-id', requestId], ...headers]);
    try {
      await (c.req.path.startsWith('/api/') ? api(c, next) : next());
    } catch (error) {
      // The edge's own refusals are answered here, like the routes' (the response keeps the
      // headers set above).
      c.res = answerError(error as Error, c);
    }
    log.info('request', {
      requestId,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: c.get('actor')?.userId,
    });
  };
}

/** The versioned API, its routes chained so that `AppType` describes all of them. */
export function createApi(deps: Deps) {
  return newRouter()
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', operatorRoutes(deps))
    .route('/', programmeRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', questionnaireRoutes(deps))
    .route('/', translationFileRoutes(deps))
    .route('/', activityRoutes(deps))
    .route('/', kioskRoutes(deps))
    .route('/', responseRoutes(deps))
    .route('/', analysisRoutes(deps))
    .route('/', outcomeRoutes(deps))
    .route('/', funnelRoutes(deps))
    .route('/', territoryRoutes(deps))
    .route('/', caseRoutes(deps))
    .route('/', outputRoutes(deps))
    .route('/', packRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', homeRoutes(deps))
    .route('/', unitRoutes(deps));
}
export type AppType = ReturnType<typeof createApi>;

/** Builds the whole HTTP application on the given database and configuration. */
export function createApp(deps: Deps) {
  const { config } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', edge(deps));

  const api = createApi(deps);
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: config.secureCookies ? '__Host-fsa_session' : 'fsa_session',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  serveDocument(api, edgeRefusals);
  // GET only: a write (every kiosk submission) never passes through this layer.
  app.on('GET', '/api/*', compressApi);
  // Chained, so the app's type (and Hono's testClient over it) knows every /api/v1 route.
  const routed = app.route('/api/v1', api);
  app.route('/api/docs', docsPages());
  app.all('/api/*', (c) => {
    const path = c.req.path;
    const allow = path.startsWith('/api/v1/')
      ? methodsAt(path.slice('/api/v1'.length), [['GET', '/openapi.json']])
      : [];
    if (!allow.length)
      return c.json(errorBody(new AppError(404, 'not_found', 'There is no such API route.')), 404);
    // RFC 9110: the path exists, the method does not; Allow lists the ones it has.
    c.header('allow', allow.join(', '));
    return c.json(
      errorBody(
        new AppError(405, 'method_not_allowed', `This address answers ${allow.join(', ')} only.`),
      ),
      405,
    );
  });

  serveClient(app, config.clientDir);
  app.onError(answerError);
  return routed;
}

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * Every file the kiosk can load (its entry, the chunks it imports, statically or lazily, and
 * their CSS), from Vite's manifest: what the kiosk's service worker caches for offline use.
 */
export async function kioskAssets(root: string): Promise<{ files: string[] }> {
  const file = path.join(root, '.vite', 'manifest.json');
  if (!existsSync(file)) return { files: [] };
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>(['/kiosk.html']);
  const visit = (key: string, seen: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) files.add(`/${css}`);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])])
      visit(next, seen);
  };
  visit('kiosk.html', new Set());
  return { files: [...files] };
}

/**
 * The files of the built client a browser may fetch, as URL paths: every regular file but
 * dotfiles and whatever is under a dot-folder (Vite's `.vite/manifest.json` is build metadata,
 * read by `kioskAssets` on the server), source maps, and the compressed copies (.br, .gz: sent in
 * place of their file, never under their own name). Symbolic links are not followed, so
 * nothing outside the folder is served.
 */
export function publicFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && !/\.(map|br|gz)$/.test(entry.name)) files.add(prefix + entry.name);
    }
  };
  if (existsSync(root)) walk(root, '/');
  return files;
}

/** A path naming a file (a dot in its last segment) or anything under a dot-folder. */
const FILE_LIKE = /\/\.|\.[^/]*$/;
/** A name with Vite's content hash (`kiosk-D5oJfXlL.js`): eight characters, not all lowercase. */
const HASHED = /^\/assets\/[^/]*-(?![a-z-]{8}\.)[\w-]{8}\.\w+$/;
/** Text files the build keeps compressed copies of (vite.config.ts, precompress). */
const TEXT_FILE = /\.(js|mjs|css|html|json|svg|webmanifest|txt|xml)$/;

/**
 * Serves the built client's public files (listed once, when first asked for after the build: a
 * new build needs a restart, as for the pages); any other path that is not a file gets the app's
 * index.html (client-side routing), a file that is not public is 404.
 */
function serveClient(app: Hono<AppEnv>, clientDir: string) {
  const root = path.resolve(clientDir);
  let listed: Set<string> | undefined;
  const isPublic = (p: string) => {
    listed ??= existsSync(root) ? publicFiles(root) : undefined;
    return listed?.has(p) ?? false;
  };
  app.get('/kiosk-assets.json', async (c) => {
    c.header('cache-control', 'no-cache');
    return c.json(await kioskAssets(root));
  });
  // The tablet's page: /kiosk/<code> opens the kiosk app, never the staff app. The page's first
  // script asks for the kiosk's data at once; the Link header lets the browser ask while it is
  // still fetching that script, a round trip sooner (client/kiosk/kioskData.ts makes the same
  // request, so the preloaded answer is the one it gets).
  const kioskPage = page(root, 'kiosk.html');
  app.get('/kiosk/*', async (c) => {
    const code = /^\/kiosk\/([A-Za-z0-9_-]{1,64})$/.exec(c.req.path)?.[1];
    const res = await kioskPage(c);
    if (code && res.status === 200)
      res.headers.set('link', `</api/v1/kiosk/${code}>; rel=preload; as=fetch; crossorigin`);
    return res;
  });
  const serveFile = serveStatic({
    root: path.relative(process.cwd(), root) || '.',
    precompressed: true, // the .br or .gz copy, as Accept-Encoding allows
  });
  // Hashed names never change content: a year, immutable. Any other file is checked each time.
  app.use('*', async (c, next) => {
    const file = c.req.path;
    if (!isPublic(file)) return next();
    const res = await serveFile(c, next);
    res?.headers.set('cache-control', HASHED.test(file) ? IMMUTABLE : 'no-cache');
    if (res && TEXT_FILE.test(file) && !res.headers.has('vary'))
      res.headers.set('vary', 'Accept-Encoding');
    return res;
  });
  const index = page(root, 'index.html');
  app.get('*', (c) => (FILE_LIKE.test(c.req.path) ? c.notFound() : index(c)));
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * One of the client's HTML pages, compressed as the browser accepts, each copy read once per
 * process (a new build needs a restart).
 */
function page(root: string, name: 'index.html' | 'kiosk.html') {
  const file = path.join(root, name);
  const copies = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const read = (suffix: string) => {
    let copy = copies.get(suffix);
    if (!copy) copies.set(suffix, (copy = readFile(file + suffix).then((b) => new Uint8Array(b))));
    return copy;
  };
  let available: Encoding[] | undefined;
  return async (c: Context) => {
    if (!existsSync(file)) {
      return c.text(
        'The client is not built: run `npm run build` (npm start does it for you).',
        404,
      );
    }
    available ??= (['br', 'gzip'] as const).filter((e) => existsSync(file + ENCODING_SUFFIX[e]));
    const encoding = chooseEncoding(c.req.header('accept-encoding'), available);
    c.header('cache-control', 'no-cache');
    c.header('vary', 'Accept-Encoding');
    c.header('content-type', 'text/html; charset=UTF-8');
    if (encoding) c.header('content-encoding', encoding);
    return c.body(await read(encoding ? ENCODING_SUFFIX[encoding] : ''));
  };
}
