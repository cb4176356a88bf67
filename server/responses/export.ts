import ExcelJS from 'exceljs';
import type { Db } from '../db/open.ts';
import { allQuestions, type QuestionnaireDefinition } from '../domain/definition.ts';
import { likertLabels, LIKERT_VALUES } from '../domain/likert.ts';
import { exportRows } from './analysis-repository.ts';

/** Which responses an export holds: one activity's, one financial year's, or all of them. */
export interface ExportFilter {
  activityId?: string | undefined;
  /** The year the financial year starts (2026 for 2026-27), by `completedAt` in Hong Kong time. */
  fiscalYear?: number | undefined;
}

type Cell = string | number | boolean | null;

const hongKongTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A coordinator's own responses for their own analysis: one row per response, one column per
 * question name, and the value labels of every question. Never offered to SWD (it holds free
 * text).
 */
async function responseTable(db: Db, operatorId: string, filter: ExportFilter) {
  const { responses, versions } = await exportRows(db, operatorId, filter);
  const labels: Cell[][] = [];
  const columns: string[] = [];
  for (const v of versions) {
    const definition = v.definition;
    for (const { element } of allQuestions(definition)) {
      if (!element.name || element.type === 'html') continue;
      if (!columns.includes(element.name)) columns.push(element.name);
      const choices =
        element.type === 'likert'
          ? LIKERT_VALUES.map((value) => ({
              value,
              zh: likertLabels('zh-HK')[value],
              en: likertLabels('en')[value],
            }))
          : (element.choices ?? []).map((c) => {
              const choice = typeof c === 'object' && c !== null ? c : { value: c };
              const text = (choice as { text?: Record<string, string> }).text;
              return { value: choice.value, zh: text?.['zh-HK'] ?? '', en: text?.en ?? '' };
            });
      for (const c of choices)
        labels.push([v.questionnaire_id, v.version, element.name, String(c.value), c.zh, c.en]);
    }
  }
  const header = [
    'response',
    'activity',
    'activity date',
    'kind',
    'unit',
    'questionnaire',
    'version',
    'language',
    'completed (HK time)',
    'source',
    'voided',
    ...columns,
  ];
  const rows: Cell[][] = responses.map((r) => [
    r.id,
    r.title,
    r.date,
    r.kind,
    r.unit,
    r.questionnaire_id,
    r.version,
    r.locale,
    hongKongTime(r.completed_at),
    r.source,
    r.voided_at ? 'voided' : '',
    ...columns.map((name) => {
      const value = r.answers[name];
      return value === undefined || value === null
        ? null
        : Array.isArray(value)
          ? value.join(';')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : (value as string | number | boolean);
    }),
  ]);
  return { header, rows, labels };
}

const LABEL_HEADER = ['questionnaire', 'version', 'question', 'value', '中文', 'English'];

/** The responses as a workbook: one row each, and the value labels in a second sheet. */
export async function responsesWorkbook(
  db: Db,
  operatorId: string,
  filter: ExportFilter = {},
): Promise<Buffer> {
  const table = await responseTable(db, operatorId, filter);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  const sheet = workbook.addWorksheet('Responses 回應');
  const labels = workbook.addWorksheet('Value labels 答案標籤');
  labels.addRow(LABEL_HEADER).font = { bold: true };
  for (const row of table.labels) labels.addRow(row);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  labels.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// A cell that starts like a formula is written as text, so a spreadsheet never runs it.
const csvField = (value: Cell) => {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The same rows as the workbook's first sheet, as CSV (UTF-8 with a byte-order mark, so Excel
 * shows Chinese); the answers are the stored values, which the workbook's second sheet labels.
 */
export async function responsesCsv(
  db: Db,
  operatorId: string,
  filter: ExportFilter = {},
): Promise<string> {
  const { header, rows } = await responseTable(db, operatorId, filter);
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
