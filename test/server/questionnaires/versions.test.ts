import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';

let t: TestApp;
let operator: string;
let coordinator: Caller;
let stranger: Caller;
let swd: Caller;
let admin: Caller;

beforeAll(async () => {
  t = await testApp();
  operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  stranger = await t.user('coordinator', await t.operator());
  swd = await t.user('swd');
  admin = await t.user('admin');
});

const text = (zh: string, en: string) => ({ 'zh-HK': zh, en });

/** A valid public-education questionnaire measuring standard 5 with one item. */
function validDefinition(title = '教育活動問卷') {
  return {
    programme: 'SPEAR',
    population: 'public_education',
    locales: ['zh-HK', 'en'],
    survey: {
      title: text(title, 'Education activity questionnaire'),
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'likert',
              name: 'understanding',
              outcomeStandard: 5,
              title: text(
                '活動加深了我對親密伴侶暴力的認識。',
                'The activity improved my understanding of intimate partner violence.',
              ),
            },
            { type: 'comment', name: 'comments', title: text('其他意見', 'Other comments') },
          ],
        },
      ],
    },
  };
}

async function createDraft(definition: object = validDefinition(), as = coordinator) {
  const res = await t.call('POST', '/questionnaires', { as, body: { definition } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

describe('the lifecycle', () => {
  test('a definition breaking several rules is refused at submission with all of them listed', async () => {
    const broken = {
      programme: 'SPEAR',
      population: 'service_users',
      locales: ['zh-HK'],
      survey: {
        pages: [
          {
            elements: [
              { type: 'likert', name: 'q1', outcomeStandard: 1, title: text('一', 'One') },
              { type: 'text', name: 'q1', outcomeStandard: 3, title: 'plain' },
            ],
          },
        ],
      },
    };
    const id = await createDraft(broken);
    const res = await t.call('POST', `/questionnaires/${id}/versions/1/submit`, {
      as: coordinator,
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths.length).toBeGreaterThanOrEqual(5);
    expect(paths).toEqual(expect.arrayContaining(['locales']));
    expect(res.body.error.details.every((d: { message: string }) => d.message.length > 10)).toBe(
      true,
    );
    const after = await t.call('GET', `/questionnaires/${id}/versions/1`, { as: coordinator });
    expect(after.body.status).toBe('draft');
  });

  test('a valid one goes draft → submitted → approved; PUT afterwards is 409; SWD cannot edit', async () => {
    const id = await createDraft();
    const draft = await t.call('GET', `/questionnaires/${id}/versions/1`, { as: coordinator });
    expect(draft.body).toMatchObject({
      status: 'draft',
      problems: [],
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      (
        await t.call('PUT', `/questionnaires/${id}/versions/1`, {
          as: swd,
          body: { definition: validDefinition('改') },
        })
      ).status,
    ).toBe(403);
    const submitted = await t.call('POST', `/questionnaires/${id}/versions/1/submit`, {
      as: coordinator,
    });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(
      (
        await t.call('PUT', `/questionnaires/${id}/versions/1`, {
          as: coordinator,
          body: { definition: validDefinition('改') },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await t.call('POST', `/questionnaires/${id}/versions/1/approve`, {
          as: coordinator,
          body: {},
        })
      ).status,
    ).toBe(403);
    const seen = await t.call('GET', `/questionnaires/${id}/versions/1`, { as: swd });
    const approved = await t.call('POST', `/questionnaires/${id}/versions/1/approve`, {
      as: swd,
      body: { contentHash: seen.body.contentHash },
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe('approved');
    const put = await t.call('PUT', `/questionnaires/${id}/versions/1`, {
      as: coordinator,
      body: { definition: validDefinition('改') },
    });
    expect(put.status).toBe(409);
    expect(
      (
        await t.call('PUT', `/questionnaires/${id}/versions/1`, {
          as: swd,
          body: { definition: validDefinition('改') },
        })
      ).status,
    ).toBe(403);
    const after = await t.call('GET', `/questionnaires/${id}/versions/1`, { as: coordinator });
    expect(after.body.definition.survey.title['zh-HK']).toBe('教育活動問卷');
    expect(after.body.contentHash).toBe(seen.body.contentHash);
  });

  test('approving with a content hash other than the current one is 409', async () => {
    const id = await createDraft();
    await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator });
    const res = await t.call('POST', `/questionnaires/${id}/versions/1/approve`, {
      as: swd,
      body: { contentHash: '0'.repeat(64) },
    });
    expect(res.status).toBe(409);
  });

  test('rejecting needs a reason and is final; changes go into a new version', async () => {
    const id = await createDraft();
    await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator });
    expect(
      (
        await t.call('POST', `/questionnaires/${id}/versions/1/reject`, {
          as: swd,
          body: { reason: ' ' },
        })
      ).status,
    ).toBe(422);
    const rejected = await t.call('POST', `/questionnaires/${id}/versions/1/reject`, {
      as: swd,
      body: { reason: 'Item wording is leading.' },
    });
    expect(rejected.body.status).toBe('rejected');
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/approve`, { as: swd, body: {} }))
        .status,
    ).toBe(409);
    const next = await t.call('POST', `/questionnaires/${id}/versions`, {
      as: coordinator,
      body: {},
    });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ version: 2, status: 'draft' });
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions`, { as: coordinator, body: {} }))
        .status,
    ).toBe(409);
    const listed = await t.call('GET', `/questionnaires/${id}`, { as: coordinator });
    expect(listed.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'rejected',
      'draft',
    ]);
    expect(listed.body.versions[0].decisionReason).toBe('Item wording is leading.');
  });

  test('retiring: approved versions only, by its coordinator or SWD; the old one stays approved when a new one is', async () => {
    const id = await createDraft();
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/retire`, { as: coordinator })).status,
    ).toBe(409);
    await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator });
    await t.call('POST', `/questionnaires/${id}/versions/1/approve`, { as: swd, body: {} });
    await t.call('POST', `/questionnaires/${id}/versions`, { as: coordinator });
    await t.call('POST', `/questionnaires/${id}/versions/2/submit`, { as: coordinator });
    await t.call('POST', `/questionnaires/${id}/versions/2/approve`, { as: swd, body: {} });
    const both = await t.call('GET', `/questionnaires/${id}`, { as: coordinator });
    expect(both.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'approved',
      'approved',
    ]);
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/retire`, { as: stranger })).status,
    ).toBe(404);
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/retire`, { as: coordinator })).status,
    ).toBe(200);
    const v2 = await t.call('GET', `/questionnaires/${id}/versions/2`, { as: swd });
    expect(v2.body.previousApproved).toBe(1);
  });

  test('every transition is in the audit log with who and why', async () => {
    const id = await createDraft();
    await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator });
    await t.call('POST', `/questionnaires/${id}/versions/1/reject`, {
      as: swd,
      body: { reason: 'Not yet.' },
    });
    const audit = await t.call('GET', '/audit?limit=20', { as: admin });
    const mine = audit.body.items.filter((e: { targetId: string }) => e.targetId?.startsWith(id));
    expect(mine.map((e: { action: string }) => e.action)).toEqual([
      'questionnaire_rejected',
      'questionnaire_submitted',
      'questionnaire_created',
    ]);
    expect(mine[0]).toMatchObject({ actor: { id: swd.user!.id }, details: { reason: 'Not yet.' } });
  });
});

describe('tenancy', () => {
  test('a coordinator of another operator sees none of it', async () => {
    const id = await createDraft();
    expect((await t.call('GET', `/questionnaires/${id}`, { as: stranger })).status).toBe(404);
    expect((await t.call('GET', `/questionnaires/${id}/versions/1`, { as: stranger })).status).toBe(
      404,
    );
    expect(
      (
        await t.call('PUT', `/questionnaires/${id}/versions/1`, {
          as: stranger,
          body: { definition: validDefinition() },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: stranger })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/questionnaires/${id}/versions/1/export`, { as: stranger })).status,
    ).toBe(404);
    const list = await t.call('GET', '/questionnaires', { as: stranger });
    expect(list.body.items.map((q: { id: string }) => q.id)).not.toContain(id);
    expect(
      (await t.call('GET', '/questionnaires', { as: swd })).body.items.map(
        (q: { id: string }) => q.id,
      ),
    ).toContain(id);
  });

  test('a coordinator cannot create for another operator; an admin must name one', async () => {
    expect(
      (
        await t.call('POST', '/questionnaires', {
          as: stranger,
          body: { operator, definition: validDefinition() },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('POST', '/questionnaires', {
          as: admin,
          body: { definition: validDefinition() },
        })
      ).status,
    ).toBe(422);
    const res = await t.call('POST', '/questionnaires', {
      as: admin,
      body: { operator, definition: validDefinition() },
    });
    expect(res.status).toBe(201);
    expect(
      (await t.call('GET', `/questionnaires/${res.body.id}`, { as: coordinator })).body.operator,
    ).toBe(operator);
  });
});

