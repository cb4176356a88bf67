import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { createOperator } from '../../../server/operators/service.ts';
import { VERDICT_TEXT } from '../../../server/outcomes/xlsx.ts';
import { answered, testApp, unique, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
let operator: string;
let coordinator: Caller;
/** A second operator, its one SPeaR unit in region C. */
let other: string;

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
  other = `OPC${unique()}`.toUpperCase();
  await t.db.transaction().execute((trx) =>
    createOperator(trx, {
      code: other,
      name: { en: `Operator ${other}`, 'zh-HK': `機構 ${other}` },
      units: [{ code: `${other}-S`, programme: 'SPEAR', region: 'C' }],
    }),
  );
  const theirs = await questionnaireWithActivity(
    t,
    await t.user('coordinator', other),
    swd,
    other,
    learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] }),
  );
  // 4 of 7: 57.1%, which 57.1 / 100 would store as 0.5710000000000001.
  for (let i = 0; i < 7; i++) await theirs.answer({ skills: i < 4 ? 'agree' : 'disagree' });
});

type OutcomesQuery = Parameters<ReturnType<TestApp['api']>['outcomes']['$get']>[0]['query'];
/** GET /outcomes for SPEAR 2026 with these filters. */
const outcomesOf = (as: Caller, query: Partial<OutcomesQuery> = {}) =>
  answered(
    t.api(as).outcomes.$get({ query: { programme: 'SPEAR', fiscalYear: '2026', ...query } }),
    200,
  );
type Figures = Awaited<ReturnType<typeof outcomesOf>>['standards'][number];

/** The CSV's rows grouped by what they are about: `operator|unit|region` → its standards. */
async function csvRows(as: Caller, query = 'programme=SPEAR&fiscalYear=2026') {
  const res = await t.app.request(`/api/v1/outcomes.csv?${query}`, {
    headers: { cookie: as.cookie! },
  });
  expect(res.status).toBe(200);
  // Response.text() would drop the byte-order mark this checks.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = text.slice(1).trimEnd().split('\r\n');
  expect(header).toBe(
    'programme,fiscalYear,operator,unit,region,standard,agreedPercent,agreed,respondents,nonRespondents,percent,met,intervalLow,intervalHigh,verdict',
  );
  const groups = new Map<string, string[][]>();
  for (const line of lines) {
    const cells = line.split(',');
    expect(cells.slice(0, 2)).toEqual(['SPEAR', '2026-27']);
    const key = cells.slice(2, 5).join('|');
    groups.set(key, [...(groups.get(key) ?? []), cells]);
  }
  return groups;
}

/** A standard's figures as the CSV writes them (percent with one decimal, empty for null). */
const asCsv = (s: Figures) =>
  [
    s.number,
    s.agreedPercent ?? '',
    s.agreed,
    s.respondents,
    s.nonRespondents,
    s.percent === null ? '' : s.percent.toFixed(1),
    s.met ?? '',
    s.interval ? s.interval.low.toFixed(1) : '',
    s.interval ? s.interval.high.toFixed(1) : '',
    s.verdict ?? '',
  ].map(String);

test('outcomes.csv carries every row of the screen: territory, regions, operators and units, each as GET /outcomes gives it', async () => {
  const groups = await csvRows(swd);
  const table = await answered(
    t.api(swd).outcomes.table.$get({ query: { programme: 'SPEAR', fiscalYear: '2026' } }),
    200,
  );
  const keys = [...groups.keys()];
  // The asked scope first, then the regions, the operators and the units, in that order.
  expect(keys).toEqual([
    '||',
    ...['A', 'B', 'C', 'D', 'E'].map((r) => `||${r}`),
    ...[operator, other].sort().map((o) => `${o}||`),
    ...[
      [operator, 'A'],
      [other, 'C'],
    ]
      .sort()
      .map(([o, region]) => `${o}|${o}-S|${region}`),
  ]);
  const body = (key: string) => groups.get(key)!.map((cells) => cells.slice(5));
  // The screen's rows (GET /outcomes/table) are in it with the same numbers.
  expect(body('||')).toEqual(table.territory.map(asCsv));
  for (const region of table.regions)
    expect(body(`||${region.code}`)).toEqual(region.standards.map(asCsv));
  for (const row of table.operators)
    expect(body(`${row.code}||`)).toEqual(row.standards.map(asCsv));
  expect(body('||C')[0]!.slice(5, 6)).toEqual(['57.1']);
  // Every row is GET /outcomes for the filters its columns name.
  for (const key of keys) {
    const [op, unit, region] = key.split('|');
    const api = await outcomesOf(swd, {
      ...(op ? { operator: op } : {}),
      ...(unit ? { unit } : {}),
      ...(region ? { region } : {}),
    });
    expect(body(key), key).toEqual(api.standards.map(asCsv));
  }
});

