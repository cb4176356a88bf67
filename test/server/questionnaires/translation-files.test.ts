import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { approvedQuestionnaire, serviceUsersDefinition } from '../../support/factories.ts';

// The translators' round trip: a version's strings out as a workbook or XLIFF, edited as a
// translator would (exceljs, or the XML text), and back into the draft.

let t: TestApp;
let own: Caller;
let swd: Caller;

beforeAll(async () => {
  t = await testApp();
  const operator = await t.operator();
  own = await t.user('coordinator', operator);
  swd = await t.user('swd');
});

/** A draft in zh-HK, en and id; the Indonesian is not translated yet (a draft language). */
async function draft() {
  const definition = { ...serviceUsersDefinition(), locales: ['zh-HK', 'en', 'id'] };
  const created = await answered(
    t.api(own).questionnaires.$post({
      json: { definition, translations: { locales: { id: 'draft' } } },
    }),
    201,
  );
  return created.id;
}

async function download(path: string, as = own) {
  const res = await t.app.request(`/api/v1${path}`, { headers: { cookie: as.cookie! } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function workbook(file: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book;
}

/** The sheet's rows as objects keyed by the first row's headers. */
function rowsOf(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, String(values[i] ?? '')])));
  });
  return rows;
}

const version = async (id: string, v = 1) =>
  answered(
    t.api(own).questionnaires[':id'].versions[':v'].$get({
      param: { id, v: String(v) },
    }),
    200,
  );
type Api = ReturnType<TestApp['api']>;
type ImportBody = Parameters<
  Api['questionnaires'][':id']['versions'][':v']['translations']['import']['$post']
>[0]['json'];
const importFile = (id: string, json: ImportBody, v = 1) =>
  t.api(own).questionnaires[':id'].versions[':v'].translations.import.$post({
    param: { id, v: String(v) },
    json,
  });
/** The part of a stored definition these tests edit. */
type Localised = Record<string, string>;
type Editable = {
  survey: { title: Localised; pages: { elements: { name: string; title: Localised }[] }[] };
};
const elementTitle = (definition: Record<string, unknown>, name: string, locale: string) =>
  (definition as Editable).survey.pages[0]!.elements.find((e) => e.name === name)!.title[locale];

