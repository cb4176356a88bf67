import { z } from '@hono/zod-openapi';
import { scopeOf, type Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import {
  ErrorDetailSchema,
  CodeSchema,
  errors,
  json,
  jsonBody,
  listOf,
  LocalisedTextSchema,
  Uuid,
} from '../http/schemas.ts';
import { notFound } from '../errors.ts';
import * as repo from './repository.ts';
import { contentHash } from './rules.ts';
import * as service from './service.ts';
import { listTemplates } from './templates.ts';
import { staleStrings } from './translations.ts';
import { toPlainSurveyJson } from '../domain/likert.ts';

const DefinitionSchema = z.record(z.string(), z.unknown()).openapi('QuestionnaireDefinition', {
  description: 'programme, population, locales, scoring and a SurveyJS `survey` (see the contract)',
});
const LocaleStatusesSchema = z.record(z.string().max(10), z.enum(['draft', 'reviewed']));
const TranslationsInput = z.object({ locales: LocaleStatusesSchema.optional() }).optional();

const VersionSummarySchema = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'retired']),
  title: LocalisedTextSchema,
  contentHash: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  retiredAt: z.string().nullable(),
});

const QuestionnaireSchema = z
  .object({
    id: z.string().uuid(),
    operator: z.string(),
    programme: z.string(),
    population: z.string(),
    createdAt: z.string(),
    versions: z.array(VersionSummarySchema),
  })
  .openapi('Questionnaire');

const VersionSchema = VersionSummarySchema.extend({
  questionnaire: z.string().uuid(),
  operator: z.string(),
  programme: z.string(),
  population: z.string(),
  definition: DefinitionSchema,
  contentHash: z.string(),
  translations: z.object({
    locales: LocaleStatusesSchema,
    stale: z.array(z.object({ path: z.string(), locale: z.string() })),
  }),
  problems: z
    .array(ErrorDetailSchema)
    .openapi({ description: 'What would stop this version from being submitted, now' }),
  previousApproved: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'The version SWD compares against' }),
}).openapi('QuestionnaireVersion');

const StatusSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  status: z.string(),
});

const toSummary = (v: repo.VersionSummary) => ({
  version: v.version,
  status: v.status,
  title: { 'zh-HK': v.title_zh ?? '', en: v.title_en ?? '' },
  contentHash: v.content_hash,
  createdAt: v.created_at.toISOString(),
  updatedAt: v.updated_at.toISOString(),
  submittedAt: v.submitted_at?.toISOString() ?? null,
  decidedAt: v.decided_at?.toISOString() ?? null,
  decisionReason: v.decision_reason,
  retiredAt: v.retired_at?.toISOString() ?? null,
});

const Params = z.object({ id: z.string().max(64) });
const VersionParams = z.object({
  id: z.string().max(64),
  v: z.coerce.number().int().min(1).max(100_000),
});
const STAFF = ['admin', 'swd', 'coordinator'] as const;
const EDITORS = ['admin', 'coordinator'] as const;
const route = defineRoute;

const listRoute = route(
  { roles: STAFF, tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires',
    summary: 'Questionnaires in scope with their versions (SWD: every operator’s)',
    request: {
      query: z.object({
        status: z
          .enum(['submitted'])
          .optional()
          .openapi({ description: 'Only versions waiting for SWD' }),
      }),
    },
    responses: { 200: json(listOf(QuestionnaireSchema), 'Questionnaires'), ...errors(401, 422) },
  },
);
const getRoute = route(
  { roles: STAFF, tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires/{id}',
    summary: 'A questionnaire with its versions',
    request: { params: Params },
    responses: { 200: json(QuestionnaireSchema, 'The questionnaire'), ...errors(401, 404) },
  },
);
const createRoute = route(
  { roles: EDITORS, tenancy: 'operator' },
  {
    method: 'post',
    path: '/questionnaires',
    summary:
      'Create a questionnaire (version 1, a draft) from a definition, an import, or a template',
    request: {
      body: jsonBody(
        z.object({
          operator: CodeSchema.nullish(),
          definition: DefinitionSchema.optional(),
          template: z.string().max(100).optional(),
          translations: TranslationsInput,
        }),
      ),
    },
    responses: { 201: json(StatusSchema, 'Created'), ...errors(401, 403, 422) },
  },
);
const versionRoute = route(
  { roles: STAFF, tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires/{id}/versions/{v}',
    summary:
      'One version with its definition, content hash, translation state and current problems',
    request: { params: VersionParams },
    responses: { 200: json(VersionSchema, 'The version'), ...errors(401, 404) },
  },
);
const putRoute = route(
  { roles: EDITORS, tenancy: 'operator' },
  {
    method: 'put',
    path: '/questionnaires/{id}/versions/{v}',
    summary: 'Replace a draft’s definition (409 for any other status)',
    request: {
      params: VersionParams,
      body: jsonBody(z.object({ definition: DefinitionSchema, translations: TranslationsInput })),
    },
    responses: { 200: json(VersionSchema, 'The version'), ...errors(401, 403, 404, 409, 422) },
  },
);
const newVersionRoute = route(
  { roles: EDITORS, tenancy: 'operator' },
  {
    method: 'post',
    path: '/questionnaires/{id}/versions',
    summary:
      'Start a new draft: a copy of the highest version, or the given definition (409 while a draft exists)',
    request: {
      params: Params,
      body: {
        ...jsonBody(
          z.object({ definition: DefinitionSchema.optional(), translations: TranslationsInput }),
        ),
        required: false,
      },
    },
    responses: { 201: json(StatusSchema, 'Created'), ...errors(401, 403, 404, 409, 422) },
  },
);
const translationsRoute = route(
  { roles: EDITORS, tenancy: 'operator' },
  {
    method: 'post',
    path: '/questionnaires/{id}/versions/{v}/translations',
    summary:
      'Mark a language draft or reviewed, or confirm its strings still fit the current Chinese',
    request: {
      params: VersionParams,
      body: jsonBody(
        z.object({
          locale: z.string().max(10),
          status: z.enum(['draft', 'reviewed']).optional(),
          confirm: z.boolean().optional(),
          paths: z.array(z.string().max(300)).max(2000).optional(),
        }),
      ),
    },
    responses: { 200: json(VersionSchema, 'The version'), ...errors(401, 403, 404, 409, 422) },
  },
);