describe('immutability below the routes', () => {
  test('the database refuses to change an approved version, even by direct SQL', async () => {
    const id = await createDraft();
    await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator });
    await t.call('POST', `/questionnaires/${id}/versions/1/approve`, { as: swd, body: {} });
    await expect(
      sql`update questionnaire_versions set definition = '{}'::jsonb where questionnaire_id = ${id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/cannot change/);
    await expect(
      sql`delete from questionnaire_versions where questionnaire_id = ${id}`.execute(t.db),
    ).rejects.toThrow(/cannot be deleted/);
    await expect(
      sql`update questionnaire_versions set status = 'draft' where questionnaire_id = ${id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/cannot go from approved to draft/);
  });
});

describe('translations', () => {
  test('changing a Chinese text turns its translations stale, blocking submission until confirmed', async () => {
    const id = await createDraft();
    const changed = validDefinition();
    changed.survey.pages[0]!.elements[0]!.title['zh-HK'] = '活動令我更明白親密伴侶暴力。';
    const put = await t.call('PUT', `/questionnaires/${id}/versions/1`, {
      as: coordinator,
      body: { definition: changed },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.translations.stale).toEqual([
      { path: 'survey.pages.0.elements.0.title', locale: 'en' },
    ]);
    const refused = await t.call('POST', `/questionnaires/${id}/versions/1/submit`, {
      as: coordinator,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'translations.en.survey.pages.0.elements.0.title',
    ]);
    const confirmed = await t.call('POST', `/questionnaires/${id}/versions/1/translations`, {
      as: coordinator,
      body: { locale: 'en', confirm: true },
    });
    expect(confirmed.body.translations.stale).toEqual([]);
    expect(
      (await t.call('POST', `/questionnaires/${id}/versions/1/submit`, { as: coordinator })).status,
    ).toBe(200);
  });

  test('a template starts with its unchecked translations in draft', async () => {
    const res = await t.call('POST', '/questionnaires', {
      as: coordinator,
      body: { template: 'spear-service-users' },
    });
    expect(res.status, res.text).toBe(201);
    const v = await t.call('GET', `/questionnaires/${res.body.id}/versions/1`, { as: coordinator });
    expect(v.body.translations.locales).toMatchObject({
      'zh-HK': 'reviewed',
      en: 'reviewed',
      id: 'draft',
      ur: 'draft',
    });
    expect(v.body.problems).toEqual([]);
    const templates = await t.call('GET', '/questionnaire-templates', { as: coordinator });
    expect(templates.body.items.length).toBeGreaterThanOrEqual(4);
  });
});

test('export as our JSON re-imports to the same content hash; export as plain SurveyJS has no likert type', async () => {
  const id = await createDraft();
  const ours = await t.call('GET', `/questionnaires/${id}/versions/1/export`, { as: coordinator });
  expect(ours.headers.get('content-disposition')).toContain('attachment');
  const again = await t.call('POST', '/questionnaires', {
    as: coordinator,
    body: { definition: ours.body.definition, translations: ours.body.translations },
  });
  const reimported = await t.call('GET', `/questionnaires/${again.body.id}/versions/1`, {
    as: coordinator,
  });
  expect(reimported.body.contentHash).toBe(ours.body.contentHash);
  const plain = await t.call('GET', `/questionnaires/${id}/versions/1/export?format=surveyjs`, {
    as: coordinator,
  });
  expect(JSON.stringify(plain.body)).not.toContain('"likert"');
  expect(JSON.stringify(plain.body)).toContain('strongly_agree');
});

test('the live check lists problems without saving anything', async () => {
  const res = await t.call('POST', '/questionnaires/check', {
    as: coordinator,
    body: { definition: { programme: 'SPEAR', population: 'nobody' } },
  });
  expect(res.status).toBe(200);
  expect(res.body.problems.map((p: { path: string }) => p.path)).toContain('population');
});

test('the live check refuses a definition that is not an object, as bad input', async () => {
  for (const definition of [[1e308], 'survey', null, 42]) {
    const res = await t.call('POST', '/questionnaires/check', {
      as: coordinator,
      body: { definition },
    });
    expect(res.status, JSON.stringify(definition)).toBe(422);
    expect(res.body.error.code).toEqual(expect.any(String));
  }
});