test('a coordinator’s CSV is its own operator, then its units, nothing of another operator', async () => {
  const groups = await csvRows(coordinator);
  expect([...groups.keys()]).toEqual([`${operator}||`, `${operator}|${operator}-S|A`]);
  const api = await outcomesOf(coordinator);
  expect(groups.get(`${operator}||`)!.map((c) => c.slice(5))).toEqual(api.standards.map(asCsv));
});

test('the workbook’s figures are the CSV’s, values stored as displayed (57.1, not 0.5710000000000001)', async () => {
  const groups = await csvRows(swd);
  const book = await workbook(`/outcomes.xlsx?programme=SPEAR&fiscalYear=2026`, swd);
  const all = book.getWorksheet('全部數字 All figures')!;
  const header = all.getRow(6);
  expect(String(header.getCell(1).value)).toBe('層級\nLevel');
  const fromSheet: string[][] = [];
  for (let r = 7; r <= all.rowCount; r++) {
    const row = all.getRow(r);
    const value = (c: number) => row.getCell(c).value;
    const met = value(13);
    fromSheet.push([
      ...[2, 4, 5].map((c) => (value(c) === null ? '' : String(value(c)))),
      ...[7, 8, 9, 10, 11].map((c) => String(value(c) ?? '')),
      // Stored as the API's number, shown with one decimal and a percent sign.
      value(12) === null ? '' : (value(12) as number).toFixed(1),
      met === '' || met === null ? '' : String(met === '達標 Met'),
      ...[14, 15].map((c) => (value(c) === null ? '' : (value(c) as number).toFixed(1))),
      VERDICT_CODES[String(value(16) ?? '')]!,
    ]);
    if (value(12) !== null) {
      expect(row.getCell(12).numFmt).toBe('0.0"%"');
      expect(Number((value(12) as number).toFixed(1))).toBe(value(12));
    }
  }
  const fromCsv = [...groups.values()]
    .flat()
    .map((cells) => [...cells.slice(2, 10), cells[10]!, cells[11]!, ...cells.slice(12, 15)]);
  expect(fromSheet).toEqual(fromCsv);
  // The region rows are there, labelled in both languages.
  expect(String(all.getRow(7 + 5 * 3).getCell(6).value)).toBe('服務區域C Region C');
  // The overview carries the regions and the territory too, the percent exactly 57.1.
  const overview = book.getWorksheet('營辦機構 Operators')!;
  const values = JSON.stringify(overview.getSheetValues());
  expect(values).toContain('服務區域C Region C');
  expect(values).toContain('全港 Territory-wide');
  expect(values).toContain('57.1');
  expect(values).not.toContain('0.5710000000000001');
});

/** The workbook's verdict words back to the CSV's codes. */
const VERDICT_CODES: Record<string, string> = {
  '': '',
  ...Object.fromEntries(Object.entries(VERDICT_TEXT).map(([code, text]) => [text, code])),
};

async function workbook(path: string, as: Caller) {
  const res = await t.app.request(`/api/v1${path}`, { headers: { cookie: as.cookie! } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

test('outcomes.xlsx holds the same numbers as the API, headed in Chinese and English, with an overview for SWD', async () => {
  const api = await outcomesOf(swd, { operator });
  const book = await workbook(`/outcomes.xlsx?programme=SPEAR&fiscalYear=2026`, swd);
  const names = book.worksheets.map((s) => s.name);
  expect(names.slice(0, 3)).toEqual(['總覽 Summary', '全部數字 All figures', '營辦機構 Operators']);
  expect(names).toContain(operator);
  const sheet = book.getWorksheet(operator)!;
  expect(String(sheet.getCell('A3').value)).toContain('2026-27');
  expect(String(sheet.getCell('A3').value)).toMatch(/財政年度 Financial year/);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
  const header = sheet.getRow(6);
  expect(String(header.getCell(5).value)).toBe('回應人數\nRespondents');
  const first = sheet.getRow(7);
  const s1 = api.standards[0]!;
  expect([
    first.getCell(1).value,
    first.getCell(4).value,
    first.getCell(5).value,
    first.getCell(6).value,
  ]).toEqual([1, s1.agreed, s1.respondents, s1.nonRespondents]);
  expect(first.getCell(7).value).toBe(s1.percent);
  expect(first.getCell(7).numFmt).toBe('0.0"%"');
  expect(first.getCell(3).value).toBe(85);
});

test('a coordinator’s workbook is its own operator only, with its units', async () => {
  const book = await workbook('/outcomes.xlsx?programme=SPEAR&fiscalYear=2026', coordinator);
  expect(book.worksheets.map((s) => s.name)).toEqual(['總覽 Summary', '全部數字 All figures']);
  expect(String(book.getWorksheet('總覽 Summary')!.getCell('A2').value)).toContain(operator);
  const all = JSON.stringify(book.getWorksheet('全部數字 All figures')!.getSheetValues());
  expect(all).toContain(`${operator}-S`);
  expect(all).not.toContain(other);
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
  await answered(t.api(swd)['responses.xlsx'].$get({ query: {} }), 403);
});