type Move = 'submit' | 'approve' | 'reject' | 'retire';
type Role = 'admin' | 'swd' | 'coordinator';
const transitionResponses = {
  200: json(StatusSchema, 'The new status'),
  ...errors(401, 403, 404, 409, 422),
};
const transitionRoute = (move: Move, roles: readonly Role[], summary: string) =>
  route(
    { roles, tenancy: 'operator' },
    {
      method: 'post',
      path: `/questionnaires/{id}/versions/{v}/${move}`,
      summary,
      request: { params: VersionParams },
      responses: transitionResponses,
    },
  );
const decisionRoute = <B extends z.ZodObject>(move: Move, summary: string, body: B) =>
  route(
    { roles: ['swd'], tenancy: 'operator' },
    {
      method: 'post',
      path: `/questionnaires/{id}/versions/{v}/${move}`,
      summary,
      request: { params: VersionParams, body: jsonBody(body) },
      responses: transitionResponses,
    },
  );

const submitRoute = transitionRoute(
  'submit',
  EDITORS,
  'Submit a draft to SWD; 422 listing every rule it breaks',
);
const approveRoute = decisionRoute(
  'approve',
  'Approve a submitted version (SWD); give the contentHash you reviewed to be sure it is the same',
  z.object({
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
);
const rejectRoute = decisionRoute(
  'reject',
  'Reject a submitted version with a reason (SWD); final',
  z.object({ reason: z.string().trim().min(1).max(2000) }),
);
const retireRoute = transitionRoute(
  'retire',
  ['swd', 'coordinator'],
  'Retire an approved version: it takes no new responses',
);

const exportRoute = route(
  { roles: STAFF, tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires/{id}/versions/{v}/export',
    summary: 'Download a version: our JSON (with translation statuses), or plain SurveyJS JSON',
    request: {
      params: VersionParams,
      query: z.object({ format: z.enum(['fsa', 'surveyjs']).default('fsa') }),
    },
    responses: {
      200: json(z.record(z.string(), z.unknown()), 'The file'),
      ...errors(401, 404, 422),
    },
  },
);

const checkRoute = route(
  { roles: EDITORS, tenancy: 'global' },
  {
    method: 'post',
    path: '/questionnaires/check',
    summary: 'Check a definition against the rules without saving it (the designer’s live panel)',
    request: { body: jsonBody(z.object({ definition: DefinitionSchema })) },
    responses: {
      200: json(z.object({ problems: z.array(ErrorDetailSchema) }), 'Problems, if any'),
      ...errors(401, 403, 422),
    },
  },
);

const templatesRoute = route(
  { roles: STAFF, tenancy: 'global' },
  {
    method: 'get',
    path: '/questionnaire-templates',
    summary: 'Templates a coordinator can start from',
    responses: {
      200: json(
        listOf(
          z.object({
            key: z.string(),
            name: LocalisedTextSchema,
            description: LocalisedTextSchema,
            programme: z.string(),
            population: z.string(),
            locales: z.array(z.string()),
            translationStatus: LocaleStatusesSchema,
          }),
        ),
        'Templates',
      ),
      ...errors(401),
    },
  },
);

export function questionnaireRoutes({ db }: Deps) {
  async function versionBody(
    actor: Parameters<typeof service.versionInScope>[1],
    id: string,
    version: number,
  ) {
    const row = await service.versionInScope(db, actor, id, version);
    const [summary] = await repo.listQuestionnaires(db, scopeOf(actor), { id });
    const v = summary!.versions.find((x) => x.version === version)!;
    return {
      ...toSummary(v),
      questionnaire: id,
      operator: row.operator_code,
      programme: row.programme_code,
      population: row.population,
      definition: row.definition,
      contentHash: row.content_hash ?? contentHash(row.definition),
      translations: {
        locales: row.translations.locales,
        stale: staleStrings(row.definition, row.translations),
      },
      problems: row.status === 'draft' ? await service.submissionProblems(db, row) : [],
      previousApproved: await repo.previousApproved(db, id, version),
    };
  }

  return newRouter()
    .openapi(templatesRoute, async (c) => {
      const templates = await listTemplates();
      return c.json(
        {
          items: templates.map((t) => ({
            key: t.key,
            name: t.name,
            description: t.description,
            programme: t.definition.programme,
            population: t.definition.population,
            locales: t.definition.locales,
            translationStatus: t.translationStatus,
          })),
        },
        200,
      );
    })
    .openapi(checkRoute, async (c) => {
      const { definition } = c.req.valid('json');
      const problems = await service.submissionProblems(db, {
        definition,
        translations: { locales: {}, sources: {} },
      });
      return c.json({ problems: problems.filter((p) => !p.path.startsWith('translations.')) }, 200);
    })
    .openapi(listRoute, async (c) => {
      const actor = c.get('actor')!;
      const rows = await repo.listQuestionnaires(db, scopeOf(actor));
      const wanted = c.req.valid('query').status;
      return c.json(
        {
          items: rows
            .filter((q) => !wanted || q.versions.some((v) => v.status === wanted))
            .map((q) => ({
              id: q.id,
              operator: q.operator_code,
              programme: q.programme_code,
              population: q.population,
              createdAt: q.created_at.toISOString(),
              versions: q.versions.map(toSummary),
            })),
        },
        200,
      );
    })
    .openapi(getRoute, async (c) => {
      const { id } = c.req.valid('param');
      const [q] = Uuid.test(id)
        ? await repo.listQuestionnaires(db, scopeOf(c.get('actor')!), { id })
        : [];
      if (!q) throw notFound('The questionnaire');
      return c.json(
        {
          id: q.id,
          operator: q.operator_code,
          programme: q.programme_code,
          population: q.population,
          createdAt: q.created_at.toISOString(),
          versions: q.versions.map(toSummary),
        },
        200,
      );
    })
    .openapi(createRoute, async (c) => {
      const created = await service.createQuestionnaire(db, c.get('actor')!, c.req.valid('json'));
      return c.json(created, 201);
    })
    .openapi(versionRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(await versionBody(c.get('actor')!, id, v), 200);
    })
    .openapi(putRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      await service.saveDraft(db, c.get('actor')!, id, v, c.req.valid('json'));
      return c.json(await versionBody(c.get('actor')!, id, v), 200);
    })
    .openapi(newVersionRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body =
        (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}) ?? {};
      return c.json(await service.newVersion(db, c.get('actor')!, id, body), 201);
    })
    .openapi(translationsRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      await service.updateTranslations(db, c.get('actor')!, id, v, c.req.valid('json'));
      return c.json(await versionBody(c.get('actor')!, id, v), 200);
    })
    .openapi(submitRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(await service.transition(db, c.get('actor')!, id, v, 'submit'), 200);
    })
    .openapi(approveRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(
        await service.transition(db, c.get('actor')!, id, v, 'approve', c.req.valid('json')),
        200,
      );
    })
    .openapi(rejectRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(
        await service.transition(db, c.get('actor')!, id, v, 'reject', c.req.valid('json')),
        200,
      );
    })
    .openapi(retireRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      return c.json(await service.transition(db, c.get('actor')!, id, v, 'retire'), 200);
    })
    .openapi(exportRoute, async (c) => {
      const { id, v } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const row = await service.versionInScope(db, c.get('actor')!, id, v);
      const file =
        format === 'surveyjs'
          ? toPlainSurveyJson(row.definition)
          : {
              format: 'fsa-outcomes/questionnaire@1',
              definition: row.definition,
              translations: { locales: row.translations.locales },
              contentHash: row.content_hash ?? contentHash(row.definition),
            };
      c.header(
        'content-disposition',
        `attachment; filename="questionnaire-${id.slice(0, 8)}-v${v}${format === 'surveyjs' ? '.surveyjs' : ''}.json"`,
      );
      return c.json(file as Record<string, unknown>, 200);
    });
}
