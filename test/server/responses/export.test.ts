import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
let coordinator: Caller;
let first: string;
let second: string;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
  const operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  const definition = learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] });
  const a = await questionnaireWithActivity(t, coordinator, swd, operator, definition);
  const b = await questionnaireWithActivity(t, coordinator, swd, operator, definition);
  first = a.activityId;
  second = b.activityId;
  // 2026-27 begins on 1 April 2026 in Hong Kong: 31 March 23:30 there is still 2025-26.
  await a.answer({ skills: 'agree', comments: '=HYPERLINK("x")' }, '2026-06-15T10:00:00+08:00');
  await a.answer({ skills: 'disagree' }, '2026-03-31T23:30:00+08:00');
  await b.answer({ skills: 'strongly_agree', comments: '第二個活動' }, '2026-04-01T00:10:00+08:00');
});

async function csv(query: string, as = coordinator) {
  const res = await t.app.request(`/api/v1/responses.csv${query}`, {
    headers: { cookie: as.cookie! },
  });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), text };
}

test('responses.csv: one header row and a row per response, UTF-8 with a byte-order mark', async () => {
  const all = await csv('');
  expect(all.status).toBe(200);
  expect(all.type).toContain('text/csv');
  expect(all.text.startsWith('\uFEFFresponse,activity,')).toBe(true);
  expect(all.text.trimEnd().split('\r\n')).toHaveLength(4);
  expect(all.text).toContain('第二個活動');
  // A comment that looks like a formula is written as text.
  expect(all.text).toContain(`"'=HYPERLINK(""x"")"`);
});

test('an export of one activity, or of one financial year in Hong Kong time', async () => {
  const one = await csv(`?activity=${first}`);
  expect(one.text.trimEnd().split('\r\n')).toHaveLength(3);
  expect(one.text).not.toContain('第二個活動');
  const year = await csv('?fiscalYear=2026');
  expect(year.text.trimEnd().split('\r\n')).toHaveLength(3);
  expect(year.text).toContain('第二個活動');
  expect(year.text).not.toContain('disagree');
  const both = await csv(`?activity=${first}&fiscalYear=2025`);
  expect(both.text.trimEnd().split('\r\n')).toHaveLength(2);

  const res = await t.app.request(`/api/v1/responses.xlsx?activity=${second}`, {
    headers: { cookie: coordinator.cookie! },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/responses-.*\.xlsx/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  expect(book.worksheets[0]!.rowCount).toBe(2);
});

test('another operator’s activity is not found, SWD may not export, bad values are 422', async () => {
  const other = await t.user('coordinator', await t.operator());
  expect((await csv(`?activity=${first}`, other)).status).toBe(404);
  expect((await csv('', swd)).status).toBe(403);
  expect((await csv('?fiscalYear=soon')).status).toBe(422);
  expect((await csv('?activity=nope')).status).toBe(422);
});
