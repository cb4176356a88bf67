import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
let operator: string;
let coordinator: Caller;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
  operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  const q = await questionnaireWithActivity(
    t,
    coordinator,
    swd,
    operator,
    learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] }),
  );
  await q.answer({ skills: 'agree', satisfied: 'agree', comments: '一個私人意見' });
  await q.answer({ skills: 'disagree', cope: 'no_opinion' });
  await q.answer({ skills: 'strongly_agree' });
});

async function workbook(path: string, as: Caller) {
  const res = await t.app.request(`/api/v1${path}`, { headers: { cookie: as.cookie! } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

test('outcomes.xlsx holds the same numbers as the API, headed in Chinese and English, with an overview for SWD', async () => {
  const api = await t.call(
    'GET',
    `/outcomes?programme=SPEAR&fiscalYear=2026&operator=${operator}`,
    { as: swd },
  );
  const book = await workbook(`/outcomes.xlsx?programme=SPEAR&fiscalYear=2026`, swd);
  const names = book.worksheets.map((s) => s.name);
  expect(names.slice(0, 2)).toEqual(['總覽 Summary', '營辦機構 Operators']);
  expect(names).toContain(operator);
  const sheet = book.getWorksheet(operator)!;
  expect(String(sheet.getCell('A3').value)).toContain('2026-27');
  expect(String(sheet.getCell('A3').value)).toMatch(/財政年度 Financial year/);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
  const header = sheet.getRow(6);
  expect(String(header.getCell(5).value)).toBe('回應人數\nRespondents');
  const first = sheet.getRow(7);
  const s1 = api.body.standards[0];
  expect([
    first.getCell(1).value,
    first.getCell(4).value,
    first.getCell(5).value,
    first.getCell(6).value,
  ]).toEqual([1, s1.agreed, s1.respondents, s1.nonRespondents]);
  expect(first.getCell(7).value).toBeCloseTo(s1.percent / 100, 6);
  expect(first.getCell(7).numFmt).toBe('0.0%');
});

test('a coordinator’s workbook is its own operator only', async () => {
  const book = await workbook('/outcomes.xlsx?programme=SPEAR&fiscalYear=2026', coordinator);
  expect(book.worksheets.map((s) => s.name)).toEqual(['總覽 Summary']);
  expect(String(book.getWorksheet('總覽 Summary')!.getCell('A2').value)).toContain(operator);
});

test('the full export of a coordinator’s responses: one row each, a column per question, labels in a second sheet', async () => {
  const book = await workbook('/responses.xlsx', coordinator);
  const [rows, labels] = book.worksheets;
  expect(rows!.rowCount).toBe(4);
  const header = (rows!.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(
    expect.arrayContaining(['response', 'skills', 'satisfied', 'cope', 'comments']),
  );
  const all = JSON.stringify(rows!.getSheetValues());
  expect(all).toContain('一個私人意見');
  expect(JSON.stringify(labels!.getSheetValues())).toContain('strongly_agree');
  const other = await t.user('coordinator', await t.operator());
  const theirs = await workbook('/responses.xlsx', other);
  expect(theirs.worksheets[0]!.rowCount).toBe(1);
  expect((await t.call('GET', '/responses.xlsx', { as: swd })).status).toBe(403);
});
