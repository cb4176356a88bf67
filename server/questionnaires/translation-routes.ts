// Routes of the translators' round trip (issue 21): export a version's strings as a workbook or
import type { QuestionnaireDefinition } from '../domain/definition.ts';
// XLIFF 2.0, and import a filled-in file back into a draft, with a dry run first.
import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { SOURCE_LOCALE, SUPPORTED_LOCALES } from '../domain/definition.ts';
import { conflict, ruleBroken } from '../errors.ts';
import type { Actor, Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, XLSX_TYPE, xlsxFile } from '../http/schemas.ts';
import type { Db } from '../db/open.ts';
import { versionInScope } from './service.ts';
import * as repo from './repository.ts';
import { VersionParams } from './schemas.ts';
import {
  planImport,
  readTranslationWorkbook,
  readXliff,
  translationRows,
  translationWorkbook,
  translationXliff,
  type ImportedString,
  type TranslationChange,
} from './translation-files.ts';

const EDITORS = { roles: ['admin', 'coordinator'], tenancy: 'operator' } as const;
const Locale = z.enum(SUPPORTED_LOCALES).openapi({ description: 'A locale code such as id' });

const workbookRoute = defineRoute(EDITORS, {
  method: 'get',
  path: '/questionnaires/{id}/versions/{v}/translations.xlsx',
  summary:
    'A translator’s workbook: a sheet per language, a row per string (key, Chinese source, translation, status, stale)',
  request: {
    params: VersionParams,
    query: z.object({
      locales: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: 'Comma-separated locale codes; every translated one if left out' }),
    }),
  },
  responses: {
    200: xlsxFile(),
    ...errors(401, 403, 404, 422),
  },
});

const xliffRoute = defineRoute(EDITORS, {
  method: 'get',
  path: '/questionnaires/{id}/versions/{v}/translations.xlf',
  summary:
    'The strings as XLIFF 2.0 for one language (a unit per string, named by its key; state draft → translated, reviewed → reviewed)',
  request: { params: VersionParams, query: z.object({ locale: Locale }) },
  responses: {
    200: { description: 'XLIFF 2.0', content: { 'application/xliff+xml': { schema: z.string() } } },
    ...errors(401, 403, 404, 422),
  },
});

const ChangeSchema = z
  .object({
    key: z.string(),
    path: z.string(),
    locale: z.string(),
    source: z.string(),
    before: z.object({
      translation: z.string(),
      status: z.enum(['draft', 'reviewed']),
      stale: z.boolean(),
    }),
    after: z.object({ translation: z.string(), status: z.enum(['draft', 'reviewed']) }),
  })
  .openapi('TranslationChange');

const importRoute = defineRoute(EDITORS, {
  method: 'post',
  path: '/questionnaires/{id}/versions/{v}/translations/import',
  summary:
    'Import a translator’s workbook or XLIFF into a draft: every changed string, and (unless dryRun) saved; 422 naming each string whose Chinese changed since the file was made',
  request: {
    params: VersionParams,
    body: jsonBody(
      z.object({
        xlsx: z.string().max(1_400_000).optional().openapi({ description: 'The workbook, base64' }),
        xliff: z.string().max(1_000_000).optional().openapi({ description: 'The XLIFF document' }),
        dryRun: z.boolean().optional().openapi({ description: 'Show the changes, save nothing' }),
      }),
    ),
  },
  responses: {
    200: json(
      z.object({
        dryRun: z.boolean(),
        changes: z.array(ChangeSchema),
        unchanged: z.number().int(),
        locales: z.record(z.string(), z.enum(['draft', 'reviewed'])),
      }),
      'What the import changes (or changed)',
    ),
    ...errors(401, 403, 404, 409, 422),
  },
});

/** The locales asked for, each one of the version's translated languages (else 422). */
function chosenLocales(definition: QuestionnaireDefinition, asked: string | undefined) {
  const listed = (Array.isArray(definition.locales) ? definition.locales : []).filter(
    (l): l is string => typeof l === 'string' && l !== SOURCE_LOCALE,
  );
  if (asked === undefined) return listed;
  const locales = [...new Set(asked.split(',').map((l) => l.trim()))];
  const unknown = locales.filter((l) => !listed.includes(l));
  if (unknown.length)
    throw ruleBroken(
      'Some of these languages are not translations of this version.',
      unknown.map((l) => ({
        path: 'locales',
        message: `${l || '(blank)'} is not among ${listed.join(', ')}.`,
      })),
      'invalid_request',
    );
  return locales;
}

