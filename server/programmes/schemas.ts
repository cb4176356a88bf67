// The contract of programmes: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, LocalisedTextSchema } from '../http/schemas.ts';

export const StandardSchema = z.object({
  number: z.number().int(),
  name: LocalisedTextSchema,
  agreedPercent: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'The level in force for the current financial year' }),
  agreedLevels: z.array(
    z.object({ fromFiscalYear: z.number().int(), agreedPercent: z.number().int().nullable() }),
  ),
  populations: z.array(z.string()),
  illustrative: z.boolean(),
});

export const ProgrammeSchema = z
  .object({
    code: z.string(),
    name: LocalisedTextSchema,
    illustrative: z.boolean(),
    areaKind: z.enum(['region', 'team']),
    areas: z.array(
      z
        .object({ code: z.string(), name: LocalisedTextSchema, districts: z.array(z.string()) })
        .passthrough(),
    ),
    populations: z.array(
      z.object({
        code: z.string(),
        name: LocalisedTextSchema,
        requiredOutcomes: z.array(z.number().int()),
        allowedOutcomes: z.array(z.number().int()),
      }),
    ),
    outcomeStandards: z.array(StandardSchema),
    activityKinds: z.array(
      z.object({ code: z.string(), name: LocalisedTextSchema, populations: z.array(z.string()) }),
    ),
  })
  .openapi('Programme');

export const DistrictSchema = z
  .object({
    code: z.string(),
    name: LocalisedTextSchema,
    dcDistricts: z.array(z.object({ code: z.string(), name: LocalisedTextSchema })),
  })
  .openapi('SwdDistrict');

// Programmes and districts are published reference data: anyone may read them.
export const list = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/programmes',
    summary: 'Programmes with their populations, outcome standards, areas and activity kinds',
    responses: { 200: json(listOf(ProgrammeSchema), 'Programmes') },
  },
);

export const setLevel = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'patch',
    path: '/programmes/{code}/standards/{number}',
    summary: "Set a standard's agreed level from a financial year on (admin, as SWD instructs)",
    request: {
      params: z.object({ code: z.string(), number: z.string() }),
      body: jsonBody(
        z.object({
          agreedPercent: z.number().int().min(0).max(100).nullable(),
          fromFiscalYear: z.number().int().min(2000).max(2100),
        }),
      ),
    },
    responses: { 200: json(ProgrammeSchema, 'The programme'), ...errors(401, 403, 404, 422) },
  },
);

export const districts = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/districts',
    summary: "SWD's 11 administrative districts, each with its District Council districts",
    responses: { 200: json(listOf(DistrictSchema), 'Districts') },
  },
);
