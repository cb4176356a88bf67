import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { ResponseSubmission } from '../../../server/responses/service.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import {
  activity,
  approvedQuestionnaire,
  kiosk,
  serviceUsersDefinition,
} from '../../support/factories.ts';

// Two people acting on the same thing at once. Each service that checks and then writes does
// both in one transaction, on the row it locked, so whichever comes second sees the first.
// Each case is fired many times with Promise.all: on PGlite the dialect serialises transactions
// but requests still interleave between them, and on PostgreSQL they run side by side.

const ROUNDS = 12;

/**
 * The moment between a service's checks and the transaction that writes, made long enough for
 * another request to act in: once armed, the next call of `audited` (which opens a write's
 * transaction) waits until released.
 */
const pause = vi.hoisted(() => {
  let armed = false;
  let reach = () => {};
  let release = () => {};
  let reached = Promise.resolve();
  let released = Promise.resolve();
  return {
    arm() {
      armed = true;
      reached = new Promise((resolve) => (reach = resolve));
      released = new Promise((resolve) => (release = resolve));
    },
    get reached() {
      return reached;
    },
    release: () => release(),
    async wait() {
      if (!armed) return;
      armed = false;
      reach();
      await released;
    },
  };
});

vi.mock('../../../server/audit/repository.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/audit/repository.ts')>();
  return {
    ...real,
    audited: async (...args: Parameters<typeof real.audited>) => {
      await pause.wait();
      return real.audited(...args);
    },
  };
});

let t: TestApp;
let operator: string;
let coordinator: Caller;
let colleague: Caller;
let swd: Caller;
let questionnaire: { id: string; version: number };

beforeAll(async () => {
  t = await testApp();
  operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  colleague = await t.user('coordinator', operator);
  swd = await t.user('swd');
  questionnaire = await approvedQuestionnaire(t, coordinator, swd);
});

/** A submission that fits, completed long before its kiosk opened (refused with 410). */
const early = (): ResponseSubmission => ({
  id: randomUUID(),
  questionnaire,
  locale: 'zh-HK',
  answers: { cope: 'agree', cope_more: 'agree', family: 'disagree' },
  completedAt: new Date(Date.now() - 3600_000).toISOString(),
});

// The kiosk route does not declare its body to the typed client: sent through t.call.
const submit = (code: string, body: ResponseSubmission) =>
  t.call('POST', `/kiosk/${code}/responses`, { body });

const closeKiosk = (code: string) =>
  t.api(coordinator).kiosk[':code'].close.$post({ param: { code } });

const accept = (id: string) => t.api(coordinator).quarantine[':id'].accept.$post({ param: { id } });

const discard = (id: string) =>
  t.api(colleague).quarantine[':id'].discard.$post({
    param: { id },
    json: { reason: 'A test entry.' },
  });

const version = (as: Caller) => t.api(as).questionnaires[':id'].versions[':v'];

describe('a quarantined submission accepted and discarded at once', () => {
  test('exactly one decision wins; a counted response is never marked discarded', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const code = await kiosk(t, coordinator, a);
    await answered(closeKiosk(code), 204);
    for (let round = 0; round < ROUNDS; round++) {
      // Completed long before the kiosk opened: refused (410) and quarantined; it fits otherwise.
      const body = early();
      expect((await submit(code, body)).status).toBe(410);
      const list = await answered(
        t.api(coordinator).activities[':id'].quarantine.$get({
          param: { id: a },
          query: { state: 'waiting' },
        }),
        200,
      );
      const entry = list.items.find((e) => e.responseId === body.id)!;
      const [accepted, discarded] = await Promise.all([accept(entry.id), discard(entry.id)]);
      // One decision is taken, the other finds it taken (409).
      expect([accepted.status, discarded.status], `round ${round}`).toSatisfy(
        ([accepted, discarded]: number[]) =>
          (accepted === 200 && discarded === 409) || (accepted === 409 && discarded === 204),
      );
      const stored = await t.db
        .selectFrom('responses')
        .select('id')
        .where('id', '=', body.id)
        .execute();
      const decided = await t.db
        .selectFrom('quarantine')
        .select('resolution')
        .where('id', '=', entry.id)
        .executeTakeFirstOrThrow();
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', entry.id)
        .execute();
      if (accepted.status === 200) {
        expect(decided.resolution, `round ${round}`).toBe('accepted');
        expect(stored).toHaveLength(1);
        expect(audit.map((e) => e.action)).toEqual(['quarantine_accepted']);
      } else {
        expect(decided.resolution, `round ${round}`).toBe('discarded');
        expect(stored).toHaveLength(0);
        expect(audit.map((e) => e.action)).toEqual(['quarantine_discarded']);
      }
    }
  });
});

describe('a quarantined submission discarded while it is being accepted', () => {
  test('the acceptance finds it decided; nothing is stored', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const code = await kiosk(t, coordinator, a);
    await answered(closeKiosk(code), 204);
    const body = early();
    expect((await submit(code, body)).status).toBe(410);
    const list = await answered(
      t.api(coordinator).activities[':id'].quarantine.$get({ param: { id: a }, query: {} }),
      200,
    );
    const entry = list.items[0]!;
    // The acceptance pauses before its transaction; the discard runs whole meanwhile.
    pause.arm();
    const accepting = accept(entry.id);
    await pause.reached;
    const discarded = await discard(entry.id);
    pause.release();
    const accepted = await accepting;
    expect([accepted.status, discarded.status]).toEqual([409, 204]);
    const stored = await t.db
      .selectFrom('responses')
      .select('id')
      .where('id', '=', body.id)
      .execute();
    expect(stored).toEqual([]);
  });
});

describe('a draft submitted while it is being saved', () => {
  test('the rules are checked on the content that is submitted', async () => {
    const broken = serviceUsersDefinition();
    // Saved as a draft (drafts may break rules) but not submittable: no outcome item left.
    broken.survey.pages[0]!.elements = broken.survey.pages[0]!.elements.filter(
      (e) => e.type !== 'likert',
    );
    for (let round = 0; round < 3; round++) {
      const { id } = await answered(
        t.api(coordinator).questionnaires.$post({
          json: { definition: serviceUsersDefinition() },
        }),
        201,
      );
      const param = { id, v: '1' };
      // The submission pauses before its transaction; the save runs whole meanwhile.
      pause.arm();
      const submitting = version(coordinator).submit.$post({ param });
      await pause.reached;
      const save = await version(colleague).$put({ param, json: { definition: broken } });
      pause.release();
      const submit = await submitting;
      // Saved first: the submission sees the broken draft (422). Submitted first: the save
      // finds no draft (409). Never both.
      expect([submit.status, save.status], `round ${round}`).not.toEqual([200, 200]);
      const stored = await answered(version(swd).$get({ param }), 200);
      if (stored.status === 'submitted') {
        // The definition is typed as any JSON object; this one is serviceUsersDefinition's shape.
        const { survey } = stored.definition as ReturnType<typeof serviceUsersDefinition>;
        expect(survey.pages[0]!.elements.some((e) => e.type === 'likert')).toBe(true);
      }
    }
  });
});
