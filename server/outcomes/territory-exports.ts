// The territory table as CSV and xlsx (issue 16): the screen's rows (each operator, then each of
// its units) and columns (every outcome standard, then every output standard), the same figures.
import ExcelJS from 'exceljs';
import type { TerritoryBody } from './territory.ts';
import { VERDICT_TEXT } from './xlsx.ts';

type Row = TerritoryBody['operators'][number]['units'][number];
type Cell = string | number | boolean | null;

const OUTCOME_FIELDS = [
  ['Percent', '百分比', 'percent'],
  ['Agreed', '同意人數', 'agreed'],
  ['Respondents', '回應人數', 'respondents'],
  ['IntervalLow', '95% 區間下限', 'interval low'],
  ['IntervalHigh', '95% 區間上限', 'interval high'],
  ['Verdict', '判斷', 'verdict'],
] as const;
const OUTPUT_FIELDS = [
  ['Actual', '實際', 'actual'],
  ['Of', '分母', 'of'],
  ['Level', '協定水平（調整後）', 'level after conversion'],
  ['Met', '達標', 'met'],
] as const;

/** The columns: a code (CSV header) and a bilingual heading (xlsx) each. */
function columns(body: TerritoryBody) {
  return [
    { code: 'programme', heading: '計劃\nProgramme' },
    { code: 'fiscalYear', heading: '財政年度\nFinancial year' },
    { code: 'operator', heading: '機構\nOperator' },
    { code: 'unit', heading: '單位\nUnit' },
    { code: 'region', heading: '地區\nRegion' },
    ...body.outcomeStandards.flatMap((s) =>
      OUTCOME_FIELDS.map(([code, zh, en]) => ({
        code: `outcome${s.number}${code}`,
        heading: `成效標準 ${s.number} ${zh}\nOutcome standard ${s.number}: ${en}`,
      })),
    ),
    ...body.outputStandards.flatMap((s) =>
      OUTPUT_FIELDS.map(([code, zh, en]) => ({
        code: `output${s.number}${code}`,
        heading: `服務量標準 ${s.number} ${zh}\nOutput standard ${s.number}: ${en}`,
      })),
    ),
  ];
}

/** The rows, each as its cells: `verdict` and `met` turn the codes into words (xlsx) or not (CSV). */
function rows(
  body: TerritoryBody,
  words: {
    verdict: (v: Row['outcomes'][number]['verdict']) => Cell;
    met: (m: boolean | null) => Cell;
  },
): Cell[][] {
  const figures = (row: Pick<Row, 'outcomes' | 'outputs'>): Cell[] => [
    ...row.outcomes.flatMap((s) => [
      s.percent,
      s.agreed,
      s.respondents,
      s.interval?.low ?? null,
      s.interval?.high ?? null,
      words.verdict(s.verdict),
    ]),
    ...row.outputs.flatMap((s) => [s.actual, s.of, s.level, words.met(s.met)]),
  ];
  return body.operators.flatMap((o) => [
    [body.programme, body.fiscalYear, o.code, null, o.regions.join(' '), ...figures(o)],
    ...o.units.map((u) => [
      body.programme,
      body.fiscalYear,
      o.code,
      u.code,
      u.region,
      ...figures(u),
    ]),
  ]);
}

const field = (value: Cell) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** territory.csv: UTF-8 with BOM, a header row of codes, a row per operator and per unit. */
export function territoryCsv(body: TerritoryBody): string {
  const codes = columns(body).map((c) => c.code);
  // Percents and interval bounds with their one decimal, as the API and screen give them.
  const decimal = codes.map((code) => /Percent$|IntervalLow$|IntervalHigh$/.test(code));
  const lines = rows(body, { verdict: (v) => v, met: (m) => m }).map((cells) =>
    cells.map((c, i) => (typeof c === 'number' && decimal[i] ? c.toFixed(1) : field(c))).join(','),
  );
  return `\uFEFF${[codes.join(','), ...lines].join('\r\n')}\r\n`;
}

/** territory.xlsx: the same rows and columns, headings in both languages, verdicts in words. */
export async function territoryWorkbook(body: TerritoryBody): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  const sheet = workbook.addWorksheet('全港 Territory');
  sheet.addRow([`全港成效及服務量 Territory table: ${body.programme} ${body.fiscalYear}`]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([
    `範圍 Scope: ${[body.operator, body.region].filter(Boolean).join(' / ') || '全港 Territory-wide'}`,
  ]);
  sheet.addRow([`製作日期 Produced: ${new Date().toISOString().slice(0, 10)}`]);
  sheet.addRow([]);
  const cols = columns(body);
  const header = sheet.addRow(cols.map((c) => c.heading));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const headerNumber = header.number;
  for (const cells of rows(body, {
    verdict: (v) => (v ? VERDICT_TEXT[v] : null),
    met: (m) => (m === null ? null : m ? '達標 Met' : '未達標 Not met'),
  })) {
    const row = sheet.addRow(cells);
    if (cells[3] === null) row.font = { bold: true };
  }
  cols.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = i < 5 ? 14 : 12;
    if (/Percent$|IntervalLow$|IntervalHigh$/.test(c.code)) column.numFmt = '0.0"%"';
  });
  sheet.views = [{ state: 'frozen', xSplit: 4, ySplit: headerNumber }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
