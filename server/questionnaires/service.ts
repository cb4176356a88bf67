import type { Db } from '../db/open.ts';
import { audited } from '../audit/repository.ts';
import {
  conflict,
  forbidden,
  notFound,
  ruleBroken,
  ruleDetail,
  type ErrorDetail,
} from '../errors.ts';
import { scopeOf, type Actor } from '../http/context.ts';
import { Uuid } from '../http/schemas.ts';
import { findOperatorId } from '../operators/repository.ts';
import { listProgrammes } from '../programmes/repository.ts';
import * as repo from './repository.ts';
import { checkDefinition, checkDraft, contentHash } from './rules.ts';
import { findTemplate } from './templates.ts';
import {
  confirmTranslations,
  freshState,
  staleStrings,
  updateState,
  type TranslationState,
} from './translations.ts';

type Definition = Record<string, unknown>;
type LocaleStatuses = Record<string, 'draft' | 'reviewed'>;

/** A draft's definition must be an object naming an existing programme and population. */
async function checkDraftAgainstProgrammes(
  db: Db,
  definition: Definition,
  fixed?: { programme: string; population: string },
) {
  const details: ErrorDetail[] = checkDraft(definition);
  if (details.length) throw ruleBroken('The questionnaire cannot be saved.', details);
  const programme = (await listProgrammes(db)).find((p) => p.code === definition.programme);
  if (!programme) {
    throw ruleBroken('The questionnaire cannot be saved.', [
      { path: 'programme', message: `There is no programme ${String(definition.programme)}.` },
    ]);
  }
  if (!programme.populations.some((p) => p.code === definition.population)) {
    throw ruleBroken('The questionnaire cannot be saved.', [
      {
        path: 'population',
        message: `${programme.code} has no population ${String(definition.population)}.`,
      },
    ]);
  }
  if (
    fixed &&
    (fixed.programme !== definition.programme || fixed.population !== definition.population)
  ) {
    throw ruleBroken('A new version keeps its questionnaire’s programme and population.', [
      {
        path: 'population',
        message: `This questionnaire is for ${fixed.programme} / ${fixed.population}: start a new questionnaire for another population.`,
      },
    ]);
  }
}

/** Bookkeeping for a definition arriving whole: listed locales reviewed unless the caller says. */
function arrivingState(definition: Definition, statuses: LocaleStatuses = {}): TranslationState {
  const locales = Array.isArray(definition.locales) ? (definition.locales as string[]) : [];
  return freshState(
    definition as never,
    Object.fromEntries(locales.map((l) => [l, statuses[l] ?? 'reviewed'])),
  );
}

async function operatorFor(db: Db, actor: Actor, named: string | null | undefined) {
  if (actor.role === 'coordinator') {
    if (named && named !== actor.operatorCode)
      throw forbidden('Coordinators create questionnaires for their own operator only.');
    return actor.operatorId!;
  }
  if (!named)
    throw ruleBroken('Name the operator.', [
      { path: 'operator', message: 'Say which operator this questionnaire belongs to.' },
    ]);
  const id = await findOperatorId(db, named);
  if (!id)
    throw ruleBroken('The operator does not exist.', [
      { path: 'operator', message: `No operator has the code ${named}.` },
    ]);
  return id;
}

/** Creates a questionnaire (version 1, a draft) from a definition or a template. */
export async function createQuestionnaire(
  db: Db,
  actor: Actor,
  body: {
    operator?: string | null;
    definition?: Definition;
    template?: string;
    translations?: { locales?: LocaleStatuses };
  },
) {
  const operatorId = await operatorFor(db, actor, body.operator);
  let definition = body.definition;
  let translations: TranslationState;
  if (body.template) {
    const template = await findTemplate(body.template);
    if (!template)
      throw ruleBroken('There is no such template.', [
        { path: 'template', message: `No template is called ${body.template}.` },
      ]);
    definition = structuredClone(template.definition);
    translations = freshState(definition as never, template.translationStatus);
  } else {
    if (!definition)
      throw ruleBroken('Give a definition or a template.', [
        { path: 'definition', message: 'Required.' },
      ]);
    await checkDraftAgainstProgrammes(db, definition);
    translations = arrivingState(definition, body.translations?.locales);
  }
  const def = definition;
  return audited(db, actor, async (trx) => {
    const id = await repo.insertQuestionnaire(trx, {
      operatorId,
      programme: String(def.programme),
      population: String(def.population),
      createdBy: actor.userId,
    });
    await repo.insertDraft(trx, {
      questionnaireId: id,
      version: 1,
      definition: def,
      translations,
      createdBy: actor.userId,
    });
    return {
      result: { id, version: 1, status: 'draft' as const },
      event: {
        action: 'questionnaire_created',
        targetType: 'questionnaire',
        targetId: id,
        operatorId,
        details: body.template ? { template: body.template } : {},
      },
    };
  });
}

