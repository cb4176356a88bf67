// The contract of questionnaires: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import {
  ErrorDetailSchema,
  CodeSchema,
  errors,
  IdParams,
  json,
  jsonBody,
  listOf,
  LocalisedTextSchema,
} from '../http/schemas.ts';

export const DefinitionSchema = z
  .record(z.string(), z.unknown())
  .openapi('QuestionnaireDefinition', {
    description:
      'programme, population, locales, scoring and a SurveyJS `survey` (see the contract)',
  });

export const LocaleStatusesSchema = z.record(z.string().max(10), z.enum(['draft', 'reviewed']));

export const TranslationsInput = z.object({ locales: LocaleStatusesSchema.optional() }).optional();

export const VersionSummarySchema = z.object({
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

export const QuestionnaireSchema = z
  .object({
    id: z.string().uuid(),
    operator: z.string(),
    programme: z.string(),
    population: z.string(),
    createdAt: z.string(),
    versions: z.array(VersionSummarySchema),
  })
  .openapi('Questionnaire');

export const VersionSchema = VersionSummarySchema.extend({
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

export const StatusSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  status: z.string(),
});

export const Params = IdParams;

export const VersionParams = z.object({
  id: z.string().max(64),
  v: z.coerce.number().int().min(1).max(100_000),
});

export const STAFF = ['admin', 'swd', 'coordinator'] as const;

export const EDITORS = ['admin', 'coordinator'] as const;

export const route = defineRoute;

export const listRoute = route(
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

export const getRoute = route(
  { roles: STAFF, tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires/{id}',
    summary: 'A questionnaire with its versions',
    request: { params: Params },
    responses: { 200: json(QuestionnaireSchema, 'The questionnaire'), ...errors(401, 404) },
  },
);

export const createRoute = route(
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

export const versionRoute = route(
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

export const putRoute = route(
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

export const newVersionRoute = route(
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

export const translationsRoute = route(
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

export type Move = 'submit' | 'approve' | 'reject' | 'retire';

export type Role = 'admin' | 'swd' | 'coordinator';

export const transitionResponses = {
  200: json(StatusSchema, 'The new status'),
  ...errors(401, 403, 404, 409, 422),
};

// Generic in the move, so each route's path is its own literal type (the typed client tells them
// apart).
export const transitionRoute = <M extends Move>(move: M, roles: readonly Role[], summary: string) =>
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

export const decisionRoute = <M extends Move, B extends z.ZodObject>(
  move: M,
  summary: string,
  body: B,
) =>
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

export const submitRoute = transitionRoute(
  'submit',
  EDITORS,
  'Submit a draft to SWD; 422 listing every rule it breaks',
);

export const approveRoute = decisionRoute(
  'approve',
  'Approve a submitted version (SWD); give the contentHash you reviewed to be sure it is the same',
  z.object({
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
);

export const rejectRoute = decisionRoute(
  'reject',
  'Reject a submitted version with a reason (SWD); final',
  z.object({ reason: z.string().trim().min(1).max(2000) }),
);

export const retireRoute = transitionRoute(
  'retire',
  ['swd', 'coordinator'],
  'Retire an approved version: it takes no new responses',
);

export const exportRoute = route(
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

export const checkRoute = route(
  { roles: EDITORS, tenancy: 'global' },
  {
    method: 'post',
    path: '/questionnaires/check',
    summary:
      'Check a definition against the rules without saving it (the designer’s live panel); with `draft`, also the translations saving it over that draft would leave stale, as submit would',
    request: {
      body: jsonBody(
        z.object({
          definition: DefinitionSchema,
          draft: z
            .object({ id: z.string().max(64), version: z.number().int().min(1) })
            .optional()
            .openapi({ description: 'The draft the definition is an edit of' }),
        }),
      ),
    },
    responses: {
      200: json(z.object({ problems: z.array(ErrorDetailSchema) }), 'Problems, if any'),
      ...errors(401, 403, 404, 422),
    },
  },
);

export const templatesRoute = route(
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