describe('workbook', () => {
  test('exports a sheet per language with key, source, translation, status and stale', async () => {
    const id = await draft();
    const book = await workbook(
      await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=en,id`),
    );
    expect(book.worksheets.map((s) => s.name)).toEqual(['README', 'en', 'id']);
    const en = rowsOf(book.getWorksheet('en')!);
    expect(en[0]).toEqual({
      key: 'survey.title',
      'zh-HK (source)': '服務使用者問卷',
      en: 'Service users questionnaire',
      status: 'reviewed',
      stale: 'no',
    });
    expect(en.map((r) => r.key)).toContain('element:joined.choices[referral].text');
    const indonesian = rowsOf(book.getWorksheet('id')!);
    expect(indonesian.every((r) => r.id === '' && r.status === 'draft')).toBe(true);
  });

  test('a translator’s edited workbook imports with their statuses, after a dry run', async () => {
    const id = await draft();
    const file = await download(`/questionnaires/${id}/versions/1/translations.xlsx`);
    const book = await workbook(file);
    // The translator fills in every Indonesian string, reviewed except the choices.
    const sheet = book.getWorksheet('id')!;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const key = String(row.getCell(1).value);
      row.getCell(3).value = `ID ${key}`;
      row.getCell(4).value = key.includes('.choices[') ? 'draft' : 'reviewed';
    });
    // And corrects one English title.
    book.getWorksheet('en')!.eachRow((row) => {
      if (row.getCell(1).value === 'element:cope.title') row.getCell(3).value = 'It helped me.';
    });
    const edited = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');

    const preview = await answered(importFile(id, { xlsx: edited, dryRun: true }), 200);
    expect(preview.dryRun).toBe(true);
    expect(preview.locales).toEqual({ en: 'reviewed', id: 'draft' });
    const copeEn = preview.changes.find((c) => c.locale === 'en' && c.key === 'element:cope.title');
    expect(copeEn).toMatchObject({
      path: 'survey.pages.0.elements.0.title',
      source: '服務幫助我處理壓力。',
      before: { translation: 'The service helped me handle stress.', status: 'reviewed' },
      after: { translation: 'It helped me.', status: 'reviewed' },
    });
    const strings = rowsOf(sheet).length;
    expect(preview.changes.filter((c) => c.locale === 'id')).toHaveLength(strings);
    // A dry run saves nothing.
    expect(elementTitle((await version(id)).definition, 'cope', 'en')).toBe(
      'The service helped me handle stress.',
    );

    const saved = await answered(importFile(id, { xlsx: edited }), 200);
    expect(saved.changes).toEqual(preview.changes);
    const after = await version(id);
    expect(elementTitle(after.definition, 'cope', 'en')).toBe('It helped me.');
    expect(elementTitle(after.definition, 'cope', 'id')).toBe('ID element:cope.title');
    expect(after.translations.locales).toMatchObject({ en: 'reviewed', id: 'draft' });
    expect(after.translations.stale).toEqual([]);

    // Exported again, each string says what the translator said.
    const again = rowsOf(
      (
        await workbook(
          await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=id`),
        )
      ).getWorksheet('id')!,
    );
    for (const row of again)
      expect([row.key, row.status]).toEqual([
        row.key,
        row.key!.includes('.choices[') ? 'draft' : 'reviewed',
      ]);

    // A coordinator who edits one reviewed translation makes it a draft again; the rest stay.
    const edited2 = structuredClone(after.definition) as Editable;
    edited2.survey.pages[0]!.elements[1]!.title.id = 'Saya lebih bisa menghadapi kesulitan.';
    const put = await t.api(own).questionnaires[':id'].versions[':v'].$put({
      param: { id, v: '1' },
      json: { definition: edited2 },
    });
    await answered(put, 200);
    const statuses = Object.fromEntries(
      rowsOf(
        (
          await workbook(
            await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=id`),
          )
        ).getWorksheet('id')!,
      ).map((r) => [r.key, r.status]),
    );
    expect(statuses).toMatchObject({
      'element:cope.title': 'reviewed',
      'element:cope_more.title': 'draft',
      'element:joined.choices[self].text': 'draft',
    });

    // Marking the choices reviewed too makes the whole language reviewed.
    const book2 = await workbook(
      await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=id`),
    );
    book2.getWorksheet('id')!.eachRow((row, n) => {
      if (n > 1) row.getCell(4).value = 'reviewed';
    });
    await answered(
      importFile(id, { xlsx: Buffer.from(await book2.xlsx.writeBuffer()).toString('base64') }),
      200,
    );
    expect((await version(id)).translations.locales.id).toBe('reviewed');
    expect((await version(id)).problems).toEqual([]);
  });

  test('a file made for an older Chinese text is refused, naming each changed string', async () => {
    const id = await draft();
    const file = await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=en`);
    const current = (await version(id)).definition as Editable;
    current.survey.pages[0]!.elements[0]!.title['zh-HK'] = '服務幫助我處理生活壓力。';
    current.survey.pages[0]!.elements[2]!.title['zh-HK'] = '家庭關係大大改善了。';
    const put = await t.api(own).questionnaires[':id'].versions[':v'].$put({
      param: { id, v: '1' },
      json: { definition: current },
    });
    await answered(put, 200);
    const { error } = await answered(importFile(id, { xlsx: file.toString('base64') }), 422);
    expect(error.code).toBe('translation_file_outdated');
    expect(error.details!.map((d) => d.path)).toEqual([
      'element:cope.title',
      'element:family.title',
    ]);
    expect(error.details![0]!.message).toContain('en!A3');
  });

  test('a status other than draft or reviewed is refused, and so is an approved version', async () => {
    const id = await draft();
    const book = await workbook(
      await download(`/questionnaires/${id}/versions/1/translations.xlsx?locales=en`),
    );
    book.getWorksheet('en')!.getCell('D2').value = 'done';
    const bad = await answered(
      importFile(id, { xlsx: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') }),
      422,
    );
    expect(bad.error.details).toEqual([
      { path: 'en!D2', message: 'The status "done" is neither draft nor reviewed.' },
    ]);
    expect((await importFile(id, { xlsx: 'bm90IGEgd29ya2Jvb2s=' })).status).toBe(422);

    const approved = await approvedQuestionnaire(t, own, swd);
    const file = await download(`/questionnaires/${approved.id}/versions/1/translations.xlsx`);
    const res = await importFile(approved.id, { xlsx: file.toString('base64') });
    expect(res.status).toBe(409);
  });
});

describe('XLIFF 2.0', () => {
  test('round trip: the translator’s targets and states come back', async () => {
    const id = await draft();
    const xliff = (
      await download(`/questionnaires/${id}/versions/1/translations.xlf?locale=id`)
    ).toString();
    expect(xliff).toContain(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-HK" trgLang="id">',
    );
    expect(xliff).toContain('<unit id="u2" name="element:cope.title">');
    expect(xliff).toContain('<segment state="initial">');
    // A CAT tool fills every target; the translator finalises all but the comment's title.
    const translated = xliff.replace(
      /<unit id="(u\d+)" name="([^"]+)">\s*<segment state="initial">\s*<source>([^<]*)<\/source>/g,
      (_all, unit: string, key: string, source: string) =>
        `<unit id="${unit}" name="${key}"><segment state="${key === 'element:comments.title' ? 'translated' : 'final'}"><source>${source}</source><target>Indonesia &amp; ${key}</target>`,
    );
    const res = await answered(importFile(id, { xliff: translated }), 200);
    expect(res.locales).toEqual({ id: 'draft' });
    const after = await version(id);
    expect(elementTitle(after.definition, 'family', 'id')).toBe('Indonesia & element:family.title');

    const again = (
      await download(`/questionnaires/${id}/versions/1/translations.xlf?locale=id`)
    ).toString();
    expect(again).toContain(
      '<segment state="reviewed">\n        <source>家庭關係改善了。</source>',
    );
    expect(again).toMatch(/name="element:comments.title">\s*<segment state="translated">/);
  });

  test('a stale XLIFF is refused naming the string; malformed XML and another language are 422', async () => {
    const id = await draft();
    const xliff = (
      await download(`/questionnaires/${id}/versions/1/translations.xlf?locale=en`)
    ).toString();
    const current = (await version(id)).definition as Editable;
    current.survey.title['zh-HK'] = '新的問卷名稱';
    await t.api(own).questionnaires[':id'].versions[':v'].$put({
      param: { id, v: '1' },
      json: { definition: current },
    });
    const stale = await answered(importFile(id, { xliff }), 422);
    expect(stale.error.details).toEqual([expect.objectContaining({ path: 'survey.title' })]);
    expect((await importFile(id, { xliff: '<xliff' })).status).toBe(422);
    const th = await answered(
      importFile(id, { xliff: xliff.replace('trgLang="en"', 'trgLang="th"') }),
      422,
    );
    expect(th.error.details![0]!.path).toBe('th');
    expect(
      // A locale the types forbid.
      (
        await t.call('GET', `/questionnaires/${id}/versions/1/translations.xlf?locale=th`, {
          as: own,
        })
      ).status,
    ).toBe(422);
  });
});
