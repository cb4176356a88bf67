// GET /outcomes/funnel (issue 16): the funnel plot's data for one standard.
import { z } from '@hono/zod-openapi';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, LocalisedTextSchema, QueryCodeSchema } from '../http/schemas.ts';
import { evidenceFields } from './evidence.ts';
import { funnel } from './funnel.ts';
import { resolveQuery } from './service.ts';

const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;

const Query = z.object({
  programme: QueryCodeSchema.openapi({ example: 'SPEAR' }),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).openapi({
    description: 'The year the financial year starts: 2026 for 2026-27',
    example: 2026,
  }),
  standard: z.coerce.number().int().min(1).max(100).openapi({ example: 1 }),
  by: z.enum(['operator', 'unit']).optional().openapi({
    description:
      'What a point is: every operator of the scope, or every unit. Default: units when the scope is one operator (always, for a coordinator), otherwise operators',
  }),
  operator: QueryCodeSchema.optional().openapi({
    description: 'An operator’s code; a coordinator may name only its own (anything else is 403)',
  }),
  region: QueryCodeSchema.optional(),
});

const Limits = z
  .object({
    respondents: z.number().int(),
    low95: z.number(),
    high95: z.number(),
    low998: z.number(),
    high998: z.number(),
  })
  .openapi('FunnelLimits', {
    description: 'The control limits, in percent, at this number of respondents',
  });

const FunnelSchema = z
  .object({
    programme: z.string(),
    fiscalYear: z.string(),
    standard: z.object({
      number: z.number().int(),
      name: LocalisedTextSchema,
      agreedPercent: z.number().int().nullable(),
    }),
    by: z.enum(['operator', 'unit']),
    operator: z.string().nullable(),
    region: z.string().nullable(),
    target: z
      .object({ percent: z.number(), source: z.enum(['agreed', 'pooled']) })
      .nullable()
      .openapi({
        description:
          'The funnel’s centre: the agreed level, or where none is agreed the scope’s pooled percent; null when neither exists',
      }),
    points: z.array(
      z.object({
        code: z.string().openapi({ description: 'The operator’s or the unit’s code' }),
        operator: z.string(),
        name: LocalisedTextSchema.openapi({ description: 'The operator’s name' }),
        region: z.string().nullable(),
        units: z.array(z.string()).openapi({
          description: 'The codes of the units the point stands for (one when a point is a unit)',
        }),
        agreedPercent: z.number().int().nullable(),
        agreed: z.number().int(),
        respondents: z.number().int(),
        nonRespondents: z.number().int(),
        percent: z.number().nullable(),
        met: z.boolean().nullable(),
        ...evidenceFields,
        position: z
          .enum(['above_998', 'above_95', 'within', 'below_95', 'below_998'])
          .nullable()
          .openapi({
            description:
              'Where the point lies against the limits at its own respondents (the exact binomial test); null with no respondents or no target',
          }),
      }),
    ),
    limits: z.array(Limits),
  })
  .openapi('Funnel');

const get = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/funnel',
  summary:
    'A funnel plot’s data for one standard: each operator or unit, percent against respondents, with 95% and 99.8% control limits around the agreed level (Spiegelhalter 2005)',
  description:
    'SWD and admins see every operator (or the units of one); a coordinator sees its own operator’s units. Aggregates only.',
  request: { query: Query },
  responses: { 200: json(FunnelSchema, 'The funnel'), ...errors(401, 403, 422) },
});

export function funnelRoutes({ db }: Deps) {
  return newRouter().openapi(get, async (c) => {
    const { standard, by, ...query } = c.req.valid('query');
    const resolved = await resolveQuery(db, c.get('actor')!, query);
    return c.json(
      await funnel(db, resolved, standard, by ?? (resolved.operator ? 'unit' : 'operator')),
      200,
    );
  });
}
