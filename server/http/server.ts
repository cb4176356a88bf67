import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { HttpLimits } from '../config.ts';

/**
 * The Node HTTP server for the app, not yet listening, with the connection limits applied: a
 * request whose headers or body arrive too slowly is answered 408 and closed, an idle keep-alive
 * connection is closed, and connections beyond the cap are closed as soon as they are accepted.
 * Node's defaults (headers 60 s, request 300 s, checked every 30 s, no cap) let a few hundred
 * slow clients hold the server for minutes.
 */
export function createHttpServer(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  limits: HttpLimits,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node enforces the two timeouts above only when it sweeps its connections (every 30 s by
      // default, so a 15 s limit held up to 45 s); a sweep walks only the connections still
      // receiving a request, so a tenth of the headers timeout, at most 1 s, costs nothing.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, limits.headersTimeoutMs / 10)),
    },
    getRequestListener(fetch),
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