/** Finds a version in the caller's scope, or 404 (also for malformed ids and other operators). */
export async function versionInScope(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  forUpdate = false,
) {
  const row = Uuid.test(id)
    ? await repo.findVersion(db, scopeOf(actor), id, version, forUpdate)
    : undefined;
  if (!row) throw notFound('The questionnaire version');
  return row;
}

/** Replaces a draft's definition; translations of changed Chinese texts turn stale. */
export async function saveDraft(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  body: { definition: Definition; translations?: { locales?: LocaleStatuses } },
) {
  const current = await versionInScope(db, actor, id, version);
  if (current.status !== 'draft')
    throw conflict(
      `Version ${version} is ${current.status}; only drafts change. Start a new version.`,
      'not_a_draft',
    );
  await checkDraftAgainstProgrammes(db, body.definition, {
    programme: current.programme_code,
    population: current.population,
  });
  const carried = updateState(
    current.definition as never,
    current.translations,
    body.definition as never,
  );
  const locales = Array.isArray(body.definition.locales)
    ? (body.definition.locales as string[])
    : [];
  const translations: TranslationState = {
    ...carried,
    locales: Object.fromEntries(
      locales.map((l) => [
        l,
        body.translations?.locales?.[l] ?? current.translations.locales[l] ?? 'reviewed',
      ]),
    ),
  };
  await audited(db, actor, async (trx) => {
    if (
      !(await repo.updateDraft(trx, id, version, { definition: body.definition, translations }))
    ) {
      throw conflict(`Version ${version} is no longer a draft.`, 'not_a_draft');
    }
    return {
      result: null,
      event: {
        action: 'questionnaire_draft_saved',
        targetType: 'questionnaire_version',
        targetId: `${id}/${version}`,
        operatorId: current.operator_id,
      },
    };
  });
}

/** Sets a locale's status, or confirms its strings as translated from the current Chinese. */
export async function updateTranslations(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  body: { locale: string; status?: 'draft' | 'reviewed'; confirm?: boolean; paths?: string[] },
) {
  const current = await versionInScope(db, actor, id, version);
  if (current.status !== 'draft')
    throw conflict(`Version ${version} is ${current.status}; only drafts change.`, 'not_a_draft');
  if (!(body.locale in current.translations.locales) || body.locale === 'zh-HK') {
    throw ruleBroken('The questionnaire does not have this translation.', [
      { path: 'locale', message: `${body.locale} is not one of its translated languages.` },
    ]);
  }
  let translations = current.translations;
  if (body.confirm) {
    translations = confirmTranslations(current.definition as never, translations, {
      locale: body.locale,
      ...(body.paths ? { paths: body.paths } : {}),
    });
  }
  if (body.status)
    translations = {
      ...translations,
      locales: { ...translations.locales, [body.locale]: body.status },
    };
  await audited(db, actor, async (trx) => {
    if (
      !(await repo.updateDraft(trx, id, version, { definition: current.definition, translations }))
    ) {
      throw conflict(`Version ${version} is no longer a draft.`, 'not_a_draft');
    }
    return {
      result: null,
      event: {
        action: 'translations_updated',
        targetType: 'questionnaire_version',
        targetId: `${id}/${version}`,
        operatorId: current.operator_id,
        details: body,
      },
    };
  });
}

