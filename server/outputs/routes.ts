import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import {
  CodeSchema,
  errors,
  json,
  jsonBody,
  listOf,
  LocalisedTextSchema,
  QueryCodeSchema,
} from '../http/schemas.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { DateSchema } from '../cases/routes.ts';
import { resolveQuery } from '../outcomes/service.ts';
import { findProgramme } from '../programmes/repository.ts';
import { outputsCsv, outputsWorkbook } from './exports.ts';
import * as repo from './repository.ts';
import { declareClosureDay, declareNoRefusal, outputs, withdrawClosureDay } from './service.ts';

const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;
const ADMIN = { roles: ['admin'], tenancy: 'global' } as const;

const Query = z.object({
  programme: QueryCodeSchema.openapi({ example: 'SPEAR' }),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).openapi({
    description: 'The year the financial year starts: 2026 for 2026-27',
    example: 2026,
  }),
  quarter: z.coerce.number().int().min(1).max(4).optional().openapi({
    description: 'Only this quarter’s records (1: April-June); levels stay the year’s, met is null',
  }),
  operator: QueryCodeSchema.optional().openapi({
    description: 'An operator’s code; a coordinator may name only its own (anything else is 403)',
  }),
  unit: QueryCodeSchema.optional(),
  region: QueryCodeSchema.optional(),
});

const OutputFigures = z
  .object({
    number: z.number().int(),
    name: LocalisedTextSchema,
    measure: z.enum(['count', 'percent']),
    illustrative: z.boolean(),
    actual: z.number().int().openapi({ description: 'The count (for a percent: its numerator)' }),
    of: z.number().int().nullable().openapi({ description: 'A percent’s denominator' }),
    percent: z.number().nullable(),
    agreedLevel: z.number().nullable().openapi({
      description: 'The agreed level for the scope: a count’s level times the units in scope',
    }),
    adjustedLevel: z.number().nullable().openapi({
      description: 'The level after the conversion mechanism, summed over the units',
    }),
    met: z.boolean().nullable(),
    unitsMet: z.number().int(),
  })
  .openapi('OutputFigures');

const OutputsSchema = z
  .object({
    programme: z.string(),
    fiscalYear: z.string(),
    quarter: z.number().int().nullable(),
    from: z.string(),
    to: z.string(),
    asAt: z
      .string()
      .openapi({ description: 'Today in Hong Kong, or 31 March once the year is over' }),
    final: z
      .boolean()
      .openapi({ description: 'The year is over: the conversion is as at 31 March' }),
    operator: z.string().nullable(),
    unit: z.string().nullable(),
    region: z.string().nullable(),
    units: z.number().int(),
    noRefusalDeclared: z.boolean().nullable(),
    standards: z.array(OutputFigures),
    conversions: z.array(
      z.object({
        from: z.number().int(),
        moves: z.number().int(),
        actual: z.number().int(),
        agreedLevel: z.number().int().nullable(),
        adjustedLevel: z.number().int().nullable(),
        adjustPercent: z.number().int(),
        band: z.object({ from: z.number().int(), to: z.number().int().nullable() }).nullable(),
        upwardWithheld: z.boolean(),
      }),
    ),
    firstContact: z.object({
      withinWorkingDays: z.number().int(),
      cases: z.number().int(),
      inTime: z.number().int(),
      late: z.number().int(),
      overdue: z.number().int(),
      waiting: z.number().int(),
    }),
  })
  .openapi('Outputs');

const get = defineRoute(READERS, {
  method: 'get',
  path: '/outputs',
  summary:
    'Output standards for a financial year: actual, agreed level as converted, met; first contact beside',
  request: { query: Query },
  responses: { 200: json(OutputsSchema, 'The figures'), ...errors(401, 403, 422) },
});
const csv = defineRoute(READERS, {
  method: 'get',
  path: '/outputs.csv',
  summary: 'The same figures as CSV (UTF-8 with BOM)',
  request: { query: Query },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errors(401, 403, 422),
  },
});
const xlsx = defineRoute(READERS, {
  method: 'get',
  path: '/outputs.xlsx',
  summary: 'The same figures as an Excel workbook',
  request: { query: Query },
  responses: {
    200: {
      description: 'Workbook',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
      },
    },
    ...errors(401, 403, 422),
  },
});

const OutputStandardSchema = z
  .object({
    number: z.number().int(),
    name: LocalisedTextSchema,
    counts: LocalisedTextSchema,
    measure: z.enum(['count', 'percent']),
    illustrative: z.boolean(),
    agreedLevels: z.array(
      z.object({ fromFiscalYear: z.number().int(), agreedLevel: z.number().int().nullable() }),
    ),
  })
  .openapi('OutputStandard');
const StandardsBody = z.object({
  items: z.array(OutputStandardSchema),
  conversions: z.array(z.record(z.string(), z.unknown())),
  lists: z.record(z.string(), z.array(z.object({ code: z.string(), name: LocalisedTextSchema }))),
});

const standardsRoute = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/programmes/{code}/output-standards',
    summary:
      'A programme’s output standards, conversion tables and service lists (categories, community support services)',
    request: { params: z.object({ code: CodeSchema }) },
    responses: { 200: json(StandardsBody, 'Output standards'), ...errors(404, 422) },
  },
);

const setLevel = defineRoute(ADMIN, {
  method: 'patch',
  path: '/programmes/{code}/output-standards/{number}',
  summary:
    "Set an output standard's agreed level from a financial year on (admin, as SWD instructs; audited)",
  request: {
    params: z.object({ code: CodeSchema, number: z.string().max(8) }),
    body: jsonBody(
      z.object({
        agreedLevel: z.number().int().min(0).max(100_000).nullable(),
        fromFiscalYear: z.number().int().min(2000).max(2100),
      }),
    ),
  },
  responses: { 200: json(StandardsBody, 'Output standards'), ...errors(401, 403, 404, 422) },
});

