import ExcelJS from 'exceljs';
import type { Programme } from '../programmes/repository.ts';
import type { OutcomeRow } from './rows.ts';
import type { ResolvedQuery } from './service.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';

type Figures = OutcomeRow['standards'][number];

// Percentages are stored as the API gives them (57.1, not 0.571): a division by 100 would store
// float noise (0.5710000000000001) where the cell shows 57.1%, and a finance officer's formula
// would disagree with the CSV. The format adds the sign without scaling.
const PERCENT = '0.0"%"';
const LEVEL = '0"%"';

const FIGURE_HEADINGS: [string, string][] = [
  ['協定水平', 'Agreed level'],
  ['同意人數', 'Agreed'],
  ['回應人數', 'Respondents'],
  ['未有回答', 'Non-respondents'],
  ['百分比', 'Percent'],
  ['達標', 'Met'],
  ['95% 區間下限', '95% interval, low'],
  ['95% 區間上限', '95% interval, high'],
  ['判斷', 'Verdict'],
];

/** The verdict of issue 16 in both languages (the CSV has its code). */
export const VERDICT_TEXT = {
  met: '達標 Met',
  not_met: '未達標 Not met',
  too_few_to_tell: '人數太少，未能判斷 Too few to tell',
} as const;
const verdictText = (verdict: Figures['verdict']) => (verdict ? VERDICT_TEXT[verdict] : '');

const metText = (met: boolean | null) => (met === null ? '' : met ? '達標 Met' : '未達標 Not met');
const bilingual = (text: Record<string, string> | undefined) =>
  `${text?.['zh-HK'] ?? ''} ${text?.en ?? ''}`.trim();
const heading = ([zh, en]: [string, string]) => `${zh}\n${en}`;

/** The figures of a standard, in FIGURE_HEADINGS' order. */
const figureCells = (s: Figures) => [
  s.agreedPercent,
  s.agreed,
  s.respondents,
  s.nonRespondents,
  s.percent,
  metText(s.met),
  s.interval?.low ?? null,
  s.interval?.high ?? null,
  verdictText(s.verdict),
];

function titleBlock(sheet: ExcelJS.Worksheet, title: string, scope: string, year: number) {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`範圍 Scope: ${scope}`]);
  sheet.addRow([
    `財政年度 Financial year: ${fiscalYearLabel(year)} (${year}-04-01 – ${year + 1}-03-31)`,
  ]);
  sheet.addRow([`製作日期 Produced: ${new Date().toISOString().slice(0, 10)}`]);
  sheet.addRow([]);
}

function headerRow(sheet: ExcelJS.Worksheet, headings: string[]) {
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  return header;
}

/** One sheet of one scope's standards: a title block, then a standard per row. */
function addStandardsSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  programme: Programme,
  standards: Figures[],
  scope: string,
  year: number,
) {
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  titleBlock(sheet, title, scope, year);
  const header = headerRow(sheet, [
    heading(['標準', 'Standard']),
    heading(['成效標準', 'Outcome standard']),
    ...FIGURE_HEADINGS.map(heading),
  ]);
  for (const s of standards) {
    const standard = programme.outcomeStandards.find((x) => x.number === s.number);
    sheet.addRow([
      s.number,
      standard ? `${standard.name['zh-HK']}\n${standard.name.en}` : '',
      ...figureCells(s),
    ]).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.getColumn(3).numFmt = LEVEL;
  for (const column of [7, 9, 10]) sheet.getColumn(column).numFmt = PERCENT;
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 60 : 14));
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
}

/** What a row is, in both languages ("Region C", "Operator DEMO", "Unit DEMO-SPEAR"). */
function rowLabel(row: OutcomeRow, programme: Programme): string {
  const team = programme.areaKind === 'team';
  switch (row.level) {
    case 'scope':
      return row.operator || row.unit || row.region
        ? '所選範圍 Selected scope'
        : '全港 Territory-wide';
    case 'region':
      return team ? '隊 Team' : '區域 Region';
    case 'operator':
      return '營辦機構 Operator';
    case 'unit':
      return '單位 Unit';
  }
}

/**
 * Every row of outcomes.csv, in its order, one standard per line: the same columns and numbers,
 * with headings and names in Chinese and English (a table a pivot table can read).
 */
