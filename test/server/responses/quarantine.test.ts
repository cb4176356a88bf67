import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  MAX_PER_KIOSK_PER_MINUTE,
  MAX_WAITING_PER_KIOSK,
} from '../../../server/responses/quarantine.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

// The quarantine is reached with a kiosk code alone: it keeps only what a response could hold,
// a bounded number of entries per kiosk, and its list comes a page at a time.

let t: TestApp;
let operator: string;
let coordinator: Caller;
let questionnaire: { id: string; version: number };

beforeAll(async () => {
  t = await testApp();
  operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  questionnaire = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
});

const response = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  questionnaire,
  locale: 'zh-HK',
  answers: { cope: 'agree', comments: '很好' },
  completedAt: new Date().toISOString(),
  ...overrides,
});
// The kiosk submission's route declares no typed body (its schema is a $ref), so: untyped.
const submit = (code: string, body: unknown) =>
  t.call('POST', `/kiosk/${code}/responses`, { body });
/** A page of the quarantine, asked with a raw query string (bad ones included). */
const listRaw = (activityId: string, query = '') =>
  t.call('GET', `/activities/${activityId}/quarantine${query}`, { as: coordinator });
const list = (
  activityId: string,
  query: { limit?: string; after?: string; state?: 'waiting' | 'decided' } = {},
) =>
  answered(
    t.api(coordinator).activities[':id'].quarantine.$get({ param: { id: activityId }, query }),
    200,
  );

async function freshKiosk() {
  const a = await activity(t, coordinator, operator, [questionnaire]);
  return { activityId: a, code: await kiosk(t, coordinator, a) };
}

describe('what an entry keeps', () => {
  test('only the contract’s fields and answers to the version’s questions; the rest is named as left out', async () => {
    const { activityId, code } = await freshKiosk();
    const junk = 'x'.repeat(200_000);
    const body = response({
      junk,
      questionnaire: { ...questionnaire, extra: junk },
      answers: { cope: 'maybe', comments: '很好', [`q${'z'.repeat(90)}`]: junk, deep: { a: junk } },
    });
    const res = await submit(code, body);
    expect(res.status).toBe(422);
    expect(res.body.error.quarantined).toBe(true);
    const entry = (await list(activityId)).items[0]!;
    // The participant's answers to the version's questions are kept, the wrong one included.
    expect(entry.body).toEqual({
      id: body.id,
      questionnaire,
      locale: 'zh-HK',
      completedAt: body.completedAt,
      answers: { cope: 'maybe', comments: '很好' },
    });
    expect(entry.dropped!.count).toBe(4);
    expect(entry.dropped!.paths).toEqual(
      expect.arrayContaining(['junk', 'questionnaire.extra', 'answers.deep']),
    );
    expect(JSON.stringify(entry).length).toBeLessThan(5_000);
  });

  test('a version nobody knows: answers still kept, within a size', async () => {
    const { activityId, code } = await freshKiosk();
    const answers = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`q${i}`, 'y'.repeat(9_000)]),
    );
    const res = await submit(
      code,
      response({ questionnaire: { id: randomUUID(), version: 1 }, answers }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.quarantined).toBe(true);
    const entry = (await list(activityId)).items[0]!;
    const kept = Object.keys((entry.body as { answers: object }).answers).length;
    expect(kept).toBeGreaterThan(0);
    expect(JSON.stringify(entry.body).length).toBeLessThan(70_000);
    expect(entry.dropped!.count).toBe(100 - kept);
  });
});

describe('bounds per kiosk', () => {
  test(`${MAX_PER_KIOSK_PER_MINUTE} entries a minute; past it 429 with Retry-After, nothing kept, and the tablet keeps it`, async () => {
    const { activityId, code } = await freshKiosk();
    const bad = () => response({ answers: { cope: 'maybe' } });
    for (let i = 0; i < MAX_PER_KIOSK_PER_MINUTE; i++) {
      expect((await submit(code, bad())).status).toBe(422);
    }
    const kept = bad();
    const refused = await submit(code, kept);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.quarantined).toBeUndefined();
    // A good response still goes through; a repeat of a kept entry is still "quarantined".
    expect((await submit(code, response())).status).toBe(201);
    const rows = await t.db
      .selectFrom('quarantine')
      .select(['body'])
      .where('activity_id', '=', activityId)
      .execute();
    expect(rows).toHaveLength(MAX_PER_KIOSK_PER_MINUTE);
    expect(rows.some((r) => (r.body as { id: string }).id === kept.id)).toBe(false);
    // A minute later, the same submission is kept.
    await sql`update quarantine set received_at = now() - interval '2 minutes' where activity_id = ${activityId}`.execute(
      t.db,
    );
    const later = await submit(code, kept);
    expect(later.status).toBe(422);
    expect(later.body.error.quarantined).toBe(true);
  });

  test(`${MAX_WAITING_PER_KIOSK} entries waiting per kiosk; a repeat of one kept is still acknowledged`, async () => {
    const { activityId, code } = await freshKiosk();
    const first = response({ answers: { cope: 'maybe' } });
    expect((await submit(code, first)).status).toBe(422);
    const [kioskRow] = await t.db
      .selectFrom('quarantine')
      .select(['kiosk_id', 'operator_id'])
      .where('activity_id', '=', activityId)
      .execute();
    await t.db
      .insertInto('quarantine')
      .values(
        Array.from({ length: MAX_WAITING_PER_KIOSK - 1 }, (_, i) => ({
          activity_id: activityId,
          operator_id: kioskRow!.operator_id,
          kiosk_id: kioskRow!.kiosk_id,
          response_id: null,
          body: '{}',
          body_hash: `filler-${i}`,
          status: 422,
          reason: JSON.stringify({ code: 'x', message: 'x' }),
          received_at: new Date(Date.now() - 3600_000),
        })),
      )
      .execute();
    const full = await submit(code, response({ answers: { cope: 'maybe' } }));
    expect(full.status).toBe(429);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
    const again = await submit(code, first);
    expect(again.status).toBe(422);
    expect(again.body.error.quarantined).toBe(true);
  });
});

