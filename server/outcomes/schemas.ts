// The contract of outcomes: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute, downloadRoute } from '../http/routes.ts';
import {
  csvFile,
  errors,
  json,
  LocalisedTextSchema,
  QueryCodeSchema,
  xlsxFile,
} from '../http/schemas.ts';
import { MIN_ITEM_RESPONDENTS } from './breakdown.ts';
import { evidenceFields } from './evidence.ts';

export const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;

export const Query = z.object({
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

export const StandardFigures = z
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

export const OutcomesSchema = z
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

export const get = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes',
  summary: 'Outcome standards for a financial year (coordinators: their own operator only)',
  request: { query: Query },
  responses: { 200: json(OutcomesSchema, 'The figures'), ...errors(401, 403, 422) },
});

export const csv = downloadRoute(READERS, {
  path: '/outcomes.csv',
  summary:
    'The same figures as CSV (UTF-8 with BOM, one header row, one row per standard of the scope, then of each region, operator and unit in it)',
  query: Query,
  file: csvFile(),
});

export const xlsx = downloadRoute(READERS, {
  path: '/outcomes.xlsx',
  summary:
    'The same figures as an Excel workbook: the scope, every region, operator and unit in it (SWD territory-wide: also an overview and one sheet per operator)',
  query: Query,
  file: xlsxFile(),
});

export const quarterly = defineRoute(READERS, {
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

export const table = defineRoute(READERS, {
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

export const breakdown = defineRoute(READERS, {
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
