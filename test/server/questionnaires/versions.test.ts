import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';

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

async function createDraft(
  definition: Record<string, unknown> = validDefinition(),
  as = coordinator,
) {
  const { id } = await answered(t.api(as).questionnaires.$post({ json: { definition } }), 201);
  return id;
}

/** The typed client of one questionnaire's routes, as someone. */
const questionnaire = (as: Caller) => t.api(as).questionnaires[':id'];

/** The typed client of one version's routes, as someone. */
const version = (as: Caller) => questionnaire(as).versions[':v'];

/** The path parameters of version `v` of questionnaire `id`. */
const at = (id: string, v = 1) => ({ param: { id, v: String(v) } });

const submit = (id: string, v = 1, as = coordinator) => version(as).submit.$post(at(id, v));

const approve = (id: string, v = 1, json: { contentHash?: string } = {}, as = swd) =>
  version(as).approve.$post({ ...at(id, v), json });

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
    const refused = await answered(submit(id), 422);
    const paths = refused.error.details!.map((d) => d.path);
    expect(paths.length).toBeGreaterThanOrEqual(5);
    expect(paths).toEqual(expect.arrayContaining(['locales']));
    expect(refused.error.details!.every((d) => d.message.length > 10)).toBe(true);
    const after = await answered(version(coordinator).$get(at(id)), 200);
    expect(after.status).toBe('draft');
  });

  test('a valid one goes draft → submitted → approved; PUT afterwards is 409; SWD cannot edit', async () => {
    const id = await createDraft();
    const draft = await answered(version(coordinator).$get(at(id)), 200);
    expect(draft).toMatchObject({
      status: 'draft',
      problems: [],
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const edit = (as: Caller) =>
      version(as).$put({ ...at(id), json: { definition: validDefinition('改') } });
    await answered(edit(swd), 403);
    const submitted = await answered(submit(id), 200);
    expect(submitted.status).toBe('submitted');
    await answered(edit(coordinator), 409);
    await answered(approve(id, 1, {}, coordinator), 403);
    const seen = await answered(version(swd).$get(at(id)), 200);
    const approved = await answered(approve(id, 1, { contentHash: seen.contentHash }), 200);
    expect(approved.status).toBe('approved');
    await answered(edit(coordinator), 409);
    await answered(edit(swd), 403);
    const after = await answered(version(coordinator).$get(at(id)), 200);
    expect(after.definition).toMatchObject({ survey: { title: { 'zh-HK': '教育活動問卷' } } });
    expect(after.contentHash).toBe(seen.contentHash);
  });

  test('approving with a content hash other than the current one is 409', async () => {
    const id = await createDraft();
    await answered(submit(id), 200);
    await answered(approve(id, 1, { contentHash: '0'.repeat(64) }), 409);
  });

  test('rejecting needs a reason and is final; changes go into a new version', async () => {
    const id = await createDraft();
    await answered(submit(id), 200);
    const reject = (reason: string) => version(swd).reject.$post({ ...at(id), json: { reason } });
    await answered(reject(' '), 422);
    const rejected = await answered(reject('Item wording is leading.'), 200);
    expect(rejected.status).toBe('rejected');
    await answered(approve(id), 409);
    const newVersion = () => questionnaire(coordinator).versions.$post({ param: { id }, json: {} });
    const next = await answered(newVersion(), 201);
    expect(next).toMatchObject({ version: 2, status: 'draft' });
    await answered(newVersion(), 409);
    const listed = await answered(questionnaire(coordinator).$get({ param: { id } }), 200);
    expect(listed.versions.map((v) => v.status)).toEqual(['rejected', 'draft']);
    expect(listed.versions[0]!.decisionReason).toBe('Item wording is leading.');
  });

  test('retiring: approved versions only, by its coordinator or SWD; the old one stays approved when a new one is', async () => {
    const id = await createDraft();
    const retire = (as: Caller) => version(as).retire.$post(at(id));
    await answered(retire(coordinator), 409);
    await answered(submit(id), 200);
    await answered(approve(id), 200);
    await answered(questionnaire(coordinator).versions.$post({ param: { id }, json: {} }), 201);
    await answered(submit(id, 2), 200);
    await answered(approve(id, 2), 200);
    const both = await answered(questionnaire(coordinator).$get({ param: { id } }), 200);
    expect(both.versions.map((v) => v.status)).toEqual(['approved', 'approved']);
    await answered(retire(stranger), 404);
    await answered(retire(coordinator), 200);
    const v2 = await answered(version(swd).$get(at(id, 2)), 200);
    expect(v2.previousApproved).toBe(1);
  });

  test('every transition is in the audit log with who and why', async () => {
    const id = await createDraft();
    await answered(submit(id), 200);
    await answered(version(swd).reject.$post({ ...at(id), json: { reason: 'Not yet.' } }), 200);
    const audit = await answered(t.api(admin).audit.$get({ query: { limit: '20' } }), 200);
    const mine = audit.items.filter((e) => e.targetId?.startsWith(id));
    expect(mine.map((e) => e.action)).toEqual([
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
    await answered(questionnaire(stranger).$get({ param: { id } }), 404);
    await answered(version(stranger).$get(at(id)), 404);
    await answered(
      version(stranger).$put({ ...at(id), json: { definition: validDefinition() } }),
      404,
    );
    await answered(submit(id, 1, stranger), 404);
    await answered(version(stranger).export.$get({ ...at(id), query: {} }), 404);
    const list = await answered(t.api(stranger).questionnaires.$get({ query: {} }), 200);
    expect(list.items.map((q) => q.id)).not.toContain(id);
    const all = await answered(t.api(swd).questionnaires.$get({ query: {} }), 200);
    expect(all.items.map((q) => q.id)).toContain(id);
  });

  test('a coordinator cannot create for another operator; an admin must name one', async () => {
    const create = (as: Caller, json: { operator?: string; definition: Record<string, unknown> }) =>
      t.api(as).questionnaires.$post({ json });
    await answered(create(stranger, { operator, definition: validDefinition() }), 403);
    await answered(create(admin, { definition: validDefinition() }), 422);
    const { id } = await answered(create(admin, { operator, definition: validDefinition() }), 201);
    const created = await answered(questionnaire(coordinator).$get({ param: { id } }), 200);
    expect(created.operator).toBe(operator);
  });
});

describe('immutability below the routes', () => {
  test('the database refuses to change an approved version, even by direct SQL', async () => {
    const id = await createDraft();
    await answered(submit(id), 200);
    await answered(approve(id), 200);
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
    const put = await answered(
      version(coordinator).$put({ ...at(id), json: { definition: changed } }),
      200,
    );
    expect(put.translations.stale).toEqual([
      { path: 'survey.pages.0.elements.0.title', locale: 'en' },
    ]);
    const refused = await answered(submit(id), 422);
    expect(refused.error.details!.map((d) => d.path)).toEqual([
      'translations.en.survey.pages.0.elements.0.title',
    ]);
    const confirmed = await answered(
      version(coordinator).translations.$post({ ...at(id), json: { locale: 'en', confirm: true } }),
      200,
    );
    expect(confirmed.translations.stale).toEqual([]);
    await answered(submit(id), 200);
  });

  test('a template starts with its unchecked translations in draft', async () => {
    const { id } = await answered(
      t.api(coordinator).questionnaires.$post({ json: { template: 'spear-service-users' } }),
      201,
    );
    const v = await answered(version(coordinator).$get(at(id)), 200);
    expect(v.translations.locales).toMatchObject({
      'zh-HK': 'reviewed',
      en: 'reviewed',
      id: 'draft',
      ur: 'draft',
    });
    expect(v.problems).toEqual([]);
    const templates = await answered(t.api(coordinator)['questionnaire-templates'].$get(), 200);
    expect(templates.items.length).toBeGreaterThanOrEqual(4);
  });
});

test('export as our JSON re-imports to the same content hash; export as plain SurveyJS has no likert type', async () => {
  const id = await createDraft();
  const download = await version(coordinator).export.$get({ ...at(id), query: {} });
  expect(download.headers.get('content-disposition')).toContain('attachment');
  // The file is documented as any JSON object; ours holds a definition and its translations.
  const ours = (await answered(download, 200)) as {
    definition: Record<string, unknown>;
    translations: { locales: Record<string, 'draft' | 'reviewed'> };
    contentHash: string;
  };
  const again = await answered(
    t.api(coordinator).questionnaires.$post({
      json: { definition: ours.definition, translations: ours.translations },
    }),
    201,
  );
  const reimported = await answered(version(coordinator).$get(at(again.id)), 200);
  expect(reimported.contentHash).toBe(ours.contentHash);
  const plain = await answered(
    version(coordinator).export.$get({ ...at(id), query: { format: 'surveyjs' } }),
    200,
  );
  expect(JSON.stringify(plain)).not.toContain('"likert"');
  expect(JSON.stringify(plain)).toContain('strongly_agree');
});

test('the live check lists problems without saving anything', async () => {
  const { problems } = await answered(
    t.api(coordinator).questionnaires.check.$post({
      json: { definition: { programme: 'SPEAR', population: 'nobody' } },
    }),
    200,
  );
  expect(problems.map((p) => p.path)).toContain('population');
});

test('the live check against a draft lists the rules when the definition is not even a draft', async () => {
  const id = await createDraft();
  const { problems } = await answered(
    t.api(coordinator).questionnaires.check.$post({
      json: { definition: { population: 7 }, draft: { id, version: 1 } },
    }),
    200,
  );
  expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['programme', 'survey']));
});

test('the live check refuses a definition that is not an object, as bad input', async () => {
  for (const definition of [[1e308], 'survey', null, 42]) {
    // Untyped on purpose: the schema forbids a definition that is not an object.
    const res = await t.call('POST', '/questionnaires/check', {
      as: coordinator,
      body: { definition },
    });
    expect(res.status, JSON.stringify(definition)).toBe(422);
    expect(res.body.error.code).toEqual(expect.any(String));
  }
});