describe('the list, a page at a time', () => {
  test('pages follow each other with no entry repeated or missed; waiting or decided', async () => {
    const { activityId, code } = await freshKiosk();
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const body = response({ answers: { cope: 'maybe' } });
      ids.push(body.id);
      expect((await submit(code, body)).status).toBe(422);
    }
    const seen: (string | null)[] = [];
    let next: string | null = null;
    do {
      const page = await list(activityId, { limit: '2', ...(next ? { after: next } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.responseId));
      next = page.next;
    } while (next);
    expect(seen).toEqual(ids);
    expect((await list(activityId)).items).toHaveLength(5);
    const [one] = (await list(activityId, { limit: '1' })).items;
    await answered(
      t.api(coordinator).quarantine[':id'].discard.$post({
        param: { id: one!.id },
        json: { reason: 'Training.' },
      }),
      204,
    );
    expect((await list(activityId, { state: 'waiting' })).items).toHaveLength(4);
    expect((await list(activityId, { state: 'decided' })).items).toHaveLength(1);
  });

  test('bad, blank or unknown query values are 422 naming the parameter', async () => {
    const { activityId } = await freshKiosk();
    for (const query of [
      '?limit=',
      '?limit=%20',
      '?limit=0',
      '?limit=101',
      '?limit=two',
      '?state=',
      '?state=open',
      '?after=',
      '?after=%20',
      '?after=bm90LWEtY3Vyc29y',
      '?limit=1&limit=2',
    ]) {
      const res = await listRaw(activityId, query);
      expect(res.status, query).toBe(422);
      const name = query.slice(1).split('=')[0]!;
      expect(JSON.stringify(res.body.error.details), query).toContain(name);
    }
    const unknown = await listRaw(activityId, '?page=2');
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error)).toContain('page');
  });
});

describe('one strict submission schema for the kiosk and paper entry', () => {
  test('an unknown top-level field is 422 on both routes (the kiosk keeps the answers in quarantine)', async () => {
    const { activityId, code } = await freshKiosk();
    const kioskRes = await submit(code, response({ extra: 1 }));
    expect(kioskRes.status).toBe(422);
    expect(kioskRes.body.error.quarantined).toBe(true);
    expect(JSON.stringify(kioskRes.body.error.details)).toContain('extra');
    // A field the types forbid.
    const paper = await t.call('POST', `/activities/${activityId}/responses`, {
      as: coordinator,
      body: response({ extra: 1 }),
    });
    expect(paper.status).toBe(422);
    expect(JSON.stringify(paper.body.error.details)).toContain('extra');
    const stored = await t.db
      .selectFrom('responses')
      .select('id')
      .where('activity_id', '=', activityId)
      .execute();
    expect(stored).toHaveLength(0);
  });

  test.each(['__proto__', 'constructor', 'prototype'])(
    'answers.%s is 422 naming it, on both routes, and nothing is stored',
    async (key) => {
      const { activityId, code } = await freshKiosk();
      const rawBody = JSON.stringify(response()).replace(
        '"answers":{',
        `"answers":{"${key}":"agree",`,
      );
      for (const [path, as] of [
        [`/kiosk/${code}/responses`, undefined],
        [`/activities/${activityId}/responses`, coordinator],
      ] as const) {
        const res = await t.call('POST', path, { rawBody, ...(as ? { as } : {}) });
        expect(res.status, path).toBe(422);
        expect(res.body.error.details, path).toEqual([
          expect.objectContaining({ path: `answers.${key}` }),
        ]);
      }
      const stored = await t.db
        .selectFrom('responses')
        .select('id')
        .where('activity_id', '=', activityId)
        .execute();
      expect(stored).toHaveLength(0);
    },
  );
});
