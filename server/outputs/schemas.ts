// The contract of the output standards (issue 15): the zod schemas of its requests and
// responses, and each route's declaration. Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { DateSchema } from '../cases/schemas.ts';
import { defineRoute, downloadRoute } from '../http/routes.ts';
import { Query as OutcomesQuery } from '../outcomes/schemas.ts';
import {
  CodeSchema,
  csvFile,
  errors,
  json,
  jsonBody,
  listOf,
  LocalisedTextSchema,
  xlsxFile,
} from '../http/schemas.ts';

export const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;
export const ADMIN = { roles: ['admin'], tenancy: 'global' } as const;

const { programme, fiscalYear, ...narrowing } = OutcomesQuery.shape;

/** GET /outcomes's query, with a quarter. */
export const Query = z.object({
  programme,
  fiscalYear,
  quarter: z.coerce.number().int().min(1).max(4).optional().openapi({
    description: 'Only this quarter’s records (1: April-June); levels stay the year’s, met is null',
  }),
  ...narrowing,
});

export const OutputFigures = z
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

/** One conversion as applied: what moved the level of `moves`, and by how much (GET /outputs, the pack). */
export const ConversionFigures = z.object({
  from: z.number().int(),
  moves: z.number().int(),
  actual: z.number().int(),
  agreedLevel: z.number().int().nullable(),
  adjustedLevel: z.number().int().nullable(),
  adjustPercent: z.number().int(),
  band: z.object({ from: z.number().int(), to: z.number().int().nullable() }).nullable(),
  upwardWithheld: z.boolean(),
});

/** The first-contact figures of the cases referred in the period (GET /outputs, the pack). */
export const FirstContactFigures = z.object({
  withinWorkingDays: z.number().int(),
  cases: z.number().int(),
  inTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  waiting: z.number().int(),
});

export const OutputsSchema = z
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
    conversions: z.array(ConversionFigures),
    firstContact: FirstContactFigures,
  })
  .openapi('Outputs');

export const get = defineRoute(READERS, {
  method: 'get',
  path: '/outputs',
  summary:
    'Output standards for a financial year: actual, agreed level as converted, met; first contact beside',
  request: { query: Query },
  responses: { 200: json(OutputsSchema, 'The figures'), ...errors(401, 403, 422) },
});
export const csv = downloadRoute(READERS, {
  path: '/outputs.csv',
  summary: 'The same figures as CSV (UTF-8 with BOM)',
  query: Query,
  file: csvFile(),
});
export const xlsx = downloadRoute(READERS, {
  path: '/outputs.xlsx',
  summary: 'The same figures as an Excel workbook',
  query: Query,
  file: xlsxFile(),
});

export const OutputStandardSchema = z
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
export const StandardsBody = z.object({
  items: z.array(OutputStandardSchema),
  conversions: z.array(z.record(z.string(), z.unknown())),
  lists: z.record(z.string(), z.array(z.object({ code: z.string(), name: LocalisedTextSchema }))),
});

export const standardsRoute = defineRoute(
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

export const setLevel = defineRoute(ADMIN, {
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

const ClosureReason = z.enum(['typhoon_8', 'black_rainstorm', 'other']);
export const ClosureSchema = z.object({ date: z.string(), reason: ClosureReason });
export const listClosures = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/closure-days',
    summary:
      'Days the offices were closed (typhoon signal No. 8, black rainstorm): not working days',
    responses: { 200: json(listOf(ClosureSchema), 'Closure days'), ...errors(401, 403) },
  },
);
export const putClosure = defineRoute(ADMIN, {
  method: 'put',
  path: '/closure-days/{date}',
  summary: 'Declare a closure day (admin, audited); first-contact deadlines around it move',
  request: {
    params: z.object({ date: DateSchema }),
    body: jsonBody(z.object({ reason: ClosureReason })),
  },
  responses: { 200: json(ClosureSchema, 'Declared'), ...errors(401, 403, 422) },
});
export const deleteClosure = defineRoute(ADMIN, {
  method: 'delete',
  path: '/closure-days/{date}',
  summary: 'Withdraw a closure day (admin, audited)',
  request: { params: z.object({ date: DateSchema }) },
  responses: { 204: { description: 'Withdrawn' }, ...errors(401, 403, 404, 422) },
});

export const declare = defineRoute(
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