const ClosureSchema = z.object({
  date: z.string(),
  reason: z.enum(['typhoon_8', 'black_rainstorm', 'other']),
});
const listClosures = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/closure-days',
    summary:
      'Days the offices were closed (typhoon signal No. 8, black rainstorm): not working days',
    responses: { 200: json(listOf(ClosureSchema), 'Closure days'), ...errors(401, 403) },
  },
);
const putClosure = defineRoute(ADMIN, {
  method: 'put',
  path: '/closure-days/{date}',
  summary: 'Declare a closure day (admin, audited); first-contact deadlines around it move',
  request: {
    params: z.object({ date: DateSchema }),
    body: jsonBody(z.object({ reason: z.enum(['typhoon_8', 'black_rainstorm', 'other']) })),
  },
  responses: { 200: json(ClosureSchema, 'Declared'), ...errors(401, 403, 422) },
});
const deleteClosure = defineRoute(ADMIN, {
  method: 'delete',
  path: '/closure-days/{date}',
  summary: 'Withdraw a closure day (admin, audited)',
  request: { params: z.object({ date: DateSchema }) },
  responses: { 204: { description: 'Withdrawn' }, ...errors(401, 403, 404, 422) },
});

const declare = defineRoute(
  { roles: ['admin', 'coordinator'], tenancy: 'operator' },
  {
    method: 'put',
    path: '/units/{code}/no-refusal/{fiscalYear}',
    summary:
      'Declare that the unit turned away no case needing service in the year (audited): upward conversions apply only then',
    request: {
      params: z.object({
        code: CodeSchema,
        fiscalYear: z.coerce.number().int().min(2000).max(2100),
      }),
      body: jsonBody(z.object({ declared: z.boolean() })),
    },
    responses: {
      200: json(
        z.object({ unit: z.string(), fiscalYear: z.string(), declared: z.boolean() }),
        'Recorded',
      ),
      ...errors(401, 403, 404, 422),
    },
  },
);

async function standardsBody(db: Deps['db'], code: string) {
  const [{ standards, conversions }, lists] = await Promise.all([
    repo.outputStandardsOf(db, code),
    repo.serviceLists(db, code),
  ]);
  const grouped: Record<string, { code: string; name: Record<string, string> }[]> = {};
  for (const item of lists) (grouped[item.list] ??= []).push({ code: item.code, name: item.name });
  return {
    items: standards.map((s) => ({
      number: s.number,
      name: s.name,
      counts: s.counts,
      measure: s.measure,
      illustrative: s.illustrative,
      agreedLevels: s.levels,
    })),
    conversions: conversions as unknown as Record<string, unknown>[],
    lists: grouped,
  };
}

export function outputRoutes({ db }: Deps) {
  const resolve = async (
    actor: Parameters<typeof resolveQuery>[1],
    query: z.infer<typeof Query>,
  ) => ({
    ...(await resolveQuery(db, actor, query)),
    quarter: query.quarter ?? null,
  });
  return newRouter()
    .openapi(get, async (c) =>
      c.json(await outputs(db, await resolve(c.get('actor')!, c.req.valid('query'))), 200),
    )
    .openapi(csv, async (c) => {
      const body = await outputs(db, await resolve(c.get('actor')!, c.req.valid('query')));
      c.header(
        'content-disposition',
        `attachment; filename="outputs-${body.programme}-${body.fiscalYear}.csv"`,
      );
      return c.body(outputsCsv(body), 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .openapi(xlsx, async (c) => {
      const body = await outputs(db, await resolve(c.get('actor')!, c.req.valid('query')));
      c.header(
        'content-disposition',
        `attachment; filename="outputs-${body.programme}-${body.fiscalYear}.xlsx"`,
      );
      return c.body(new Uint8Array(await outputsWorkbook(body)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(standardsRoute, async (c) => {
      const { code } = c.req.valid('param');
      if (!(await findProgramme(db, code))) throw notFound('The programme');
      return c.json(await standardsBody(db, code), 200);
    })
    .openapi(setLevel, async (c) => {
      const { code, number } = c.req.valid('param');
      const level = c.req.valid('json');
      await audited(db, c.get('actor'), async (trx) => {
        const { standards } = await repo.outputStandardsOf(trx, code);
        const standard = standards.find((s) => String(s.number) === number);
        if (!standard) throw notFound('The output standard');
        await repo.setOutputLevel(trx, { programme: code, number: standard.number, ...level });
        return {
          result: null,
          event: {
            action: 'output_level_set',
            targetType: 'output_standard',
            targetId: `${code}/${standard.number}`,
            details: level,
          },
        };
      });
      return c.json(await standardsBody(db, code), 200);
    })
    .openapi(listClosures, async (c) => c.json({ items: await repo.listClosureDays(db) }, 200))
    .openapi(putClosure, async (c) => {
      const { date } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await declareClosureDay(db, c.get('actor')!, date, reason);
      return c.json({ date, reason }, 200);
    })
    .openapi(deleteClosure, async (c) => {
      await withdrawClosureDay(db, c.get('actor')!, c.req.valid('param').date);
      return c.body(null, 204);
    })
    .openapi(declare, async (c) => {
      const { code, fiscalYear } = c.req.valid('param');
      const { declared } = c.req.valid('json');
      const unit = await declareNoRefusal(db, c.get('actor')!, code, fiscalYear, declared);
      return c.json({ unit, fiscalYear: fiscalYearLabel(fiscalYear), declared }, 200);
    });
}
