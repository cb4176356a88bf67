// The territory table's figures agree between the API, the CSV, the workbook and the screen
// (issue 16), on the demo's sample years (five operators, WESTBAY's outlier, LANTERN's small unit).
import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import type { Actor } from '../../../server/http/context.ts';
import { seedSampleYears } from '../../../server/demo/year.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let cookie: string;
const year = fiscalYearOf(new Date());

async function actor(email: string): Promise<Actor> {
  const user = await server.db
    .selectFrom('users')
    .select(['id', 'email', 'role'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    operatorId: null,
    operatorCode: null,
    via: 'session',
    sessionHash: null,
    mustChangePassword: false,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  const [admin, , swd] = server.demoUsers;
  await seedSampleYears(
    server.db,
    { admin: await actor(admin.email), swd: await actor(swd.email) },
    new Date(),
  );
  browser = await launchBrowser();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: swd.email, password: swd.password }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 600_000);

const get = (path: string) => fetch(`${server.url}/api/v1${path}`, { headers: { cookie } });

/** A figure of one row (operator or unit code) and column, as each source gives it. */
type Figures = Map<string, string>;
const key = (code: string, column: string) => `${code} ${column}`;

test('the territory table: the API, the CSV, the workbook and the screen give the same figures', async () => {
  const query = `programme=SPEAR&fiscalYear=${year}`;
  const api = await (await get(`/outcomes/territory?${query}&units=include`)).json();
  const codes = api.operators.map((o: { code: string }) => o.code);
  expect(codes).toEqual(expect.arrayContaining(['WESTBAY', 'LANTERN']));

  // The API's figures, in the CSV's column names.
  const fromApi: Figures = new Map();
  type Row = {
    code: string;
    outcomes: {
      number: number;
      percent: number | null;
      respondents: number;
      verdict: string | null;
    }[];
    outputs: { number: number; actual: number; met: boolean | null }[];
  };
  const put = (row: Row) => {
    for (const s of row.outcomes) {
      fromApi.set(key(row.code, `outcome${s.number}Percent`), s.percent?.toFixed(1) ?? '');
      fromApi.set(key(row.code, `outcome${s.number}Respondents`), String(s.respondents));
      fromApi.set(key(row.code, `outcome${s.number}Verdict`), s.verdict ?? '');
    }
    for (const s of row.outputs) {
      fromApi.set(key(row.code, `output${s.number}Actual`), String(s.actual));
      fromApi.set(key(row.code, `output${s.number}Met`), s.met === null ? '' : String(s.met));
    }
  };
  for (const o of api.operators) {
    put(o);
    for (const u of o.units) put(u);
  }
  // WESTBAY's outlier is a clear miss; LANTERN's small unit too few to tell on at least one.
  const westbay = api.operators.find((o: Row) => o.code === 'WESTBAY') as Row;
  expect(westbay.outcomes.some((s) => s.verdict === 'not_met')).toBe(true);
  const lantern = api.operators.find((o: Row) => o.code === 'LANTERN') as Row;
  expect(lantern.outcomes.some((s) => s.verdict === 'too_few_to_tell')).toBe(true);

  // The CSV.
  const csv = (await (await get(`/outcomes/territory.csv?${query}`)).text()).replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.trim().split('\r\n');
  const names = header!.split(',');
  const fromCsv: Figures = new Map();
  for (const line of lines) {
    const cells = Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v]));
    const code = cells.unit || cells.operator!;
    for (const name of names)
      if (fromApi.has(key(code, name))) fromCsv.set(key(code, name), cells[name]!);
  }
  expect(fromCsv).toEqual(fromApi);

  // The workbook: the same columns, verdicts and met in words.
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await (await get(`/outcomes/territory.xlsx?${query}`)).arrayBuffer());
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const headerAt = rows.findIndex((r) => String(r[0]).includes('Programme'));
  const WORDS: Record<string, string> = {
    '達標 Met': 'met',
    '未達標 Not met': 'not_met',
    '人數太少，未能判斷 Too few to tell': 'too_few_to_tell',
  };
  const fromXlsx: Figures = new Map();
  for (const r of rows.slice(headerAt + 1)) {
    const code = String(r[3] ?? r[2]);
    names.forEach((name, i) => {
      if (!fromApi.has(key(code, name))) return;
      const value = r[i];
      const text =
        value === null || value === undefined
          ? ''
          : name.endsWith('Percent')
            ? (value as number).toFixed(1)
            : name.endsWith('Verdict')
              ? WORDS[String(value)]!
              : name.endsWith('Met')
                ? String(WORDS[String(value)] === 'met')
                : String(value);
      fromXlsx.set(key(code, name), text);
    });
  }
  expect(fromXlsx).toEqual(fromApi);

  // The screen, as SWD in Chromium: every operator opened, each cell read from the page.
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[2]);
  await page.goto(`${server.url}/reports/territory`);
  await page.locator('.territory-table').waitFor();
  await page.getByRole('button', { name: 'Show every unit' }).click();
  await page
    .locator('.territory-unit')
    .nth(api.operators.length - 1)
    .waitFor();
  const fromScreen: Figures = new Map(
    await page.evaluate(() => {
      const out: [string, string][] = [];
      for (const cell of document.querySelectorAll<HTMLElement>('td[id^="territory-"]')) {
        const [, code, column] = /^territory-(.+)--(outcome|output)-\d+$/.exec(cell.id)!;
        const number = cell.id.split('-').at(-1);
        const text = (figure: string) =>
          cell.querySelector<HTMLElement>(`[data-figure="${figure}"]`)!;
        if (column === 'outcome') {
          const percent = text('percent').textContent!.replace('%', '');
          out.push([`${code} outcome${number}Percent`, percent === '—' ? '' : percent]);
          out.push([
            `${code} outcome${number}Respondents`,
            text('n').textContent!.replace('n = ', ''),
          ]);
          out.push([`${code} outcome${number}Verdict`, text('verdict').dataset.verdict!]);
        } else {
          out.push([`${code} output${number}Actual`, text('actual').dataset.actual!]);
          const met = text('met').className.includes('verdict-met')
            ? 'true'
            : text('met').className.includes('verdict-notMet')
              ? 'false'
              : '';
          out.push([`${code} output${number}Met`, met]);
        }
      }
      return out;
    }),
  );
  expect(fromScreen).toEqual(fromApi);
  // Words, not colour alone: each verdict's cell says it.
  await expect
    .poll(() => page.locator('#territory-WESTBAY--outcome-1').innerText())
    .toMatch(/not met|met|too few to tell/);
  await page.close();
}, 300_000);
