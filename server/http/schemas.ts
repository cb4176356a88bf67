import { z } from '@hono/zod-openapi';

/** One problem: where it is and what it is; a broken rule also names itself and its values. */
export const ErrorDetailSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    rule: z.string().optional().openapi({
      description:
        'Which questionnaire or response rule, for a client that says it in its own language',
    }),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))
      .optional()
      .openapi({ description: 'The values the rule names; `locale` and `locales` hold codes' }),
  })
  .openapi('ErrorDetail');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
      quarantined: z.boolean().optional().openapi({
        description:
          'True on a kiosk submission refused for good (409, 410, 422): it is kept in the activity’s quarantine for the coordinator to review',
      }),
    }),
  })
  .openapi('Error');

const ERROR_DESCRIPTIONS = {
  400: 'Unreadable JSON (or a body that is not JSON)',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Too large',
  415: 'A file of a type this route does not read',
  422: 'Breaks a rule (every broken rule in details)',
  429: 'Too many requests',
  503: 'The database cannot be reached; try again shortly',
} as const;

/** An error status the document can describe. */
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** OpenAPI responses for the listed error statuses. */
export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_DESCRIPTIONS[s],
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  ) as Record<
    string,
    { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }
  >;
}

/** A JSON response (or, through jsonBody, request body). */
export function json<T extends z.ZodType>(schema: T, description = '') {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * A JSON request body that refuses fields it does not know (422), so a typo in a script is an
 * error rather than a silent no-op.
 */
export function jsonBody<T extends z.ZodObject>(schema: T, description = '') {
  return { ...json(schema.strict() as unknown as T, description), required: true as const };
}

export const LocalisedTextSchema = z
  .record(z.string(), z.string())
  .openapi('LocalisedText', { example: { 'zh-HK': '平和關係支援計劃', en: 'SPeaR' } });

export const NameSchema = z
  .object({ 'zh-HK': z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
  .openapi('Name');

export const CodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'Use 1-40 letters, digits, "-" or "_".');

/**
 * A code given as a query filter (`operator=DEMO`): never empty or blank, so a filter cannot
 * silently become "no filter". Codes are compared exactly, case included.
 */
export const QueryCodeSchema = CodeSchema.openapi({
  description: 'A code, exactly as spelt (case matters); empty or blank values are 422',
});

/** An email, trimmed and lowercased as every stored one is (server/lib/email.ts). */
export const EmailSchema = z.string().trim().toLowerCase().max(254).email();

/**
 * A UUID in either case. No flags: the pattern is published in the OpenAPI document, whose
 * patterns are plain ECMA-262 sources (a flag would leak into the string as "/i").
 */
export const Uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A route's `{id}` (a UUID or a code: anything longer is 422). */
export const IdParams = z.object({ id: z.string().max(64) });

/** The media type of an Excel workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file answer: the document gives its media type (the body is the file). */
export const file = <T extends string>(type: T, description: string) => ({
  description,
  content: { [type]: { schema: z.string() } } as Record<T, { schema: z.ZodString }>,
});

/** What `file` gives. */
export type FileAnswer = ReturnType<typeof file>;

/** A CSV download (UTF-8 with a byte-order mark). */
export const csvFile = () => file('text/csv', 'CSV');

/** An Excel workbook download. */
export const xlsxFile = () => file(XLSX_TYPE, 'Workbook');
