import { z } from '@hono/zod-openapi';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, LocalisedTextSchema, QueryCodeSchema } from '../http/schemas.ts';
import { breakdownFor, MIN_ITEM_RESPONDENTS } from './breakdown.ts';
import { outcomesCsv } from './csv.ts';
import { evidenceFields } from './evidence.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { outcomeRows } from './rows.ts';
import { outcomesWorkbook } from './xlsx.ts';
import { operatorTable, outcomes, quarters, resolveQuery } from './service.ts';

const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;

const Query = z.object({
  programme: QueryCodeSchema.openapi({ example: 'SPEAR' }),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).openapi({
    description: 'The year the financial year starts: 2026 for 2026-27',
    example: 2026,
  }),
  operator: QueryCodeSchema.optional().openapi({
    description: 'An operator’s code; a coordinator may name only its own (anything else is 403)',
  }),
  unit: QueryCodeSchema.optional(),
  region: QueryCodeSchema.optional(),
});

const StandardFigures = z
  .object({
    number: z.number().int(),
    agreedPercent: z.number().int().nullable(),
    agreed: z.number().int(),
    respondents: z.number().int(),
    nonRespondents: z.number().int(),
    percent: z.number().nullable(),
    met: z.boolean().nullable(),
    ...evidenceFields,
  })
  .openapi('StandardFigures');

const OutcomesSchema = z
  .object({
    programme: z.string(),
    fiscalYear: z.string(),
    from: z.string(),
    to: z.string(),
    operator: z.string().nullable(),
    unit: z.string().nullable(),
    region: z.string().nullable(),
    standards: z.array(StandardFigures),
  })
  .openapi('Outcomes');

const get = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes',
  summary: 'Outcome standards for a financial year (coordinators: their own operator only)',
  request: { query: Query },
  responses: { 200: json(OutcomesSchema, 'The figures'), ...errors(401, 403, 422) },
});

const csv = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes.csv',
  summary:
    'The same figures as CSV (UTF-8 with BOM, one header row, one row per standard of the scope, then of each region, operator and unit in it)',
  request: { query: Query },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errors(401, 403, 422),
  },
});

const xlsx = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes.xlsx',
  summary:
    'The same figures as an Excel workbook: the scope, every region, operator and unit in it (SWD territory-wide: also an overview and one sheet per operator)',
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

const quarterly = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/quarters',
  summary: 'Each quarter’s figures and the cumulative figures to the end of it',
  request: { query: Query },
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            quarter: z.number().int(),
            standards: z.array(StandardFigures),
            cumulative: z.array(StandardFigures),
          }),
        ),
      }),
      'Quarters',
    ),
    ...errors(401, 403, 422),
  },
});

const table = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/table',
  summary: 'Operators down, standards across, with region and territory totals',
  request: { query: Query },
  responses: {
    200: json(
      z.object({
        programme: z.string(),
        fiscalYear: z.string(),
        operators: z.array(
          z.object({
            code: z.string(),
            name: LocalisedTextSchema,
            standards: z.array(StandardFigures),
          }),
        ),
        regions: z.array(
          z.object({
            code: z.string(),
            name: LocalisedTextSchema,
            standards: z.array(StandardFigures),
          }),
        ),
        territory: z.array(StandardFigures),
      }),
      'The table',
    ),
    ...errors(401, 403, 422),
  },
});

const breakdown = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/breakdown',
  summary: 'For one standard: every item mapped to it, with the count of each answer and of blanks',
  description: [
    'Coordinators get their own operator’s counts, every response of the year included (they may read the responses themselves).',
    `SWD and admins get one operator at a time (\`operator\` required; \`unit\` and \`region\` are 422), and only counts that cannot single out a person: only responses of quarters that have ended (Hong Kong time) count, and a quarter counts for an item only when at least ${MIN_ITEM_RESPONDENTS} people answered that item in it. An item with no such quarter has \`suppressed: true\` and null counts. \`cut\` says which period was counted; it is null for coordinators.`,
    'The outcome counts themselves (GET /outcomes) are never suppressed.',
  ].join(' '),
  request: { query: Query.extend({ standard: z.coerce.number().int().min(1).max(100) }) },
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            questionnaire: z.object({ id: z.string(), version: z.number().int() }),
            name: z.string(),
            title: LocalisedTextSchema,
            suppressed: z.boolean().openapi({
              description: 'Too few answers in ended quarters to show without singling someone out',
            }),
            answers: z.record(z.string(), z.number().int()).nullable(),
            blank: z.number().int().nullable(),
          }),
        ),
        cut: z
          .object({
            from: z.string().openapi({ description: 'First day counted' }),
            through: z
              .string()
              .nullable()
              .openapi({ description: 'Last day counted: the end of the last ended quarter' }),
            minRespondents: z.number().int(),
          })
          .nullable()
          .openapi({ description: 'How the counts were cut; null when every count is given' }),
      }),
      'Items',
    ),
    ...errors(401, 403, 422),
  },
});

export function outcomeRoutes({ db }: Deps) {
  return newRouter()
    .openapi(get, async (c) =>
      c.json(
        await outcomes(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        200,
      ),
    )
    .openapi(csv, async (c) => {
      const resolved = await resolveQuery(db, c.get('actor')!, c.req.valid('query'));
      const head = {
        programme: resolved.programme.code,
        fiscalYear: fiscalYearLabel(resolved.fiscalYear),
      };
      c.header(
        'content-disposition',
        `attachment; filename="outcomes-${head.programme}-${head.fiscalYear}.csv"`,
      );
      return c.body(outcomesCsv(head, await outcomeRows(db, resolved)), 200, {
        'content-type': 'text/csv; charset=utf-8',
      });
    })
    .openapi(xlsx, async (c) => {
      const resolved = await resolveQuery(db, c.get('actor')!, c.req.valid('query'));
      const file = await outcomesWorkbook(resolved, await outcomeRows(db, resolved));
      c.header(
        'content-disposition',
        `attachment; filename="outcomes-${resolved.programme.code}-${fiscalYearLabel(resolved.fiscalYear)}.xlsx"`,
      );
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(quarterly, async (c) =>
      c.json(
        {
          items: await quarters(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        },
        200,
      ),
    )
    .openapi(table, async (c) =>
      c.json(
        await operatorTable(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        200,
      ),
    )
    .openapi(breakdown, async (c) => {
      const query = c.req.valid('query');
      const actor = c.get('actor')!;
      const resolved = await resolveQuery(db, actor, query);
      return c.json(await breakdownFor(db, actor, resolved, query.standard), 200);
    });
}
