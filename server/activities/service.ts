import type { Db } from '../db/open.ts';
import { audited } from '../audit/repository.ts';
import { notFound, ruleBroken, type ErrorDetail } from '../errors.ts';
import { scopeOf, type Actor } from '../http/context.ts';
import { Uuid } from '../http/schemas.ts';
import { findProgramme } from '../programmes/repository.ts';
import { findActivity, findUnit, findVersions, insertActivity } from './repository.ts';

export interface NewActivity {
  unit: string;
  kind: string;
  title: string;
  date: string;
  questionnaires: { id: string; version: number }[];
}

/**
 * Records an activity of one of the coordinator's units. Every listed version must be approved,
 * of the unit's programme, and of a population the activity's kind may use.
 */
export async function createActivity(db: Db, actor: Actor, body: NewActivity) {
  const scope = scopeOf(actor);
  const unit = await findUnit(db, scope, body.unit);
  if (!unit)
    throw ruleBroken('The unit does not exist.', [
      { path: 'unit', message: `You have no unit ${body.unit}.` },
    ]);
  const programme = (await findProgramme(db, unit.programme_code))!;
  const details: ErrorDetail[] = [];
  const kind = programme.activityKinds.find((k) => k.code === body.kind);
  if (!kind) {
    details.push({
      path: 'kind',
      message: `${programme.code} has no activity kind ${body.kind}; choose one of ${programme.activityKinds.map((k) => k.code).join(', ')}.`,
    });
  }
  const refs = body.questionnaires.filter((q) => Uuid.test(q.id));
  const versions = await findVersions(db, scope, refs);
  const seen = new Set<string>();
  body.questionnaires.forEach((ref, i) => {
    const at = `questionnaires.${i}`;
    const key = `${ref.id}/${ref.version}`;
    if (seen.has(key)) details.push({ path: at, message: 'This version is listed twice.' });
    seen.add(key);
    const v = versions.find((x) => x.questionnaire_id === ref.id && x.version === ref.version);
    if (!v)
      return details.push({
        path: at,
        message: `There is no version ${ref.version} of questionnaire ${ref.id}.`,
      });
    if (v.status !== 'approved')
      details.push({
        path: at,
        message: `Version ${ref.version} is ${v.status}; only approved versions can be used.`,
      });
    if (v.programme_code !== unit.programme_code)
      details.push({
        path: at,
        message: `The questionnaire is for ${v.programme_code}, the unit runs ${unit.programme_code}.`,
      });
    else if (kind && !kind.populations.includes(v.population)) {
      details.push({
        path: at,
        message: `A ${kind.code} activity cannot use a questionnaire for ${v.population}.`,
      });
    }
  });
  if (details.length) throw ruleBroken('The activity cannot be recorded.', details);
  return audited(db, actor, async (trx) => {
    const id = await insertActivity(
      trx,
      {
        operatorId: unit.operator_id,
        unitId: unit.id,
        kind: body.kind,
        title: body.title,
        date: body.date,
        createdBy: actor.userId,
      },
      body.questionnaires,
    );
    return {
      result: id,
      event: {
        action: 'activity_created',
        targetType: 'activity',
        targetId: id,
        operatorId: unit.operator_id,
      },
    };
  });
}

/** The activity if it is the caller's operator's, else 404 (malformed ids too). */
export async function activityInScope(db: Db, actor: Actor, id: string) {
  const activity = Uuid.test(id) ? await findActivity(db, scopeOf(actor), id) : undefined;
  if (!activity) throw notFound('The activity');
  return activity;
}
