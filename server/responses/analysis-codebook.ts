// The codebook of a labelled export (issue 21): which variables, how each answer is coded, and
// their labels in one language. Pure: the writers (analysis-exports.ts) turn it into SPSS, R
// and Stata syntax around one CSV file.
import {
  allQuestions,
  type Choice,
  type LocalisedText,
  type SurveyElement,
} from '../domain/definition.ts';
import { likertLabels, LIKERT_SCORES, LIKERT_VALUES, type LikertValue } from '../domain/likert.ts';
import type { AnalysisRows } from './analysis-repository.ts';

export interface ValueLabel {
  code: number;
  label: string;
}

/** One column of the CSV, and one variable in each statistics package. */
export interface Variable {
  name: string;
  label: string;
  type: 'string' | 'number';
  level: 'nominal' | 'ordinal' | 'scale';
  /** Value labels; variables with the same `labelSet` share one (SPSS, Stata, R alike). */
  values?: ValueLabel[];
  labelSet?: string;
  /** Free text a participant wrote (only coordinators of the operator may read it). */
  freeText?: boolean;
  cell: (response: Response) => string | number | null;
}

type Response = AnalysisRows['responses'][number];

const WORDS: Record<string, Record<string, string>> = {
  en: {
    response_id: 'Response id (made by the tablet)',
    activity_id: 'Activity id',
    activity: 'Activity title',
    activity_date: 'Activity date',
    activity_kind: 'Kind of activity',
    unit: 'Unit (service team or contract area)',
    questionnaire: 'Questionnaire id',
    version: 'Questionnaire version',
    language: 'Language the participant answered in',
    completed: 'Completed (Hong Kong time)',
    source: 'How it arrived (kiosk, paper, quarantine)',
    chosen: 'Chosen',
    notChosen: 'Not chosen',
    yes: 'Yes',
    no: 'No',
  },
  'zh-HK': {
    response_id: '回應編號（平板電腦產生）',
    activity_id: '活動編號',
    activity: '活動名稱',
    activity_date: '活動日期',
    activity_kind: '活動類別',
    unit: '單位（服務隊或合約地區）',
    questionnaire: '問卷編號',
    version: '問卷版本',
    language: '參加者作答的語言',
    completed: '完成時間（香港時間）',
    source: '收集方式（平板、紙本、隔離區）',
    chosen: '已選',
    notChosen: '未選',
    yes: '是',
    no: '否',
  },
};
const word = (locale: string, key: string) => (WORDS[locale] ?? WORDS.en!)[key]!;

const hongKongTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

// Names every package accepts: a letter first, then letters, digits and _, at most 32 (Stata).
const RESERVED = new Set(
  [
    ...['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with'],
    ...['byte', 'double', 'float', 'if', 'in', 'int', 'long', 'using', 'strl', 'str'],
    ...['true', 'false', 'null', 'na', 'nan', 'inf', 'else', 'for', 'while', 'function'],
    ...['repeat', 'next', 'break'],
  ].map((w) => w.toLowerCase()),
);
function variableName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  if (!/^[A-Za-z]/.test(base)) base = `q_${base}`;
  base = base.slice(0, 28).replace(/_$/, '') || 'q';
  if (RESERVED.has(base.toLowerCase())) base = `${base}_`;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

const textIn = (text: LocalisedText | undefined, locale: string, fallback: string) =>
  text?.[locale] ?? text?.en ?? text?.['zh-HK'] ?? fallback;
const singleLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

interface ChoiceOption {
  value: unknown;
  text: string;
}
const choiceOptions = (choices: unknown, locale: string): ChoiceOption[] =>
  (Array.isArray(choices) ? (choices as Choice[]) : []).map((c) =>
    typeof c === 'object' && c !== null
      ? { value: c.value, text: textIn(c.text, locale, String(c.value)) }
      : { value: c, text: String(c) },
  );

/** Codes for a list of options: the values themselves when all are integers, else 1, 2, 3…. */
function codeOptions(options: ChoiceOption[]) {
  const integers = options.every((o) => Number.isInteger(o.value));
  const codes = new Map<string, ValueLabel>();
  options.forEach((o, i) => {
    if (!codes.has(String(o.value)))
      codes.set(String(o.value), { code: integers ? Number(o.value) : i + 1, label: o.text });
  });
  return codes;
}

/** A question as it appears across the versions answered: its element in the latest one. */
interface Question {
  questionnaire: string;
  name: string;
  element: SurveyElement;
  options: ChoiceOption[];
}

/**
 * The variables of an export: the response's context, then each question of each questionnaire
 * answered (versions of one questionnaire share variables, by question name; a name used by two
 * questionnaires gets a suffix). Likert items are coded 5 (strongly agree) to 1 (strongly
 * disagree), "no opinion" 3, as the programme's `mean` scoring counts them.
 */
