import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { Uuid } from '../http/schemas.ts';
import { notFound } from '../errors.ts';
import * as repo from './repository.ts';
import { contentHash } from './rules.ts';
import * as service from './service.ts';
import { listTemplates } from './templates.ts';
import { staleStrings } from './translations.ts';
import { toPlainSurveyJson } from '../domain/likert.ts';
import {
  listRoute,
  getRoute,
  createRoute,
  versionRoute,
  putRoute,
  newVersionRoute,
  translationsRoute,
  submitRoute,
  approveRoute,
  rejectRoute,
  retireRoute,
  exportRoute,
  checkRoute,
  templatesRoute,
} from './schemas.ts';

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

type QuestionnaireRow = Awaited<ReturnType<typeof repo.listQuestionnaires>>[number];
const toQuestionnaire = (q: QuestionnaireRow) => ({
  id: q.id,
  operator: q.operator_code,
  programme: q.programme_code,
  population: q.population,
  createdAt: q.created_at.toISOString(),
  versions: q.versions.map(toSummary),
});

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
      const { definition, draft } = c.req.valid('json');
      if (draft) {
        const actor = c.get('actor')!;
        return c.json({ problems: await service.draftProblems(db, actor, draft, definition) }, 200);
      }
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
            .map(toQuestionnaire),
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
      return c.json(toQuestionnaire(q), 200);
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
