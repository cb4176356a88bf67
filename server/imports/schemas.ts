// The import routes' shapes (issue 15): a coordinator uploads a CSV or xlsx file of cases or
// attendance, dry run first; the templates name the columns.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, json } from '../http/schemas.ts';
import { IMPORT_KINDS, MAX_IMPORT_ROWS } from '../domain/case-import.ts';
import { CSV_TYPE, XLSX_TYPE } from './files.ts';

const COORDINATOR = { roles: ['coordinator'], tenancy: 'operator' } as const;
const TEMPLATE = { roles: ['coordinator'], tenancy: 'global' } as const;

export const KindParams = z.object({
  kind: z.enum(IMPORT_KINDS).openapi({ description: 'cases, or attendance' }),
});

export const RowProblemSchema = z
  .object({
    row: z
      .number()
      .int()
      .openapi({ description: 'The row as the spreadsheet numbers it (1: the header)' }),
    column: z.string(),
    value: z.string().openapi({ description: 'What the cell holds' }),
    rule: z.string().openapi({ description: 'The rule, in the codes of the API’s 422 details' }),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
  })
  .openapi('ImportRowProblem');

export const ImportResultSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dryRun: z.boolean(),
    rows: z.number().int().openapi({ description: 'Data rows in the file (blank rows skipped)' }),
    problems: z.array(RowProblemSchema),
    stored: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Records stored, or in a dry run of a clean file that would be' }),
    alreadyImported: z
      .boolean()
      .openapi({ description: 'The same file was imported before: nothing was stored again' }),
    importedAt: z.string().nullable(),
  })
  .openapi('ImportResult');

const fileBody = {
  required: true as const,
  description: `The file, as sent: CSV (UTF-8, RFC 4180) or xlsx (its first sheet); the first row names the columns (see the template). At most ${MAX_IMPORT_ROWS} rows and 1 MB.`,
  content: {
    [CSV_TYPE]: { schema: z.string() },
    [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
  },
};

export const importRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/case-imports/{kind}',
  summary:
    'Import cases or attendance from a CSV or xlsx file: a dry run lists every row’s problem and stores nothing; otherwise all rows in one transaction, only when the file is clean (the same file again stores nothing)',
  request: {
    params: KindParams,
    query: z.object({
      dryRun: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'true: check only, store nothing (default false)' }),
    }),
    body: fileBody,
  },
  responses: {
    200: json(ImportResultSchema, 'A dry run, or a file imported before'),
    201: json(ImportResultSchema, 'Imported'),
    ...errors(401, 403, 409, 415, 422),
  },
});

export const csvTemplateRoute = defineRoute(TEMPLATE, {
  method: 'get',
  path: '/case-imports/{kind}/template.csv',
  summary: 'The columns an import file of this kind has, as CSV',
  request: { params: KindParams },
  responses: {
    200: { description: 'CSV', content: { [CSV_TYPE]: { schema: z.string() } } },
    ...errors(401, 403, 422),
  },
});

export const xlsxTemplateRoute = defineRoute(TEMPLATE, {
  method: 'get',
  path: '/case-imports/{kind}/template.xlsx',
  summary: 'The columns an import file of this kind has, as xlsx (with a sheet of allowed values)',
  request: { params: KindParams },
  responses: {
    200: {
      description: 'xlsx',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errors(401, 403, 422),
  },
});
