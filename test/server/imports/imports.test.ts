import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { MAX_IMPORT_ROWS } from '../../../server/domain/case-import.ts';
import type { RowProblemSchema } from '../../../server/imports/schemas.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { routeFixtures } from '../../support/route-cases.ts';

/** A problem of one row, as the import (dry run or refusal) names it. */
type RowProblem = z.infer<typeof RowProblemSchema>;

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let own: Caller;
let other: Caller;
let swd: Caller;
let unit: string;
let otherUnit: string;

beforeAll(async () => {
  t = await testApp();
  let f: Record<string, string>;
  ({ own, other, swd, fixtures: f } = await routeFixtures(t));
  unit = `${f.operatorA}-S`;
  otherUnit = `${f.operatorB}-S`;
}, 180_000); // the route fixtures make two operators' worth of records

const unique = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const CASE_HEADER = [
  'unit',
  'reference',
  'category',
  'referredOn',
  'referralSource',
  'firstContactOn',
  'firstContactMeans',
];
const ATTENDANCE_HEADER = ['unit', 'reference', 'programme', 'module', 'date', 'hours', 'endedOn'];

// A file sent as it is, with its own content type: a raw body the typed client does not send.
const upload = (
  kind: string,
  content: string | Uint8Array<ArrayBuffer>,
  { as = own, dryRun = false, type = CSV }: { as?: Caller; dryRun?: boolean; type?: string } = {},
) =>
  t.call('POST', `/case-imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
    as,
    rawBody: content,
    headers: { 'content-type': type },
  });

/** Records a case on the own operator's unit through the API. */
const newCase = (reference: string) =>
  t.api(own).cases.$post({
    json: { unit, reference, category: 'abuser', referredOn: '2025-05-02', referralSource: 'self' },
  });

const count = async (table: 'cases' | 'case_contacts' | 'enrolments' | 'attendance') =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const counts = async () => ({
  cases: await count('cases'),
  contacts: await count('case_contacts'),
  enrolments: await count('enrolments'),
  attendance: await count('attendance'),
});

async function workbook(rows: (string | number | Date)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('attendance');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

describe('a dry run lists every row’s problem and stores nothing', () => {
  test('cases: each rule by row and column, in the API’s codes', async () => {
    const taken = `T-${unique()}`;
    await answered(newCase(taken), 201);
    const ok = `OK-${unique()}`;
    const file = csv([
      CASE_HEADER,
      [unit, ok, 'abuser', '2025-05-02', 'school', '2025-05-06', 'phone_call'],
      [unit, 'A1234567', 'abuser', '2025-05-02', 'self', '', ''],
      [unit, `C-${unique()}`, 'burglar', '2025-05-02', 'self', '', ''],
      [unit, `D-${unique()}`, 'abuser', '2025-05-10', 'self', '2025-05-09', 'letter'],
      [otherUnit, `E-${unique()}`, 'abuser', '2025-05-02', 'self', '', ''],
      [unit, ok, 'abuser', '2025-05-02', 'self', '', ''],
      [unit, taken, 'abuser', '2025-05-02', 'self', '', ''],
      [unit, `F-${unique()}`, 'abuser', '2025-02-30', 'neighbour', '2025-05-03', ''],
      ['', '', '', '', '', '', ''],
      [unit, `G-${unique()}`, 'child', '2099-01-01', 'self', '', ''],
    ]);
    const before = await counts();
    const res = await upload('cases', file, { dryRun: true });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'cases',
      dryRun: true,
      rows: 9,
      alreadyImported: false,
    });
    const found = res.body.problems.map((p: RowProblem) => [p.row, p.column, p.rule]);
    expect(found).toEqual([
      [3, 'reference', 'case_reference_hkid'],
      [4, 'category', 'category_unknown'],
      [5, 'firstContactOn', 'contact_before_referral'],
      [6, 'unit', 'unit_unknown'],
      [7, 'reference', 'case_reference_repeated'],
      [8, 'reference', 'case_reference_taken'],
      [9, 'referredOn', 'date_invalid'],
      [9, 'referralSource', 'value_not_allowed'],
      [9, 'firstContactMeans', 'first_contact_incomplete'],
      [11, 'referredOn', 'date_in_future'],
    ]);
    // The same sentences as the API's own 422s.
    const taken422 = res.body.problems.find((p: RowProblem) => p.rule === 'case_reference_taken');
    expect(taken422.message).toBe(`There is already a case ${taken}.`);
    const hkid = await answered(newCase('A1234567'), 422);
    expect(res.body.problems[0].message).toBe(hkid.error.details![0]!.message);
    expect(await counts()).toEqual(before);

    // Imported for real, the same file is 422 naming every problem, and stores nothing.
    const real = await upload('cases', file);
    expect(real.status).toBe(422);
    expect(real.body.error.code).toBe('import_has_problems');
    expect(real.body.error.details).toHaveLength(10);
    expect(real.body.error.details[0]).toMatchObject({
      path: 'rows.3.reference',
      rule: 'case_reference_hkid',
      params: { row: 3, column: 'reference' },
    });
    expect(await counts()).toEqual(before);
  });

  test('a header without a required column, or with an unknown one', async () => {
    const res = await upload(
      'cases',
      csv([
        ['unit', 'reference', 'category', 'referredOn', 'name'],
        [unit, 'X-1', 'abuser', '2025-05-02', 'someone'],
      ]),
      { dryRun: true },
    );
    expect(res.status).toBe(200);
    expect(res.body.problems.map((p: RowProblem) => [p.row, p.column, p.rule])).toEqual([
      [1, 'name', 'column_unknown'],
      [1, 'referralSource', 'column_missing'],
    ]);
  });

  test('attendance: beyond the module’s hours, over the file’s rows and what is stored', async () => {
    const reference = `AT-${unique()}`;
    const made = await upload(
      'cases',
      csv([CASE_HEADER, [unit, reference, 'abuser', '2025-05-02', 'school', '', '']]),
    );
    expect(made.status, made.text).toBe(201);
    const file = await workbook([
      ATTENDANCE_HEADER,
      [unit, reference, 'learning_6h', 'basic', new Date(Date.UTC(2025, 5, 1)), 2, ''],
      [unit, reference, 'learning_6h', 'basic', '2025-06-08', 3.5, ''],
      [unit, reference, 'learning_6h', 'basic', '2025-06-15', 1, '2025-06-15'],
      [unit, reference, 'children_4h', 'basic', '2025-06-15', 1, ''],
      [unit, 'NOBODY-1', 'learning_6h', 'basic', '2025-06-15', 1, ''],
      [unit, reference, 'learning_6h', 'basic', '2025-04-01', 0.25, ''],
    ]);
    const before = await counts();
    const res = await upload('attendance', file, { dryRun: true, type: XLSX });
    expect(res.status, res.text).toBe(200);
    expect(res.body.problems.map((p: RowProblem) => [p.row, p.column, p.rule])).toEqual([
      [4, 'hours', 'beyond_module_hours'],
      [5, 'programme', 'module_not_for_category'],
      [6, 'reference', 'case_unknown'],
      [7, 'hours', 'hours_invalid'],
      [7, 'date', 'attended_before_referral'],
    ]);
    expect(res.body.problems[0].params).toEqual({ moduleHours: 6, recordedHours: 5.5 });
    expect(await counts()).toEqual(before);
  });
});

describe('a clean file is stored in one transaction, once', () => {
  test('cases with first contacts, audited; the same file again stores nothing', async () => {
    const refs = [`N-${unique()}`, `N-${unique()}`];
    const file = csv([
      CASE_HEADER,
      [unit, refs[0]!, 'abuser', '2025-12-23', 'school', '2025-12-24', 'home_visit'],
      [unit, `"${refs[1]}"`, 'child', '2025-05-02', 'self', '', ''],
    ]);
    const before = await counts();
    const dry = await upload('cases', file, { dryRun: true });
    expect(dry.body).toMatchObject({ problems: [], stored: { cases: 2, contacts: 1 } });
    expect(await counts()).toEqual(before);

    const res = await upload('cases', file);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ dryRun: false, stored: { cases: 2, contacts: 1 } });
    expect(await counts()).toEqual({
      ...before,
      cases: before.cases + 2,
      contacts: before.contacts + 1,
    });
    const stored = await t.db
      .selectFrom('cases')
      .select(['reference', 'contact_due_on', 'first_contact_on'])
      .where('reference', 'in', refs)
      .orderBy('reference')
      .execute();
    // Ten working days after 23 December 2025, past Christmas and New Year's Day.
    const first = stored.find((s) => s.reference === refs[0])!;
    expect(first).toMatchObject({ contact_due_on: '2026-01-09', first_contact_on: '2025-12-24' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('cases_imported');

    // A retry of the same bytes (an answer lost on the way) does not double anything.
    const again = await upload('cases', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyImported: true, stored: { cases: 2, contacts: 1 } });
    const dryAgain = await upload('cases', file, { dryRun: true });
    expect(dryAgain.body).toMatchObject({ alreadyImported: true, problems: [] });
    expect(await count('cases')).toBe(before.cases + 2);
  });

  test('attendance: enrolments made or found, hours summed, the end recorded', async () => {
    const reference = `AT-${unique()}`;
    await upload(
      'cases',
      csv([CASE_HEADER, [unit, reference, 'abuser', '2025-05-02', 'school', '', '']]),
    );
    const file = csv([
      ATTENDANCE_HEADER,
      [unit, reference, 'learning_6h', 'basic', '2025-06-01', '2', ''],
      [unit, reference, 'learning_6h', 'basic', '2025-06-08', '2.5', '2025-06-08'],
    ]);
    const before = await counts();
    const res = await upload('attendance', file);
    expect(res.status, res.text).toBe(201);
    expect(res.body.stored).toEqual({ enrolments: 1, sessions: 2 });
    const again = await upload('attendance', file);
    expect(again.body.alreadyImported).toBe(true);
    expect(await counts()).toEqual({
      ...before,
      enrolments: before.enrolments + 1,
      attendance: before.attendance + 2,
    });
    const enrolment = await t.db
      .selectFrom('enrolments as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select(['e.half_hours', 'e.ended_on'])
      .where('c.reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(enrolment).toEqual({ half_hours: 9, ended_on: '2025-06-08' });
    // A second file adds to the same enrolment, within its 6 hours.
    const more = await upload(
      'attendance',
      csv([ATTENDANCE_HEADER, [unit, reference, 'learning_6h', 'basic', '2025-06-09', '2', '']]),
      { dryRun: true },
    );
    expect(more.body.problems[0]).toMatchObject({
      rule: 'beyond_module_hours',
      params: { moduleHours: 6, recordedHours: 4.5 },
    });
  });

  test('the template, filled in, imports', async () => {
    const template = await t.app.request('/api/v1/case-imports/cases/template.xlsx', {
      headers: { cookie: own.cookie! },
    });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await template.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...CASE_HEADER]);
    sheet.addRow([unit, `TPL-${unique()}`, 'victim', '2025-07-01', 'other_department']);
    const filled = new Uint8Array(await book.xlsx.writeBuffer());
    const res = await upload('cases', filled, { type: XLSX });
    expect(res.status, res.text).toBe(201);
    // A file download, read as text.
    const csvTemplate = await t.call('GET', '/case-imports/attendance/template.csv', { as: own });
    expect(csvTemplate.text).toBe(`${ATTENDANCE_HEADER.join(',')}\r\n`);
  });
});

describe('refusals', () => {
  test('another operator’s unit is refused, and nothing is stored', async () => {
    const file = csv([
      CASE_HEADER,
      [unit, `B-${unique()}`, 'abuser', '2025-05-02', 'self', '', ''],
    ]);
    const before = await counts();
    const res = await upload('cases', file, { as: other });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].rule).toBe('unit_unknown');
    expect(await counts()).toEqual(before);
  });

  test('SWD cannot import', async () => {
    const res = await upload('cases', csv([CASE_HEADER]), { as: swd });
    expect(res.status).toBe(403);
  });

  test('a 50 MB body is 413 before it is read', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const res = await upload('cases', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  test('a type other than CSV or xlsx is 415', async () => {
    for (const type of ['application/json', 'application/pdf', 'text/plain']) {
      const res = await upload('cases', '{}', { type });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
  });

  test('more rows than the cap, an unreadable workbook, text that is not UTF-8', async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [
      unit,
      `CAP-${i}`,
      'abuser',
      '2025-05-02',
      'self',
    ]);
    const many = await upload('cases', csv([CASE_HEADER.slice(0, 5), ...rows]), { dryRun: true });
    expect(many.status).toBe(422);
    expect(many.body.error.details[0].rule).toBe('too_many_rows');
    const broken = await upload('cases', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), { type: XLSX });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details[0].rule).toBe('file_unreadable');
    const latin1 = await upload('cases', new Uint8Array([0x75, 0x6e, 0xe9, 0x0d, 0x0a]));
    expect(latin1.status).toBe(422);
    expect(latin1.body.error.details[0].rule).toBe('file_unreadable');
    const quote = await upload('cases', 'unit,reference\r\n"A-S,"x\r\n');
    expect(quote.status).toBe(422);
  });
});
