import type { Db, Transaction } from '../db/open.ts';
import type { QuestionnaireDefinition } from '../domain/definition.ts';
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
import { checkDefinition, checkDraft, contentHash, isDraft } from './rules.ts';
import { findTemplate } from './templates.ts';
import {
  confirmTranslations,
  freshState,
  staleStrings,
  updateState,
  type TranslationState,
} from './translations.ts';

/** A definition as a request carries it: any object, until checkDraft has looked at it. */
type Definition = Record<string, unknown>;
type LocaleStatuses = Record<string, 'draft' | 'reviewed'>;

/**
 * A draft's definition must be an object naming an existing programme and population; returns
 * it as a definition. A draft may still be incomplete beyond that (the rules are checked on
 * submission), which every walker of a definition tolerates.
 */
async function checkDraftAgainstProgrammes(
  db: Db,
  definition: Definition,
  fixed?: { programme: string; population: string },
): Promise<QuestionnaireDefinition> {
  if (!isDraft(definition))
    throw ruleBroken('The questionnaire cannot be saved.', checkDraft(definition));
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
  return definition;
}

/** Bookkeeping for a definition arriving whole: listed locales reviewed unless the caller says. */
function arrivingState(
  definition: QuestionnaireDefinition,
  statuses: LocaleStatuses = {},
): TranslationState {
  const locales = Array.isArray(definition.locales) ? definition.locales : [];
  return freshState(
    definition,
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
  let def: QuestionnaireDefinition;
  let translations: TranslationState;
  if (body.template) {
    const template = await findTemplate(body.template);
    if (!template)
      throw ruleBroken('There is no such template.', [
        { path: 'template', message: `No template is called ${body.template}.` },
      ]);
    def = structuredClone(template.definition);
    translations = freshState(def, template.translationStatus);
  } else {
    if (!body.definition)
      throw ruleBroken('Give a definition or a template.', [
        { path: 'definition', message: 'Required.' },
      ]);
    def = await checkDraftAgainstProgrammes(db, body.definition);
    translations = arrivingState(def, body.translations?.locales);
  }
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

/** The version, locked until the transaction ends; 409 unless it is a draft. */
async function lockedDraft(trx: Transaction, actor: Actor, id: string, version: number) {
  const current = await versionInScope(trx, actor, id, version, true);
  if (current.status !== 'draft')
    throw conflict(
      `Version ${version} is ${current.status}; only drafts change. Start a new version.`,
      'not_a_draft',
    );
  return current;
}

/**
 * Replaces a draft's definition; translations of changed Chinese texts turn stale. Read, checked
 * and written in one transaction on the locked version, so a concurrent save or submission
 * either comes before or sees this one.
 */
export function saveDraft(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  body: { definition: Definition; translations?: { locales?: LocaleStatuses } },
) {
  return audited(db, actor, async (trx) => {
    const current = await lockedDraft(trx, actor, id, version);
    const draft = await checkDraftAgainstProgrammes(trx, body.definition, {
      programme: current.programme_code,
      population: current.population,
    });
    const carried = updateState(current.definition, current.translations, draft);
    const locales = Array.isArray(draft.locales) ? draft.locales : [];
    const translations: TranslationState = {
      ...carried,
      locales: Object.fromEntries(
        locales.map((l) => [
          l,
          body.translations?.locales?.[l] ?? current.translations.locales[l] ?? 'reviewed',
        ]),
      ),
    };
    await repo.updateDraft(trx, id, version, { definition: draft, translations });
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
export function updateTranslations(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  body: { locale: string; status?: 'draft' | 'reviewed'; confirm?: boolean; paths?: string[] },
) {
  return audited(db, actor, async (trx) => {
    const current = await versionInScope(trx, actor, id, version, true);
    if (current.status !== 'draft')
      throw conflict(`Version ${version} is ${current.status}; only drafts change.`, 'not_a_draft');
    if (!(body.locale in current.translations.locales) || body.locale === 'zh-HK') {
      throw ruleBroken('The questionnaire does not have this translation.', [
        { path: 'locale', message: `${body.locale} is not one of its translated languages.` },
      ]);
    }
    let translations = current.translations;
    if (body.confirm) {
      translations = confirmTranslations(current.definition, translations, {
        locale: body.locale,
        ...(body.paths ? { paths: body.paths } : {}),
      });
    }
    if (body.status)
      translations = {
        ...translations,
        locales: { ...translations.locales, [body.locale]: body.status },
      };
    await repo.updateDraft(trx, id, version, { definition: current.definition, translations });
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
  let definition = base.definition;
  let translations = base.translations;
  if (body.definition) {
    const draft = await checkDraftAgainstProgrammes(db, body.definition, {
      programme: base.programme_code,
      population: base.population,
    });
    translations = updateState(base.definition, base.translations, draft);
    const locales = Array.isArray(draft.locales) ? draft.locales : [];
    translations = {
      ...translations,
      locales: Object.fromEntries(
        locales.map((l) => [
          l,
          body.translations?.locales?.[l] ?? base.translations.locales[l] ?? 'reviewed',
        ]),
      ),
    };
    definition = draft;
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
  // Not even shaped like a draft: the rules say why, and there are no translations to judge.
  if (!isDraft(definition))
    return submissionProblems(db, { definition, translations: current.translations });
  const translations = updateState(current.definition, current.translations, definition);
  return submissionProblems(db, { definition, translations });
}

/** Every problem that stops a version from being submitted: broken rules and stale translations. */
export async function submissionProblems(
  db: Db,
  row: { definition: unknown; translations: TranslationState },
): Promise<ErrorDetail[]> {
  const details = checkDefinition(row.definition, await listProgrammes(db));
  const stale = isDraft(row.definition) ? staleStrings(row.definition, row.translations) : [];
  for (const { locale, path } of stale) {
    details.push(
      ruleDetail(
        `translations.${locale}.${path}`,
        `The ${locale} text at ${path} was translated from an older Chinese text: update it or confirm it still fits.`,
        'translationStale',
        { locale },
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

/**
 * Moves a version along its lifecycle, checking the state, the rules (on submit) and the content
 * hash (on approve) on the version as locked in the transaction that moves it: what is checked
 * is what is submitted or approved.
 */
export function transition(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  move: Transition,
  body: { reason?: string | null; contentHash?: string } = {},
) {
  return audited(db, actor, async (trx) => {
    const row = await versionInScope(trx, actor, id, version, true);
    if (row.status !== FROM[move]) {
      throw conflict(
        `Version ${version} is ${row.status}; only a ${FROM[move]} version can be ${TO[move]}.`,
        'wrong_status',
      );
    }
    if (move === 'submit') {
      const problems = await submissionProblems(trx, row);
      if (problems.length)
        throw ruleBroken(
          'The questionnaire breaks some rules; nothing was submitted.',
          problems,
          'rules_broken',
        );
    }
    if (move === 'approve' && body.contentHash && body.contentHash !== row.content_hash) {
      throw conflict(
        'The version is not the one you reviewed (its content hash differs).',
        'content_changed',
      );
    }
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
