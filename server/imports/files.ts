// Reading an uploaded file into rows (CSV by RFC 4180, or the first sheet of an xlsx), and the
// templates coordinators fill in. The rows' rules are server/domain/case-import.ts.
import { parseString } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ruleBroken, ruleDetail } from '../errors.ts';
import {
  IMPORT_CHOICES,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  type ImportKind,
  type ImportRow,
} from '../domain/case-import.ts';

export const CSV_TYPE = 'text/csv';
export { XLSX_TYPE } from '../http/schemas.ts';

/** The most an xlsx may unpack to: a 1 MB upload could otherwise unpack to a gigabyte. */
const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;

export interface ImportFile {
  header: string[];
  rows: ImportRow[];
}

const unreadable = (why: string) =>
  ruleBroken(`The file cannot be read: ${why}`, [
    ruleDetail('file', `The file cannot be read: ${why}`, 'file_unreadable'),
  ]);

function tooManyRows(rows: number) {
  return ruleBroken(`The file has ${rows} rows; import at most ${MAX_IMPORT_ROWS} at a time.`, [
    ruleDetail(
      'file',
      `The file has ${rows} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
      'too_many_rows',
      { rows, maxRows: MAX_IMPORT_ROWS },
    ),
  ]);
}

/** The data rows of a table whose first row is the header; blank rows are skipped. */
function toFile(table: string[][]): ImportFile {
  const [first = [], ...rest] = table;
  const header = first.map((h) => h.trim());
  const rows: ImportRow[] = [];
  rest.forEach((values, i) => {
    if (values.every((v) => !v.trim())) return;
    const cells: Record<string, string> = {};
    header.forEach((name, c) => {
      if (name) cells[name] = values[c] ?? '';
    });
    rows.push({ row: i + 2, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows(rows.length);
  return { header, rows };
}

async function readCsv(bytes: Uint8Array): Promise<ImportFile> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable('it is not UTF-8 text (save it as “CSV UTF-8”).');
  }
  if (text.includes('\u0000')) throw unreadable('it holds NUL characters.');
  const table = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString(text, { headers: false, ignoreEmpty: false, trim: false })
      .on('error', reject)
      .on('data', (row: string[]) => {
        out.push(row);
        if (out.length > MAX_IMPORT_ROWS + 100) reject(tooManyRows(out.length));
      })
      .on('end', () => resolve(out));
  }).catch((error: unknown) => {
    if (error instanceof Error && 'status' in error) throw error;
    throw unreadable(`it is not CSV (${(error as Error).message}).`);
  });
  return toFile(table);
}

/** A cell as text: dates as YYYY-MM-DD (Excel stores a date cell as a UTC midnight). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ImportFile> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw unreadable('it is not an Excel workbook (.xlsx).');
  }
  let unpacked = 0;
  zip.forEach((_, entry) => {
    // The central directory's sizes: what the entries would unpack to.
    unpacked +=
      (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (unpacked > MAX_UNPACKED_BYTES) throw unreadable('it unpacks to more than 32 MB.');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('it is not an Excel workbook (.xlsx).');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  if (sheet.rowCount > MAX_IMPORT_ROWS + 100) throw tooManyRows(sheet.rowCount - 1);
  const width = sheet.columnCount;
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: string[] = [];
    for (let c = 1; c <= width; c++) values.push(cellText(row.getCell(c).value));
    table.push(values);
  }
  return toFile(table);
}

/** The rows of an uploaded file by its type (the route has refused any other type). */
export function readImportFile(bytes: Uint8Array, type: 'csv' | 'xlsx'): Promise<ImportFile> {
  return type === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}

/** The template of a kind as CSV: the header row only. */
export const templateCsv = (kind: ImportKind) =>
  `${IMPORT_COLUMNS[kind].map((c) => c.name).join(',')}\r\n`;

/** The template of a kind as xlsx: the header row, and a sheet listing the fixed values. */
export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(kind);
  const columns = IMPORT_COLUMNS[kind];
  sheet.addRow(columns.map((c) => c.name));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = 18;
    // Text cells, so Excel keeps "0012" and dates as typed.
    column.numFmt = '@';
  });
  const choices = book.addWorksheet('values');
  choices.addRow(['column', 'values']);
  choices.getRow(1).font = { bold: true };
  for (const c of columns) {
    const list = IMPORT_CHOICES[c.name];
    if (list) choices.addRow([c.name, list.join(', ')]);
  }
  choices.addRow(['dates', 'YYYY-MM-DD']);
  if (kind === 'attendance') choices.addRow(['hours', 'half hours: 0.5, 1, 1.5 …']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