function addAllFiguresSheet(
  workbook: ExcelJS.Workbook,
  q: ResolvedQuery,
  rows: OutcomeRow[],
  title: string,
  scope: string,
) {
  const sheet = workbook.addWorksheet('全部數字 All figures');
  titleBlock(sheet, title, scope, q.fiscalYear);
  const area: [string, string] =
    q.programme.areaKind === 'team' ? ['隊', 'Team'] : ['區域', 'Region'];
  const header = headerRow(sheet, [
    heading(['層級', 'Level']),
    heading(['營辦機構', 'Operator']),
    heading(['機構名稱', 'Operator name']),
    heading(['單位', 'Unit']),
    heading(area),
    heading([`${area[0]}名稱`, `${area[1]} name`]),
    heading(['標準', 'Standard']),
    ...FIGURE_HEADINGS.map(heading),
  ]);
  for (const row of rows) {
    for (const s of row.standards) {
      sheet.addRow([
        rowLabel(row, q.programme),
        row.operator?.code ?? null,
        row.operator ? bilingual(row.operator.name) : null,
        row.unit,
        row.region?.code ?? null,
        row.region ? bilingual(row.region.name) : null,
        s.number,
        ...figureCells(s),
      ]);
    }
  }
  sheet.getColumn(8).numFmt = LEVEL;
  for (const column of [12, 14, 15]) sheet.getColumn(column).numFmt = PERCENT;
  sheet.columns.forEach((column, i) => (column.width = i === 2 || i === 5 ? 36 : 14));
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: 16 },
  };
}

/** SWD's overview as on the screen: operators down, standards across, then regions and territory. */
function addOverviewSheet(
  workbook: ExcelJS.Workbook,
  q: ResolvedQuery,
  rows: OutcomeRow[],
  programmeName: string,
) {
  const overview = workbook.addWorksheet('營辦機構 Operators');
  overview.addRow([`${programmeName} — ${fiscalYearLabel(q.fiscalYear)}`]).font = {
    bold: true,
    size: 14,
  };
  overview.addRow([`製作日期 Produced: ${new Date().toISOString().slice(0, 10)}`]);
  overview.addRow([]);
  const standards = q.programme.outcomeStandards.map((s) => s.number);
  const header = overview.addRow([
    '營辦機構 Operator',
    ...standards.flatMap((n) => [
      `標準 ${n} %`,
      `標準 ${n} 人數 n`,
      `標準 ${n} 達標 Met`,
      `標準 ${n} 判斷 Verdict`,
    ]),
  ]);
  header.font = { bold: true };
  const line = (label: string, figures: Figures[]) =>
    overview.addRow([
      label,
      ...figures.flatMap((s) => [s.percent, s.respondents, metText(s.met), verdictText(s.verdict)]),
    ]);
  for (const row of rows.filter((r) => r.level === 'operator'))
    line(`${row.operator!.code} ${bilingual(row.operator!.name)}`, row.standards);
  overview.addRow([]);
  const regions = rows.filter((r) => r.level === 'region');
  if (regions.length) {
    overview.addRow([q.programme.areaKind === 'team' ? '隊 Teams' : '區域 Regions']).font = {
      bold: true,
    };
    for (const row of regions) line(bilingual(row.region!.name) || row.region!.code, row.standards);
  }
  const scope = rows[0]!;
  line(scope.region ? bilingual(scope.region.name) : '全港 Territory-wide', scope.standards).font =
    { bold: true };
  standards.forEach((_, i) => (overview.getColumn(2 + i * 4).numFmt = PERCENT));
  overview.getColumn(1).width = 50;
  overview.views = [{ state: 'frozen', ySplit: header.number, xSplit: 1 }];
}

/**
 * outcomes.xlsx: the same rows and numbers as outcomes.csv for a finance officer. A summary of
 * the asked scope, then every row (regions, operators, units); SWD's territory-wide file adds an
 * overview as on the screen and one sheet per operator.
 */
export async function outcomesWorkbook(q: ResolvedQuery, rows: OutcomeRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  workbook.created = new Date();
  const programmeName = `${q.programme.name['zh-HK']} ${q.programme.name.en}`;
  const scope =
    [q.operator?.code, q.unit?.code, q.region ? `${q.programme.areaKind} ${q.region}` : null]
      .filter(Boolean)
      .join(' / ') || '全港 Territory-wide';
  addStandardsSheet(
    workbook,
    '總覽 Summary',
    programmeName,
    q.programme,
    rows[0]!.standards,
    scope,
    q.fiscalYear,
  );
  addAllFiguresSheet(workbook, q, rows, programmeName, scope);
  if (!q.operator && !q.unit) {
    addOverviewSheet(workbook, q, rows, programmeName);
    for (const row of rows.filter((r) => r.level === 'operator')) {
      addStandardsSheet(
        workbook,
        row.operator!.code,
        `${programmeName} — ${bilingual(row.operator!.name)}`,
        q.programme,
        row.standards,
        row.operator!.code,
        q.fiscalYear,
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
