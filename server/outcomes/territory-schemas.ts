// The contract of SWD's territory table and the trends (issue 16): zod schemas and route
// declarations. Handlers in territory-routes.ts.
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
import { StandardFigures } from './schemas.ts';

const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;

export const TerritoryQuery = z.object({
  programme: QueryCodeSchema.openapi({ example: 'SPEAR' }),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).openapi({
    description:
      'The year the financial year starts: 2026 for 2026-27 (trends: the last year shown)',
    example: 2026,
  }),
  operator: QueryCodeSchema.optional().openapi({
    description: 'An operator’s code; a coordinator may name only its own (anything else is 403)',
  }),
  region: QueryCodeSchema.optional().openapi({
    description: 'Only the units in this region (SPeaR) or team (ChildPRO)',
  }),
});

const TableQuery = TerritoryQuery.extend({
  units: z.enum(['include', 'omit']).optional().openapi({
    description:
      'Whether each operator lists its units. Default: `include` for one operator, `omit` otherwise (the screen fetches an operator’s units when it is opened)',
  }),
});

const OutputCellSchema = z
  .object({
    number: z.number().int(),
    actual: z.number().int().openapi({ description: 'The count (for a share: its numerator)' }),
    of: z.number().int().nullable().openapi({ description: 'A share’s denominator' }),
    percent: z.number().nullable(),
    level: z.number().nullable().openapi({
      description:
        'The agreed level after the conversion mechanism (an operator: summed over its units; a share: the percent)',
    }),
    met: z.boolean().nullable(),
  })
  .openapi('OutputCell');

const OutcomeStandardHead = z.object({
  number: z.number().int(),
  name: LocalisedTextSchema,
  agreedPercent: z.number().int().nullable(),
});
const OutputStandardHead = z.object({
  number: z.number().int(),
  name: LocalisedTextSchema,
  measure: z.enum(['count', 'percent']),
  illustrative: z.boolean(),
});

export const TerritorySchema = z
  .object({
    programme: z.string(),
    fiscalYear: z.string(),
    operator: z.string().nullable(),
    region: z.string().nullable(),
    outcomeStandards: z.array(OutcomeStandardHead),
    outputStandards: z.array(
      OutputStandardHead.extend({
        agreedLevel: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'Per unit, before conversion' }),
      }),
    ),
    operators: z.array(
      z.object({
        code: z.string(),
        name: LocalisedTextSchema,
        regions: z.array(z.string()),
        unitCount: z.number().int(),
        outcomes: z.array(StandardFigures),
        outputs: z.array(OutputCellSchema),
        units: z.array(
          z.object({
            code: z.string(),
            region: z.string().nullable(),
            outcomes: z.array(StandardFigures),
            outputs: z.array(OutputCellSchema),
          }),
        ),
      }),
    ),
  })
  .openapi('TerritoryTable');

export const territory = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/territory',
  summary:
    'SWD’s territory table: every operator of the scope, and each of its units, against every outcome and output standard of the programme',
  description:
    'Outcome standards with their figures, 95% interval and verdict (as GET /outcomes gives them for that operator or unit), output standards with their actual, level after conversion and met (as GET /outputs). `region` keeps the units in it (an operator’s figures are then those of its units there). SWD and admins see every operator; a coordinator its own. Aggregates only.',
  request: { query: TableQuery },
  responses: { 200: json(TerritorySchema, 'The table'), ...errors(401, 403, 422) },
});

export const territoryCsv = downloadRoute(READERS, {
  path: '/outcomes/territory.csv',
  summary:
    'The territory table as CSV (UTF-8 with BOM): a row per operator then each of its units; per outcome standard its percent, agreed, respondents, interval and verdict, per output standard its actual, level and met',
  query: TerritoryQuery,
  file: csvFile(),
});

export const territoryXlsx = downloadRoute(READERS, {
  path: '/outcomes/territory.xlsx',
  summary: 'The territory table as an Excel workbook (the same rows and columns as the CSV)',
  query: TerritoryQuery,
  file: xlsxFile(),
});

const TrendPoint = z.object({
  percent: z.number().nullable(),
  level: z.number().nullable(),
  n: z
    .number()
    .int()
    .openapi({ description: 'Respondents (outcome) or the actual count (output)' }),
});

export const trendsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/outcomes/trends',
  summary:
    'Each standard over the five financial years up to `fiscalYear` and their quarters, for the territory, a region or one operator; with the units that missed a standard in both of the last two years',
  description:
    'A year’s figures are those of GET /outcomes and GET /outputs for that year; a quarter’s are its own (outputs: the count only). SWD and admins may name any operator; a coordinator sees its own. Aggregates only.',
  request: { query: TerritoryQuery },
  responses: {
    200: json(
      z
        .object({
          programme: z.string(),
          operator: z.string().nullable(),
          region: z.string().nullable(),
          outcomeStandards: z.array(OutcomeStandardHead.omit({ agreedPercent: true })),
          outputStandards: z.array(OutputStandardHead),
          years: z.array(
            z.object({
              fiscalYear: z.number().int(),
              label: z.string(),
              outcomes: z.array(StandardFigures),
              outputs: z.array(OutputCellSchema),
              quarters: z.array(
                z.object({
                  quarter: z.number().int(),
                  outcomes: z.array(StandardFigures),
                  outputs: z.array(
                    z.object({
                      number: z.number().int(),
                      actual: z.number().int(),
                      of: z.number().int().nullable(),
                    }),
                  ),
                }),
              ),
            }),
          ),
          missedTwice: z.object({
            years: z.array(z.string()),
            units: z.array(
              z.object({
                unit: z.string(),
                operator: z.string(),
                name: LocalisedTextSchema.openapi({ description: 'The operator’s name' }),
                region: z.string().nullable(),
                kind: z.enum(['outcome', 'output']),
                number: z.number().int(),
                previous: TrendPoint,
                current: TrendPoint,
              }),
            ),
          }),
        })
        .openapi('Trends'),
      'The trends',
    ),
    ...errors(401, 403, 422),
  },
});