/** Starts a new draft: a copy of the highest version, or the given definition. */
export async function newVersion(
  db: Db,
  actor: Actor,
  id: string,
  body: { definition?: Definition; translations?: { locales?: LocaleStatuses } },
) {
  const highest = Uuid.test(id) ? await repo.highestVersion(db, id) : undefined;
  const base = highest
    ? await repo.findVersion(db, scopeOf(actor), id, highest.version)
    : undefined;
  if (!highest || !base) throw notFound('The questionnaire');
  if (base.status === 'draft')
    throw conflict('This questionnaire already has a draft: change that one.', 'draft_exists');
  let definition: Definition = base.definition;
  let translations = base.translations;
  if (body.definition) {
    await checkDraftAgainstProgrammes(db, body.definition, {
      programme: base.programme_code,
      population: base.population,
    });
    translations = updateState(
      base.definition as never,
      base.translations,
      body.definition as never,
    );
    const locales = Array.isArray(body.definition.locales)
      ? (body.definition.locales as string[])
      : [];
    translations = {
      ...translations,
      locales: Object.fromEntries(
        locales.map((l) => [
          l,
          body.translations?.locales?.[l] ?? base.translations.locales[l] ?? 'reviewed',
        ]),
      ),
    };
    definition = body.definition;
  }
  const version = highest.version + 1;
  return audited(db, actor, async (trx) => {
    await repo.insertDraft(trx, {
      questionnaireId: id,
      version,
      definition,
      translations,
      createdBy: actor.userId,
    });
    return {
      result: { id, version, status: 'draft' as const },
      event: {
        action: 'questionnaire_version_created',
        targetType: 'questionnaire_version',
        targetId: `${id}/${version}`,
        operatorId: base.operator_id,
      },
    };
  });
}

/**
 * The problems a draft would have if `definition` were saved over it now: the rules, and the
 * translations saving would leave stale (the same bookkeeping as saveDraft). The designer's live
 * check, so that it and submit agree.
 */
export async function draftProblems(
  db: Db,
  actor: Actor,
  draft: { id: string; version: number },
  definition: Definition,
): Promise<ErrorDetail[]> {
  const current = await versionInScope(db, actor, draft.id, draft.version);
  const translations = updateState(
    current.definition as never,
    current.translations,
    definition as never,
  );
  return submissionProblems(db, { definition, translations } as never);
}

/** Every problem that stops a version from being submitted: broken rules and stale translations. */
export async function submissionProblems(
  db: Db,
  row: Pick<repo.VersionRow, 'definition' | 'translations'>,
): Promise<ErrorDetail[]> {
  const details = checkDefinition(row.definition, await listProgrammes(db));
  for (const stale of staleStrings(row.definition as never, row.translations)) {
    details.push(
      ruleDetail(
        `translations.${stale.locale}.${stale.path}`,
        `The ${stale.locale} text at ${stale.path} was translated from an older Chinese text: update it or confirm it still fits.`,
        'translationStale',
        { locale: stale.locale },
      ),
    );
  }
  return details;
}

type Transition = 'submit' | 'approve' | 'reject' | 'retire';
const FROM: Record<Transition, string> = {
  submit: 'draft',
  approve: 'submitted',
  reject: 'submitted',
  retire: 'approved',
};
const TO = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  retire: 'retired',
} as const;

/** Moves a version along its lifecycle, checking the state, the rules (on submit) and auditing. */
export async function transition(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  move: Transition,
  body: { reason?: string | null; contentHash?: string } = {},
) {
  const seen = await versionInScope(db, actor, id, version);
  if (seen.status !== FROM[move]) {
    throw conflict(
      `Version ${version} is ${seen.status}; only a ${FROM[move]} version can be ${TO[move]}.`,
      'wrong_status',
    );
  }
  if (move === 'submit') {
    const problems = await submissionProblems(db, seen);
    if (problems.length)
      throw ruleBroken(
        'The questionnaire breaks some rules; nothing was submitted.',
        problems,
        'rules_broken',
      );
  }
  if (move === 'approve' && body.contentHash && body.contentHash !== seen.content_hash) {
    throw conflict(
      'The version is not the one you reviewed (its content hash differs).',
      'content_changed',
    );
  }
  return audited(db, actor, async (trx) => {
    const row = await versionInScope(trx, actor, id, version, true);
    if (row.status !== FROM[move])
      throw conflict(`Version ${version} is ${row.status} now.`, 'wrong_status');
    await repo.setStatus(trx, id, version, {
      status: TO[move],
      by: actor.userId,
      ...(move === 'submit' ? { contentHash: contentHash(row.definition) } : {}),
      reason: body.reason ?? null,
    });
    return {
      result: { id, version, status: TO[move] },
      event: {
        action: `questionnaire_${TO[move]}`,
        targetType: 'questionnaire_version',
        targetId: `${id}/${version}`,
        operatorId: row.operator_id,
        details: {
          contentHash: row.content_hash ?? contentHash(row.definition),
          ...(body.reason ? { reason: body.reason } : {}),
        },
      },
    };
  });
}
