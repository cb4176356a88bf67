import ExcelJS from 'exceljs';
import type { Db } from '../db/open.ts';
import { allQuestions, type QuestionnaireDefinition } from '../domain/definition.ts';
import { likertLabels, LIKERT_VALUES } from '../domain/likert.ts';

const hongKongTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A coordinator's own responses for their own analysis: one row per response, one column per
 * question (named `questionnaire-version:question` when versions differ), and the value labels
 * in a second sheet. Never offered to SWD (it holds free text).
 */
export async function responsesWorkbook(db: Db, operatorId: string): Promise<Buffer> {
  const responses = await db
    .selectFrom('responses as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'a.title',
      'a.date',
      'a.kind',
      'u.code as unit',
      'r.questionnaire_id',
      'r.version',
      'r.locale',
      'r.completed_at',
      'r.source',
      'r.voided_at',
      'r.answers',
    ])
    .where('r.operator_id', '=', operatorId)
    .orderBy('r.completed_at')
    .execute();
  const versions = await db
    .selectFrom('questionnaire_versions as v')
    .innerJoin('questionnaires as q', 'q.id', 'v.questionnaire_id')
    .select(['v.questionnaire_id', 'v.version', 'v.definition'])
    .where('q.operator_id', '=', operatorId)
    .where('v.status', 'in', ['approved', 'retired'])
    .orderBy('v.questionnaire_id')
    .orderBy('v.version')
    .execute();

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  const sheet = workbook.addWorksheet('Responses 回應');
  const labels = workbook.addWorksheet('Value labels 答案標籤');
  labels.addRow(['questionnaire', 'version', 'question', 'value', '中文', 'English']).font = {
    bold: true,
  };

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
        labels.addRow([v.questionnaire_id, v.version, element.name, String(c.value), c.zh, c.en]);
    }
  }
  const header = sheet.addRow([
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
  ]);
  header.font = { bold: true };
  for (const r of responses) {
    sheet.addRow([
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
  }
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  labels.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
