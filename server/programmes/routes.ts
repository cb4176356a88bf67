import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, LocalisedTextSchema } from '../http/schemas.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import {
  agreedPercentFor,
  findProgramme,
  listDistricts,
  listProgrammes,
  setAgreedLevel,
  type Programme,
} from './repository.ts';

const StandardSchema = z.object({
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

const ProgrammeSchema = z
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

const DistrictSchema = z
  .object({
    code: z.string(),
    name: LocalisedTextSchema,
    dcDistricts: z.array(z.object({ code: z.string(), name: LocalisedTextSchema })),
  })
  .openapi('SwdDistrict');

/** The public shape of a programme; agreedPercent is the level in force this financial year. */
export function toProgrammeBody(p: Programme, now = new Date()) {
  const year = fiscalYearOf(now);
  return {
    code: p.code,
    name: p.name,
    illustrative: p.illustrative,
    areaKind: p.areaKind as 'region' | 'team',
    areas: p.areas,
    populations: p.populations,
    outcomeStandards: p.outcomeStandards.map((s) => ({
      number: s.number,
      name: s.name,
      agreedPercent: agreedPercentFor(s, year),
      agreedLevels: s.levels,
      populations: s.populations,
      illustrative: s.illustrative,
    })),
    activityKinds: p.activityKinds,
  };
}

// Programmes and districts are published reference data: anyone may read them.
const list = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/programmes',
    summary: 'Programmes with their populations, outcome standards, areas and activity kinds',
    responses: { 200: json(listOf(ProgrammeSchema), 'Programmes') },
  },
);

const setLevel = defineRoute(
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

const districts = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/districts',
    summary: "SWD's 11 administrative districts, each with its District Council districts",
    responses: { 200: json(listOf(DistrictSchema), 'Districts') },
  },
);

export function programmeRoutes({ db }: Deps) {
  return newRouter()
    .openapi(list, async (c) => {
      const programmes = await listProgrammes(db);
      return c.json({ items: programmes.map((p) => toProgrammeBody(p)) }, 200);
    })
    .openapi(setLevel, async (c) => {
      const { code, number } = c.req.valid('param');
      const level = c.req.valid('json');
      const programme = await audited(db, c.get('actor'), async (trx) => {
        const found = await findProgramme(trx, code);
        const standard = found?.outcomeStandards.find((s) => String(s.number) === number);
        if (!found || !standard) throw notFound('The outcome standard');
        await setAgreedLevel(trx, { programme: code, number: standard.number, ...level });
        return {
          result: (await findProgramme(trx, code))!,
          event: {
            action: 'agreed_level_set',
            targetType: 'outcome_standard',
            targetId: `${code}/${standard.number}`,
            details: level,
          },
        };
      });
      return c.json(toProgrammeBody(programme), 200);
    })
    .openapi(districts, async (c) => c.json({ items: await listDistricts(db) }, 200));
}