export function codebook(
  rows: AnalysisRows,
  { locale, freeText }: { locale: string; freeText: boolean },
): Variable[] {
  const taken = new Set<string>();
  const context = (
    key: string,
    type: Variable['type'],
    cell: Variable['cell'],
    level: Variable['level'] = 'nominal',
  ): Variable => ({
    name: variableName(key, taken),
    label: word(locale, key),
    type,
    level,
    cell,
  });
  const variables: Variable[] = [
    context('response_id', 'string', (r) => r.id),
    context('activity_id', 'string', (r) => r.activity_id),
    context('activity', 'string', (r) => r.title),
    context('activity_date', 'string', (r) => r.date),
    context('activity_kind', 'string', (r) => r.kind),
    context('unit', 'string', (r) => r.unit),
    context('questionnaire', 'string', (r) => r.questionnaire_id),
    context('version', 'number', (r) => r.version, 'scale'),
    context('language', 'string', (r) => r.locale),
    context('completed', 'string', (r) => hongKongTime(r.completed_at)),
    context('source', 'string', (r) => r.source),
  ];

  const questions = new Map<string, Question>();
  for (const v of rows.versions) {
    for (const { element } of allQuestions(v.definition)) {
      if (typeof element.name !== 'string' || !element.name || element.type === 'html') continue;
      const id = `${v.questionnaire_id}\u0000${element.name}`;
      const before = questions.get(id);
      const options = [...(before?.options ?? [])];
      for (const o of choiceOptions(element.choices ?? element.rateValues, locale))
        if (!options.some((p) => String(p.value) === String(o.value))) options.push(o);
      questions.set(id, {
        questionnaire: v.questionnaire_id,
        name: element.name,
        element,
        options,
      });
    }
  }
  const usedBy = new Map<string, Set<string>>();
  for (const q of questions.values())
    usedBy.set(q.name, new Set([...(usedBy.get(q.name) ?? []), q.questionnaire]));
  const questionnaires = [...new Set([...questions.values()].map((q) => q.questionnaire))];

  for (const q of questions.values()) {
    const shared = (usedBy.get(q.name)?.size ?? 0) > 1;
    const wanted = shared ? `${q.name}_q${questionnaires.indexOf(q.questionnaire) + 1}` : q.name;
    const label = singleLine(textIn(q.element.title, locale, q.name));
    const answer = (r: Response) =>
      r.questionnaire_id === q.questionnaire ? r.answers[q.name] : undefined;
    variables.push(
      ...questionVariables(q, { wanted, label, locale, freeText, taken, answer, rows }),
    );
  }
  return variables;
}

function questionVariables(
  q: Question,
  context: {
    wanted: string;
    label: string;
    locale: string;
    freeText: boolean;
    taken: Set<string>;
    answer: (r: Response) => unknown;
    rows: AnalysisRows;
  },
): Variable[] {
  const { wanted, label, locale, freeText, taken, answer, rows } = context;
  const type = q.element.type;
  if (type === 'likert') {
    const labels = likertLabels(locale);
    return [
      {
        name: variableName(wanted, taken),
        label,
        type: 'number',
        level: 'ordinal',
        labelSet: 'likert',
        values: LIKERT_VALUES.map((v) => ({ code: LIKERT_SCORES[v], label: labels[v] })),
        cell: (r) => LIKERT_SCORES[answer(r) as LikertValue] ?? null,
      },
    ];
  }
  if (type === 'boolean') {
    const yes = textIn(q.element.labelTrue as LocalisedText, locale, word(locale, 'yes'));
    const no = textIn(q.element.labelFalse as LocalisedText, locale, word(locale, 'no'));
    return [
      {
        name: variableName(wanted, taken),
        label,
        type: 'number',
        level: 'nominal',
        values: [
          { code: 1, label: yes },
          { code: 0, label: no },
        ],
        cell: (r) => {
          const value = answer(r);
          return value === true ? 1 : value === false ? 0 : null;
        },
      },
    ];
  }
  if (type === 'checkbox') {
    const chosen = [
      { code: 1, label: word(locale, 'chosen') },
      { code: 0, label: word(locale, 'notChosen') },
    ];
    return q.options.map((option, i) => ({
      name: variableName(`${wanted}_${i + 1}`, taken),
      label: `${label}: ${singleLine(option.text)}`,
      type: 'number' as const,
      level: 'nominal' as const,
      labelSet: 'chosen',
      values: chosen,
      cell: (r: Response) => {
        const value = answer(r);
        if (!Array.isArray(value)) return null;
        return value.some((v) => String(v) === String(option.value)) ? 1 : 0;
      },
    }));
  }
  if (type === 'radiogroup' || type === 'dropdown' || type === 'rating') {
    const codes = codeOptions(q.options);
    const numeric = type === 'rating' && q.options.length === 0;
    // Values an answer holds that no version offers (an "other" item): coded after the rest.
    for (const r of rows.responses) {
      const value = answer(r);
      if (value === undefined || value === null || value === '' || codes.has(String(value)))
        continue;
      if (numeric && typeof value === 'number') continue;
      const next = Math.max(0, ...[...codes.values()].map((c) => c.code)) + 1;
      codes.set(String(value), { code: next, label: String(value) });
    }
    return [
      {
        name: variableName(wanted, taken),
        label,
        type: 'number',
        level: type === 'rating' ? 'ordinal' : 'nominal',
        ...(codes.size ? { values: [...codes.values()] } : {}),
        cell: (r) => {
          const value = answer(r);
          if (value === undefined || value === null || value === '') return null;
          return codes.get(String(value))?.code ?? (typeof value === 'number' ? value : null);
        },
      },
    ];
  }
  // text and comment: what the participant wrote, for coordinators only.
  if (!freeText) return [];
  return [
    {
      name: variableName(wanted, taken),
      label,
      type: 'string',
      level: 'nominal',
      freeText: true,
      cell: (r) => {
        const value = answer(r);
        if (value === undefined || value === null || value === '') return null;
        return singleLine(typeof value === 'string' ? value : JSON.stringify(value));
      },
    },
  ];
}
