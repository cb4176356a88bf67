import ExcelJS from 'exceljs';
import type { Programme } from '../programmes/repository.ts';
import type { operatorTable, ResolvedQuery } from './service.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';

type Table = Awaited<ReturnType<typeof operatorTable>>;
type Figures = Table['territory'][number];

const HEADINGS: [string, string][] = [
  ['標準', 'Standard'],
  ['成效標準', 'Outcome standard'],
  ['協定水平', 'Agreed level'],
  ['同意人數', 'Agreed'],
  ['回應人數', 'Respondents'],
  ['未有回答', 'Non-respondents'],
  ['百分比', 'Percent'],
  ['達標', 'Met'],
];

const metText = (met: boolean | null) => (met === null ? '' : met ? '達標 Met' : '未達標 Not met');

/** One sheet: a title block (scope, year, date produced, in Chinese and English), then a table. */
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
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`範圍 Scope: ${scope}`]);
  sheet.addRow([
    `財政年度 Financial year: ${fiscalYearLabel(year)} (${year}-04-01 – ${year + 1}-03-31)`,
  ]);
  sheet.addRow([`製作日期 Produced: ${new Date().toISOString().slice(0, 10)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(HEADINGS.map(([zh, en]) => `${zh}\n${en}`));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const s of standards) {
    const standard = programme.outcomeStandards.find((x) => x.number === s.number);
    sheet.addRow([
      s.number,
      standard ? `${standard.name['zh-HK']}\n${standard.name.en}` : '',
      s.agreedPercent === null ? null : s.agreedPercent / 100,
      s.agreed,
      s.respondents,
      s.nonRespondents,
      s.percent === null ? null : s.percent / 100,
      metText(s.met),
    ]).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.getColumn(3).numFmt = '0%';
  sheet.getColumn(7).numFmt = '0.0%';
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 60 : 14));
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return sheet;
}

/**
 * outcomes.xlsx: the same numbers as outcomes.csv for a finance officer. SWD's territory-wide
 * file has an overview of every operator first, then one sheet per operator.
 */
export async function outcomesWorkbook(
  q: ResolvedQuery,
  table: Table,
  figures: Figures[],
): Promise<Buffer> {
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
    figures,
    scope,
    q.fiscalYear,
  );
  if (!q.operator && !q.unit) {
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
      ...standards.flatMap((n) => [`標準 ${n} %`, `標準 ${n} 人數 n`, `標準 ${n} 達標 Met`]),
    ]);
    header.font = { bold: true };
    for (const op of table.operators) {
      overview.addRow([
        `${op.code} ${op.name['zh-HK'] ?? ''} ${op.name.en ?? ''}`.trim(),
        ...op.standards.flatMap((s) => [
          s.percent === null ? null : s.percent / 100,
          s.respondents,
          metText(s.met),
        ]),
      ]);
    }
    standards.forEach((_, i) => (overview.getColumn(2 + i * 3).numFmt = '0.0%'));
    overview.getColumn(1).width = 50;
    overview.views = [{ state: 'frozen', ySplit: header.number, xSplit: 1 }];
    for (const op of table.operators) {
      addStandardsSheet(
        workbook,
        op.code,
        `${programmeName} — ${op.name['zh-HK'] ?? ''} ${op.name.en ?? ''}`,
        q.programme,
        op.standards,
        op.code,
        q.fiscalYear,
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
