// Routes of the labelled exports for an operator's own analysis (issue 21): coordinators only,
// their own operator's responses; SWD never sees individual responses.
import { z } from '@hono/zod-openapi';
import { activityInScope } from '../activities/service.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { SUPPORTED_LOCALES } from '../domain/definition.ts';
import type { Actor, Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, IdParams } from '../http/schemas.ts';
import type { Db } from '../db/open.ts';
import { codebook } from './analysis-codebook.ts';
import { analysisZip } from './analysis-exports.ts';
import { analysisRows, type AnalysisScope } from './analysis-repository.ts';

const COORDINATOR = { roles: ['coordinator'], tenancy: 'operator' } as const;

const Options = {
  locale: z
    .enum(SUPPORTED_LOCALES)
    .default('en')
    .openapi({ description: 'The language of the variable and value labels' }),
  freeText: z.enum(['include', 'omit']).default('include').openapi({
    description:
      'Free-text answers (text and comment questions): included by default, since coordinators may read them; omit them for a file to pass on',
  }),
};

const zipResponse = {
  200: {
    description:
      'A zip: responses.csv, responses.sps (SPSS, GNU PSPP), responses.R, responses.do (Stata) and README.txt (the codebook)',
    content: { 'application/zip': { schema: z.string() } },
  },
};

const activityRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/activities/{id}/analysis.zip',
  summary:
    'An activity’s responses for your own analysis: CSV with SPSS, R and Stata syntax, labelled in one language',
  request: { params: IdParams, query: z.object(Options) },
  responses: { ...zipResponse, ...errors(401, 403, 404, 422) },
});

const yearRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/analysis.zip',
  summary:
    'Your operator’s responses of a financial year for your own analysis: CSV with SPSS, R and Stata syntax',
  request: {
    query: z.object({
      fiscalYear: z.coerce.number().int().min(2000).max(2100).openapi({
        description: 'The year the financial year starts: 2026 for 2026-27',
        example: 2026,
      }),
      ...Options,
    }),
  },
  responses: { ...zipResponse, ...errors(401, 403, 422) },
});

async function exportZip(
  db: Db,
  actor: Actor,
  scope: AnalysisScope,
  described: string,
  options: { locale: string; freeText: 'include' | 'omit' },
) {
  const rows = await analysisRows(db, actor.operatorId!, scope);
  const freeText = options.freeText === 'include';
  const variables = codebook(rows, { locale: options.locale, freeText });
  return analysisZip(variables, rows.responses, {
    operator: actor.operatorCode!,
    scope: described,
    locale: options.locale,
    exportedAt: new Date(),
    freeText,
  });
}

export function analysisRoutes({ db }: Deps) {
  return newRouter()
    .openapi(activityRoute, async (c) => {
      const actor = c.get('actor')!;
      const activity = await activityInScope(db, actor, c.req.valid('param').id);
      const options = c.req.valid('query');
      const file = await exportZip(
        db,
        actor,
        { activityId: activity.id },
        `activity ${activity.id} (${activity.kind}, ${activity.date})`,
        options,
      );
      c.header('content-disposition', `attachment; filename="analysis-${activity.date}.zip"`);
      return c.body(new Uint8Array(file), 200, { 'content-type': 'application/zip' });
    })
    .openapi(yearRoute, async (c) => {
      const actor = c.get('actor')!;
      const { fiscalYear, ...options } = c.req.valid('query');
      const year = fiscalYearLabel(fiscalYear);
      const file = await exportZip(db, actor, { fiscalYear }, `financial year ${year}`, options);
      c.header(
        'content-disposition',
        `attachment; filename="analysis-${actor.operatorCode}-${year}.zip"`,
      );
      return c.body(new Uint8Array(file), 200, { 'content-type': 'application/zip' });
    });
}
