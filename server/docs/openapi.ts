import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/context.ts';
import type { ErrorStatus } from '../http/schemas.ts';

const DESCRIPTION = [
  'Questionnaires, kiosk responses and outcome standards of SWD Funding and Service Agreements.',
  'Every error is {"error": {"code", "message", "details"?}}.',
  'Authentication (401), same-origin (403) and size (413) answer first; access (403, or 404 for a record of another operator) is decided before the body is read.',
  'Unknown fields in a body and unknown query parameters are refused with 422 naming each one, so a typo in a script is an error rather than a silent no-op.',
  'A method a path does not have answers 405 with an Allow header.',
  "Cookie-authenticated writes need an Origin header equal to the server's origin.",
  '`x-access` on each operation names the roles that may call it and how it is kept to an operator.',
].join(' ');

type Operation = { responses?: Record<string, Response> };
type Response = { description: string; content?: Record<string, { schema?: unknown }> };

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const EDGE_DESCRIPTIONS: Record<number, string> = {
  403: 'Not allowed',
  413: 'Too large',
  429: 'Too many requests',
  503: 'The database cannot be reached; try again shortly',
};

/**
 * Adds to every operation the refusals of what runs before its route (the app's edge): where
 * the operation already documents that status with another body, the error shape is offered as
 * an alternative.
 */
export function withEdgeRefusals<D extends { paths?: object }>(
  document: D,
  refusals: (method: string) => readonly ErrorStatus[],
): D {
  for (const operations of Object.values(document.paths ?? {}) as Record<string, Operation>[]) {
    for (const [method, operation] of Object.entries(operations)) {
      const responses = (operation.responses ??= {});
      for (const status of refusals(method.toUpperCase())) {
        const existing = responses[status];
        const json = existing?.content?.['application/json'];
        if (!existing) {
          responses[status] = {
            description: EDGE_DESCRIPTIONS[status] ?? 'Refused',
            content: { 'application/json': { schema: ERROR_REF } },
          };
        } else if (json && JSON.stringify(json.schema) !== JSON.stringify(ERROR_REF)) {
          json.schema = { anyOf: [json.schema, ERROR_REF] };
        }
      }
    }
  }
  return document;
}

/**
 * Serves the OpenAPI 3.1 document of `api` at /openapi.json, with the edge's refusals on every
 * operation; built once, on first request (every route is registered by then).
 */
export function serveDocument(
  api: OpenAPIHono<AppEnv>,
  edgeRefusals: (method: string) => readonly ErrorStatus[],
) {
  let document: object | undefined;
  api.get('/openapi.json', (c) => {
    document ??= withEdgeRefusals(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'FSA Outcomes API', version: '1', description: DESCRIPTION },
        servers: [{ url: '/api/v1' }],
      }),
      edgeRefusals,
    );
    return c.json(document);
  });
}
