import ExcelJS from 'exceljs';
import type { OutputsBody } from './service.ts';

const COLUMNS = [
  'programme',
  'fiscalYear',
  'quarter',
  'operator',
  'unit',
  'region',
  'standard',
  'measure',
  'actual',
  'of',
  'percent',
  'agreedLevel',
  'adjustedLevel',
  'met',
  'unitsMet',
  'units',
] as const;
const FIRST_CONTACT = ['cases', 'inTime', 'late', 'overdue', 'waiting'] as const;

const field = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const rowsOf = (body: OutputsBody) => [
  ...body.standards.map((s) => [
    body.programme,
    body.fiscalYear,
    body.quarter,
    body.operator,
    body.unit,
    body.region,
    `OS${s.number}`,
    s.measure,
    s.actual,
    s.of,
    s.percent,
    s.agreedLevel,
    s.adjustedLevel,
    s.met,
    s.unitsMet,
    body.units,
  ]),
  // The first-contact requirement, one row per figure, in the same columns.
  ...FIRST_CONTACT.map((name) => [
    body.programme,
    body.fiscalYear,
    body.quarter,
    body.operator,
    body.unit,
    body.region,
    `first_contact_${name}`,
    'count',
    body.firstContact[name],
    null,
    null,
    null,
    null,
    null,
    null,
    body.units,
  ]),
];

/** outputs.csv: UTF-8 with BOM, one header row, a row per standard, then the first-contact figures. */
export function outputsCsv(body: OutputsBody): string {
  const lines = rowsOf(body).map((r) => r.map(field).join(','));
  return `\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** outputs.xlsx: the same rows on one sheet, with the standards' names in both languages. */
export async function outputsWorkbook(body: OutputsBody): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('服務量 Outputs');
  sheet.addRow([
    `${body.programme} ${body.fiscalYear}${body.quarter ? ` Q${body.quarter}` : ''}`,
  ]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([`${body.from} – ${body.to}; as at ${body.asAt}`]);
  sheet.addRow([]);
  sheet.addRow([...COLUMNS, 'name (zh-HK)', 'name (en)']).font = { bold: true };
  const names = new Map(body.standards.map((s) => [`OS${s.number}`, s.name]));
  for (const row of rowsOf(body)) {
    const name = names.get(row[6] as string);
    sheet.addRow([...row, name?.['zh-HK'] ?? null, name?.en ?? null]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
