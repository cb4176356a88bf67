// The contract of the annual performance pack (issue 16): its schemas and routes' declarations.
// Handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import {
  CodeSchema,
  errors,
  json,
  jsonBody,
  LocalisedTextSchema,
  xlsxFile,
} from '../http/schemas.ts';
import { StandardFigures } from '../outcomes/schemas.ts';
import { ConversionFigures, FirstContactFigures } from '../outputs/schemas.ts';

/** Who reads a pack: SWD and admins any unit's, a coordinator its own operator's units'. */
const READERS = { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' } as const;
/** Who writes explanations: the unit's coordinators only (the words are theirs). */
const WRITERS = { roles: ['coordinator'], tenancy: 'operator' } as const;

/** The most characters an explanation or an action plan may have. */
export const MAX_EXPLANATION = 4000;

export const PackParams = z.object({
  code: CodeSchema.openapi({ param: { name: 'code', in: 'path' }, example: 'WESTBAY-SPEAR-E' }),
  fiscalYear: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({
      param: { name: 'fiscalYear', in: 'path' },
      description: 'The year the financial year starts: 2026 for 2026-27',
      example: 2026,
    }),
});

export const StandardKeySchema = z
  .string()
  .regex(
    /^(output-\d{1,3}|outcome-\d{1,3}|first-contact)$/,
    'Use output-N, outcome-N or first-contact.',
  )
  .openapi({
    param: { name: 'standard', in: 'path' },
    description: 'Which standard: `output-N`, `outcome-N` or `first-contact`',
    example: 'outcome-1',
  });

const ExplanationSchema = z
  .object({
    explanation: z.string().openapi({ description: 'Why the standard was not met' }),
    actionPlan: z.string().openapi({ description: 'What the unit will do about it' }),
    updatedAt: z.string(),
  })
  .nullable()
  .openapi('PackExplanation', {
    description: 'The coordinator’s explanation and action plan; null when none was written',
  });

const PackOutput = z.object({
  key: z.string(),
  number: z.number().int(),
  name: LocalisedTextSchema,
  measure: z.enum(['count', 'percent']),
  illustrative: z.boolean(),
  actual: z.number().int(),
  of: z.number().int().nullable(),
  percent: z.number().nullable(),
  agreedLevel: z.number().nullable(),
  adjustedLevel: z
    .number()
    .nullable()
    .openapi({ description: 'The agreed level after the conversion mechanism' }),
  met: z.boolean().nullable(),
  explanation: ExplanationSchema,
});

const PackOutcome = StandardFigures.extend({
  key: z.string(),
  name: LocalisedTextSchema,
  coverage: z
    .object({
      respondents: z.number().int(),
      population: z.number().int(),
      percent: z.number().nullable(),
    })
    .nullable()
    .openapi({
      description:
        'Respondents against the year’s learning-programme completers (the output standard counting them); null for standards asked of other people',
    }),
  explanation: ExplanationSchema,
});

export const PackSchema = z
  .object({
    unit: z.object({
      code: z.string(),
      region: z.string().nullable(),
      regionName: LocalisedTextSchema.nullable(),
      operator: z.object({ code: z.string(), name: LocalisedTextSchema }),
      programme: z.object({
        code: z.string(),
        name: LocalisedTextSchema,
        areaKind: z.string(),
      }),
    }),
    fiscalYear: z.string(),
    fiscalYearStart: z.number().int(),
    from: z.string(),
    to: z.string(),
    asAt: z
      .string()
      .openapi({ description: 'Today in Hong Kong, or 31 March once the year is over' }),
    final: z.boolean(),
    noRefusalDeclared: z.boolean(),
    outputs: z.array(PackOutput),
    conversions: z.array(ConversionFigures),
    outcomes: z.array(PackOutcome),
    firstContact: z.object({
      key: z.string(),
      ...FirstContactFigures.shape,
      met: z.boolean().nullable().openapi({
        description: 'Every case due so far contacted in time; null when no case is due yet',
      }),
      explanation: ExplanationSchema,
    }),
    notMet: z.number().int().openapi({ description: 'How many standards are not met' }),
  })
  .openapi('Pack');

export const get = defineRoute(READERS, {
  method: 'get',
  path: '/units/{code}/pack/{fiscalYear}',
  summary:
    'The annual performance pack of one unit: every output and outcome standard, first contact, and the coordinator’s explanations',
  description:
    'SWD and admins open any unit’s pack; a coordinator only its own operator’s units (another’s is 403). Aggregates and the coordinator’s own words only.',
  request: { params: PackParams },
  responses: { 200: json(PackSchema, 'The pack'), ...errors(401, 403, 404, 422) },
});

export const xlsx = defineRoute(READERS, {
  method: 'get',
  path: '/units/{code}/pack/{fiscalYear}/pack.xlsx',
  summary:
    'The same pack as an Excel workbook (headings in Chinese and English, as the other workbooks)',
  request: { params: PackParams },
  responses: {
    200: xlsxFile(),
    ...errors(401, 403, 404, 422),
  },
});

export const explain = defineRoute(WRITERS, {
  method: 'put',
  path: '/units/{code}/pack/{fiscalYear}/explanations/{standard}',
  summary:
    'Write the explanation and action plan for a standard (the unit’s coordinators; audited); both empty removes it',
  request: {
    params: PackParams.extend({ standard: StandardKeySchema }),
    body: jsonBody(
      z.object({
        explanation: z.string().trim().max(MAX_EXPLANATION),
        actionPlan: z.string().trim().max(MAX_EXPLANATION),
      }),
    ),
  },
  responses: {
    200: json(ExplanationSchema, 'Saved (null: removed)'),
    ...errors(401, 403, 404, 422),
  },
});
