import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Selectable } from 'kysely';
import type { ResponsesTable } from '../../../server/db/schema.ts';
import { answered, testApp, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

// A stored response's references are checked once per statement, by triggers, instead of by
// per-row foreign keys (migrations/2026_11_25_1500_statement_level_references.ts). Whatever
// writes the rows, the database refuses what a foreign key would have refused, with its SQLSTATE.

let t: TestApp;
let stored: Selectable<ResponsesTable>;
let otherKiosk: string;
let draftVersion: number;

beforeAll(async () => {
  t = await testApp();
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const questionnaire = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
  const draft = await answered(
    t.api(coordinator).questionnaires[':id'].versions.$post({
      param: { id: questionnaire.id },
      json: {},
    }),
    201,
  );
  draftVersion = draft.version;
  const first = await activity(t, coordinator, operator, [questionnaire]);
  const code = await kiosk(t, coordinator, first);
  // The kiosk submission's route declares no typed body (its schema is a $ref), so: untyped.
  const submitted = await t.call('POST', `/kiosk/${code}/responses`, {
    body: {
      id: randomUUID(),
      questionnaire,
      locale: 'zh-HK',
      answers: { cope: 'agree', family: 'disagree' },
      completedAt: new Date().toISOString(),
    },
  });
  expect(submitted.status, submitted.text).toBe(201);
  stored = await t.db.selectFrom('responses').selectAll().executeTakeFirstOrThrow();
  const second = await activity(t, coordinator, operator, [questionnaire]);
  await kiosk(t, coordinator, second);
  otherKiosk = (
    await t.db
      .selectFrom('kiosks')
      .select('id')
      .where('activity_id', '=', second)
      .executeTakeFirstOrThrow()
  ).id;
});

/** A copy of the stored response under a new id, with some columns changed. */
const copy = (changes: Record<string, unknown> = {}) => ({
  ...stored,
  id: randomUUID(),
  voided_at: null,
  ...changes,
});

/** What the database answered: its SQLSTATE and the constraint it names. */
async function refusal(write: Promise<unknown>) {
  const error = (await write.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; constraint?: string; message?: string } | null;
  expect(error, 'the database took the write').not.toBeNull();
  return { code: error!.code, constraint: error!.constraint };
}

const countResponses = async () =>
  (
    await t.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('inserting responses', () => {
  test.each([
    ['an activity that does not exist', { activity_id: randomUUID() }, 'responses_activity_fk'],
    ['another unit than its activity’s', { unit_id: randomUUID() }, 'responses_activity_fk'],
    ['a questionnaire version that does not exist', { version: 99 }, 'responses_version_fk'],
    ['a kiosk that does not exist', { kiosk_id: randomUUID() }, 'responses_kiosk_id_fkey'],
  ])('%s is refused as a foreign key would be', async (_, changes, constraint) => {
    const before = await countResponses();
    const write = t.db
      .insertInto('responses')
      .values(copy(changes) as never)
      .execute();
    expect(await refusal(write)).toEqual({ code: '23503', constraint });
    expect(await countResponses()).toBe(before);
  });

  test('a kiosk of another activity is refused (a foreign key only held that it existed)', async () => {
    const write = t.db
      .insertInto('responses')
      .values(copy({ kiosk_id: otherKiosk }) as never)
      .execute();
    expect(await refusal(write)).toEqual({
      code: '23503',
      constraint: 'responses_kiosk_id_fkey',
    });
  });

  test('a draft version is refused (drafts can be deleted; what a response answers cannot)', async () => {
    const write = t.db
      .insertInto('responses')
      .values(copy({ version: draftVersion }) as never)
      .execute();
    expect(await refusal(write)).toEqual({ code: '23503', constraint: 'responses_version_fk' });
  });

  test('one bad row refuses its whole statement; good rows alone are stored', async () => {
    const before = await countResponses();
    const good = copy();
    const write = t.db
      .insertInto('responses')
      .values([good, copy({ version: 99 })] as never)
      .execute();
    expect((await refusal(write)).code).toBe('23503');
    expect(await countResponses()).toBe(before);
    await t.db
      .insertInto('responses')
      .values([good, copy(), copy({ kiosk_id: null })] as never)
      .execute();
    expect(await countResponses()).toBe(before + 3);
  });
});

describe('verdicts', () => {
  const verdict = (responseId: string) => ({
    response_id: responseId,
    standard: 1,
    programme_code: 'SPEAR',
    operator_id: stored.operator_id,
    unit_id: stored.unit_id,
    fiscal_year: 2026,
    quarter: 1,
    verdict: 'agreed' as const,
  });

  test('a verdict of a response that does not exist is refused', async () => {
    const write = t.db.insertInto('outcome_verdicts').values(verdict(randomUUID())).execute();
    expect(await refusal(write)).toEqual({
      code: '23503',
      constraint: 'outcome_verdicts_response_id_fkey',
    });
  });

  test('a response goes only after its verdicts', async () => {
    const response = copy();
    await t.db
      .insertInto('responses')
      .values(response as never)
      .execute();
    await t.db.insertInto('outcome_verdicts').values(verdict(response.id)).execute();
    const early = t.db.deleteFrom('responses').where('id', '=', response.id).execute();
    expect(await refusal(early)).toEqual({
      code: '23503',
      constraint: 'outcome_verdicts_response_id_fkey',
    });
    await t.db.deleteFrom('outcome_verdicts').where('response_id', '=', response.id).execute();
    await t.db.deleteFrom('responses').where('id', '=', response.id).execute();
    expect(
      await t.db.selectFrom('responses').where('id', '=', response.id).select('id').execute(),
    ).toEqual([]);
  });
});

describe('what responses refer to stays as it is', () => {
  test('activities and kiosks are never deleted', async () => {
    for (const [table, id] of [
      ['activities', stored.activity_id],
      ['kiosks', stored.kiosk_id],
    ] as const) {
      const write = t.db.deleteFrom(table).where('id', '=', id).execute();
      expect((await refusal(write)).code).toBe('23503');
    }
  });

  test('an activity’s unit, a kiosk’s activity, a response’s references and a verdict’s response never change', async () => {
    const writes = [
      t.db
        .updateTable('activities')
        .set({ unit_id: randomUUID() })
        .where('id', '=', stored.activity_id),
      t.db
        .updateTable('kiosks')
        .set({ activity_id: randomUUID() })
        .where('id', '=', stored.kiosk_id),
      t.db.updateTable('responses').set({ version: 2 }).where('id', '=', stored.id),
      t.db
        .updateTable('outcome_verdicts')
        .set({ response_id: randomUUID() })
        .where('response_id', '=', stored.id),
    ];
    for (const write of writes) expect((await refusal(write.execute())).code).toBe('23503');
  });

  test('voiding a response, and closing a kiosk, still work', async () => {
    const voided = await t.db
      .updateTable('responses')
      .set({ voided_at: new Date(), void_reason: 'test' })
      .where('id', '=', stored.id)
      .executeTakeFirst();
    const closed = await t.db
      .updateTable('kiosks')
      .set({ closed_at: new Date() })
      .where('id', '=', stored.kiosk_id)
      .executeTakeFirst();
    expect([voided.numUpdatedRows, closed.numUpdatedRows]).toEqual([1n, 1n]);
    const response = await t.db
      .selectFrom('responses')
      .select(['voided_at', 'void_reason'])
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(response.void_reason).toBe('test');
    expect(response.voided_at).toBeInstanceOf(Date);
    const kiosk = await t.db
      .selectFrom('kiosks')
      .select('closed_at')
      .where('id', '=', stored.kiosk_id)
      .executeTakeFirstOrThrow();
    expect(kiosk.closed_at).toBeInstanceOf(Date);
  });
});