/** Plans the import on the locked draft and, unless a dry run, saves it (audited). */
async function importTranslations(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  strings: ImportedString[],
  dryRun: boolean,
): Promise<ImportResult> {
  const seen = await versionInScope(db, actor, id, version);
  if (seen.status !== 'draft')
    throw conflict(
      `Version ${version} is ${seen.status}; translations go into a draft. Start a new version.`,
      'not_a_draft',
    );
  return audited(db, actor, async (trx) => {
    const row = await versionInScope(trx, actor, id, version, true);
    if (row.status !== 'draft')
      throw conflict(`Version ${version} is ${row.status} now.`, 'not_a_draft');
    const plan = planImport(row.definition, row.translations, strings);
    const locales = Object.fromEntries(
      [...new Set(strings.map((s) => s.locale))].map((l) => [l, plan.state.locales[l]!]),
    );
    const result: ImportResult = {
      dryRun,
      changes: plan.changes,
      unchanged: strings.length - plan.changes.length,
      locales,
    };
    if (dryRun) throw new DryRun(result);
    await repo.updateDraft(trx, id, version, {
      definition: plan.definition,
      translations: plan.state,
    });
    return {
      result,
      event: {
        action: 'translations_imported',
        targetType: 'questionnaire_version',
        targetId: `${id}/${version}`,
        operatorId: row.operator_id,
        details: { changed: plan.changes.length, locales },
      },
    };
  }).catch((error: unknown) => {
    // A dry run plans inside the same locked transaction, then rolls it back.
    if (error instanceof DryRun) return error.result;
    throw error;
  });
}

/** What an import does: the changed strings and each imported locale's status after it. */
interface ImportResult {
  dryRun: boolean;
  changes: TranslationChange[];
  unchanged: number;
  locales: Record<string, 'draft' | 'reviewed'>;
}

class DryRun {
  constructor(readonly result: ImportResult) {}
}

export function translationFileRoutes({ db }: Deps) {
  return newRouter()
    .openapi(workbookRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      const row = await versionInScope(db, c.get('actor')!, id, v);
      const locales = chosenLocales(row.definition, c.req.valid('query').locales);
      const rows = translationRows(row.definition, row.translations, locales);
      const file = await translationWorkbook(rows, { questionnaire: id, version: v });
      c.header(
        'content-disposition',
        `attachment; filename="translations-${id.slice(0, 8)}-v${v}.xlsx"`,
      );
      return c.body(new Uint8Array(file), 200, { 'content-type': XLSX_TYPE });
    })
    .openapi(xliffRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      const row = await versionInScope(db, c.get('actor')!, id, v);
      const [locale] = chosenLocales(row.definition, c.req.valid('query').locale);
      const rows = translationRows(row.definition, row.translations, [locale!]);
      c.header(
        'content-disposition',
        `attachment; filename="translations-${id.slice(0, 8)}-v${v}.${locale}.xlf"`,
      );
      return c.body(
        translationXliff(rows, { questionnaire: id, version: v, locale: locale! }),
        200,
        {
          'content-type': 'application/xliff+xml; charset=utf-8',
        },
      );
    })
    .openapi(importRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      const actor = c.get('actor')!;
      const body = c.req.valid('json');
      // The caller may see the version before anything about the file is said (404 first).
      await versionInScope(db, actor, id, v);
      if ((body.xlsx === undefined) === (body.xliff === undefined))
        throw ruleBroken('Send one file.', [
          { path: 'xlsx', message: 'Give either xlsx (base64) or xliff, not both or neither.' },
        ]);
      const strings =
        body.xlsx !== undefined
          ? await readTranslationWorkbook(Buffer.from(body.xlsx, 'base64'))
          : readXliff(body.xliff!);
      return c.json(await importTranslations(db, actor, id, v, strings, body.dryRun ?? false), 200);
    });
}
