// The annual performance pack as a workbook: the same figures as GET /units/{code}/pack/{year},
// one sheet, headings in Chinese and English like the other workbooks (outcomes/xlsx.ts).
import ExcelJS from 'exceljs';
import { VERDICT_TEXT } from '../outcomes/xlsx.ts';
import type { PackBody } from './service.ts';

const PERCENT = '0.0"%"';

const bilingual = (text: Record<string, string> | null | undefined) =>
  `${text?.['zh-HK'] ?? ''} ${text?.en ?? ''}`.trim();
const metText = (met: boolean | null) => (met === null ? '' : met ? '達標 Met' : '未達標 Not met');
const heading = (zh: string, en: string) => `${zh}\n${en}`;

function section(sheet: ExcelJS.Worksheet, title: string, headings: string[]) {
  sheet.addRow([]);
  sheet.addRow([title]).font = { bold: true, size: 12 };
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
}

/** The pack as an xlsx file. */
export async function packWorkbook(pack: PackBody): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  const sheet = workbook.addWorksheet('Pack 年度表現');
  sheet.columns = [
    { width: 12 },
    { width: 48 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
    { width: 14 },
    { width: 26 },
    { width: 14 },
  ];
  const u = pack.unit;
  sheet.addRow(['年度表現資料 Annual performance pack']).font = { bold: true, size: 14 };
  sheet.addRow(['單位 Unit', u.code]);
  sheet.addRow(['機構 Operator', `${bilingual(u.operator.name)} (${u.operator.code})`]);
  sheet.addRow(['計劃 Programme', `${bilingual(u.programme.name)} (${u.programme.code})`]);
  sheet.addRow(['地區 Region', u.regionName ? `${bilingual(u.regionName)} (${u.region})` : '']);
  sheet.addRow(['財政年度 Financial year', `${pack.fiscalYear} (${pack.from} – ${pack.to})`]);
  sheet.addRow(['計算至 As at', pack.asAt]);
  sheet.addRow(['未達標準 Standards not met', pack.notMet]);

  section(sheet, '服務量標準 Output standards', [
    heading('標準', 'Standard'),
    heading('名稱', 'Name'),
    heading('實際', 'Actual'),
    heading('分母', 'Of'),
    heading('百分比', 'Percent'),
    heading('協定水平', 'Agreed level'),
    heading('調整後水平', 'After conversion'),
    heading('達標', 'Met'),
  ]);
  for (const s of pack.outputs) {
    const row = sheet.addRow([
      `OS${s.number}`,
      bilingual(s.name),
      s.actual,
      s.of,
      s.percent,
      s.agreedLevel,
      s.adjustedLevel,
      metText(s.met),
    ]);
    row.getCell(5).numFmt = PERCENT;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  section(sheet, '成效標準 Outcome standards', [
    heading('標準', 'Standard'),
    heading('名稱', 'Name'),
    heading('協定水平', 'Agreed level'),
    heading('同意人數', 'Agreed'),
    heading('回應人數', 'Respondents'),
    heading('未有回答', 'Non-respondents'),
    heading('百分比', 'Percent'),
    heading('95% 區間下限', '95% interval, low'),
    heading('95% 區間上限', '95% interval, high'),
    heading('判斷', 'Verdict'),
    heading('覆蓋（完成學習計劃人數）', 'Coverage (of completers)'),
  ]);
  for (const s of pack.outcomes) {
    const row = sheet.addRow([
      `OC${s.number}`,
      bilingual(s.name),
      s.agreedPercent,
      s.agreed,
      s.respondents,
      s.nonRespondents,
      s.percent,
      s.interval?.low ?? null,
      s.interval?.high ?? null,
      s.verdict ? VERDICT_TEXT[s.verdict] : metText(s.met),
      s.coverage ? `${s.coverage.respondents} / ${s.coverage.population}` : '',
    ]);
    for (const cell of [3, 7, 8, 9]) row.getCell(cell).numFmt = PERCENT;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const fc = pack.firstContact;
  section(
    sheet,
    `首次接觸（${fc.withinWorkingDays} 個工作天內） First contact within ${fc.withinWorkingDays} working days`,
    [
      heading('個案', 'Cases'),
      heading('準時', 'In time'),
      heading('遲了', 'Late'),
      heading('逾期未接觸', 'Overdue'),
      heading('未到期', 'Waiting'),
      heading('達標', 'Met'),
    ],
  );
  sheet.addRow([fc.cases, fc.inTime, fc.late, fc.overdue, fc.waiting, metText(fc.met)]);

  // The coordinator's words on a sheet of their own, wide enough to read.
  const words = workbook.addWorksheet('Explanations 解釋');
  words.columns = [{ width: 24 }, { width: 60 }, { width: 60 }, { width: 12 }];
  const header = words.addRow([
    heading('標準', 'Standard'),
    heading('解釋', 'Explanation'),
    heading('行動計劃', 'Action plan'),
    heading('更新', 'Updated'),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const explained = [
    ...pack.outputs.map((s) => [`OS${s.number}`, s] as const),
    ...pack.outcomes.map((s) => [`OC${s.number}`, s] as const),
    ['首次接觸 First contact', fc] as const,
  ];
  for (const [label, s] of explained) {
    if (s.met !== false && !s.explanation) continue;
    const row = words.addRow([
      label,
      s.explanation?.explanation ?? '',
      s.explanation?.actionPlan ?? '',
      s.explanation?.updatedAt.slice(0, 10) ?? '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
