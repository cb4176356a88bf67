// Importing cases and attendance from a spreadsheet (issue 15): which columns a file has, and
// every problem of every row, in the rules' own codes and sentences (case-rules.ts), so a dry
// run says exactly what the API would refuse. Pure and browser-safe: the server gives it the
// operator's units and stored cases, and stores what it returns only when nothing is wrong.
import { caseReferenceProblems } from './case-reference.ts';
import {
  attendanceDateProblems,
  beyondModuleHours,
  categoryProblems,
  contactProblems,
  endProblems,
  moduleProblems,
  notInFuture,
  referenceTaken,
  unitUnknown,
} from './case-rules.ts';
import { ruleDetail, type ErrorDetail, type RuleParams } from './error-detail.ts';
import {
  CONTACT_MEANS,
  MODULE_LEVELS,
  MODULE_PROGRAMMES,
  moduleHalfHours,
  REFERRAL_SOURCES,
  type ModuleProgramme,
} from './service-records.ts';

export const IMPORT_KINDS = ['cases', 'attendance'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The most data rows one file may hold (a year of a busy unit is a few hundred). */
export const MAX_IMPORT_ROWS = 5000;

/** Each kind's columns, in the template's order; the first row of a file names them. */
export const IMPORT_COLUMNS = {
  cases: [
    { name: 'unit', required: true },
    { name: 'reference', required: true },
    { name: 'category', required: true },
    { name: 'referredOn', required: true },
    { name: 'referralSource', required: true },
    { name: 'firstContactOn', required: false },
    { name: 'firstContactMeans', required: false },
  ],
  attendance: [
    { name: 'unit', required: true },
    { name: 'reference', required: true },
    { name: 'programme', required: true },
    { name: 'module', required: true },
    { name: 'date', required: true },
    { name: 'hours', required: true },
    { name: 'endedOn', required: false },
  ],
} as const satisfies Record<ImportKind, readonly { name: string; required: boolean }[]>;

/** The values a column takes, where they are a fixed list (the template lists them). */
export const IMPORT_CHOICES: Record<string, readonly string[]> = {
  referralSource: REFERRAL_SOURCES,
  firstContactMeans: CONTACT_MEANS,
  programme: MODULE_PROGRAMMES,
  module: MODULE_LEVELS,
};

/** One data row: its number as the spreadsheet shows it (the header is row 1), cells by column. */
export interface ImportRow {
  row: number;
  cells: Record<string, string>;
}

/** One problem of a file: where (row and column, as the spreadsheet shows them) and which rule. */
export interface RowProblem {
  row: number;
  column: string;
  /** What the cell holds ('' when empty or for the whole row). */
  value: string;
  rule: string;
  message: string;
  params?: RuleParams;
}

const at = (
  row: number,
  details: ErrorDetail[],
  cells: Record<string, string> = {},
): RowProblem[] =>
  details.map((d) => ({
    row,
    column: d.path,
    value: (cells[d.path] ?? '').trim(),
    rule: d.rule ?? 'invalid',
    message: d.message,
    ...(d.params ? { params: d.params } : {}),
  }));

/** The header row's problems: a required column missing, a column unknown or given twice. */
export function headerProblems(kind: ImportKind, header: readonly string[]): RowProblem[] {
  const columns: readonly { name: string; required: boolean }[] = IMPORT_COLUMNS[kind];
  const known = new Set(columns.map((c) => c.name));
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const label = name || `#${i + 1}`;
    if (!name) return; // a blank column header: a column left empty
    if (!known.has(name))
      problems.push(
        ruleDetail(
          label,
          `${name} is not a column of a ${kind} file; use ${[...known].join(', ')}.`,
          'column_unknown',
          { columns: [...known] },
        ),
      );
    else if (seen.has(name))
      problems.push(ruleDetail(label, `${name} is given twice.`, 'column_repeated'));
    seen.add(name);
  });
  for (const c of columns)
    if (c.required && !seen.has(c.name))
      problems.push(ruleDetail(c.name, `The file has no ${c.name} column.`, 'column_missing'));
  return at(1, problems, Object.fromEntries(header.map((name, i) => [name || `#${i + 1}`, name])));
}

const DATE = /^(20\d\d|2100)-\d{2}-\d{2}$/;
const realDate = (d: string) => {
  const time = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
};

/** Reads one row's cells, collecting the problems of each value as it goes. */
class RowReader {
  readonly problems: ErrorDetail[] = [];
  constructor(private readonly cells: Record<string, string>) {}

  text(column: string, required = true): string | null {
    const value = (this.cells[column] ?? '').trim();
    if (value) return value;
    if (required)
      this.problems.push(ruleDetail(column, `Give ${column} a value.`, 'value_required'));
    return null;
  }

  date(column: string, required = true): string | null {
    const value = this.text(column, required);
    if (value === null) return null;
    if (DATE.test(value) && realDate(value)) return value;
    this.problems.push(
      ruleDetail(
        column,
        DATE.test(value) ? `No such date: ${value}.` : 'Use YYYY-MM-DD, a year from 2000 to 2100.',
        'date_invalid',
        { value },
      ),
    );
    return null;
  }

  choice<T extends string>(column: string, choices: readonly T[], required = true): T | null {
    const value = this.text(column, required);
    if (value === null) return null;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problems.push(
      ruleDetail(column, `${value} is not one of ${choices.join(', ')}.`, 'value_not_allowed', {
        value,
        choices: [...choices],
      }),
    );
    return null;
  }

  /** Hours in half hours: "1.5" is 3. */
  halfHours(column: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    const hours = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (hours > 0 && Number.isInteger(hours * 2)) return hours * 2;
    this.problems.push(
      ruleDetail(column, 'Record hours in half hours, more than 0.', 'hours_invalid', { value }),
    );
    return null;
  }
}

/** What the server knows of the importing operator for a cases file. */
export interface CaseImportContext {
  today: string;
  /** The operator's units by code, each with its programme's service-user categories. */
  units: ReadonlyMap<string, { programme: string; categories: readonly string[] }>;
  /** References among the file's that the operator has stored already. */
  takenReferences: ReadonlySet<string>;
}

export interface CaseToStore {
  row: number;
  unit: string;
  reference: string;
  category: string;
  referredOn: string;
  referralSource: (typeof REFERRAL_SOURCES)[number];
  firstContact: { date: string; means: (typeof CONTACT_MEANS)[number] } | null;
}

/** Every problem of a cases file's rows, and the cases to store when there is none. */
export function checkCaseRows(rows: readonly ImportRow[], ctx: CaseImportContext) {
  const problems: RowProblem[] = [];
  const cases: CaseToStore[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of rows) {
    const r = new RowReader(cells);
    const unitCode = r.text('unit');
    const unit = unitCode === null ? undefined : ctx.units.get(unitCode);
    if (unitCode !== null && !unit) r.problems.push(unitUnknown(unitCode));
    const reference = r.text('reference');
    if (reference !== null) {
      r.problems.push(...caseReferenceProblems(reference));
      const first = firstRowOf.get(reference);
      if (first !== undefined)
        r.problems.push(
          ruleDetail(
            'reference',
            `${reference} is on row ${first} already.`,
            'case_reference_repeated',
            { row: first },
          ),
        );
      else if (ctx.takenReferences.has(reference)) r.problems.push(referenceTaken(reference));
      if (first === undefined) firstRowOf.set(reference, row);
    }
    const category = r.text('category');
    if (category !== null && unit && unitCode !== null)
      r.problems.push(...categoryProblems(unit.programme, unit.categories, category));
    const referredOn = r.date('referredOn');
    if (referredOn) r.problems.push(...notInFuture(referredOn, 'referredOn', ctx.today));
    const referralSource = r.choice('referralSource', REFERRAL_SOURCES);
    const contactOn = r.date('firstContactOn', false);
    const means = r.choice('firstContactMeans', CONTACT_MEANS, false);
    const contactGiven = Boolean(cells.firstContactOn?.trim());
    const meansGiven = Boolean(cells.firstContactMeans?.trim());
    if (contactGiven !== meansGiven) {
      const missing = contactGiven ? 'firstContactMeans' : 'firstContactOn';
      r.problems.push(
        ruleDetail(
          missing,
          'A first contact needs both its date and its means.',
          'first_contact_incomplete',
        ),
      );
    }
    if (contactOn) {
      r.problems.push(...notInFuture(contactOn, 'firstContactOn', ctx.today));
      if (referredOn) r.problems.push(...contactProblems(contactOn, referredOn, 'firstContactOn'));
    }
    problems.push(...at(row, r.problems, cells));
    if (r.problems.length) continue;
    cases.push({
      row,
      unit: unitCode!,
      reference: reference!,
      category: category!,
      referredOn: referredOn!,
      referralSource: referralSource!,
      firstContact: contactOn && means ? { date: contactOn, means } : null,
    });
  }
  return { problems, cases };
}

/** What the server knows of the importing operator for an attendance file. */
export interface AttendanceImportContext {
  today: string;
  /** The operator's units by code. */
  units: ReadonlySet<string>;
  /** The operator's stored cases named in the file, by reference, with their enrolments. */
  cases: ReadonlyMap<
    string,
    {
      id: string;
      unit: string;
      programme: string;
      category: string;
      referredOn: string;
      enrolments: readonly {
        id: string;
        programme: string;
        module: string;
        halfHours: number;
        createdAt: number;
      }[];
    }
  >;
}

/** One enrolment's sessions from the file: an existing enrolment (id) or a new one (null). */
export interface EnrolmentToStore {
  caseId: string;
  enrolmentId: string | null;
  programme: ModuleProgramme;
  module: (typeof MODULE_LEVELS)[number];
  endedOn: string | null;
  /** The half hours recorded before the file. */
  recordedHalfHours: number;
  sessions: { row: number; date: string; halfHours: number }[];
}

/**
 * Every problem of an attendance file's rows, and the sessions to store grouped by enrolment:
 * a row names the case's module (programme and level), recorded in its latest enrolment in that
 * module or, if it has none, a new one. `endedOn`, where given, records the module's end.
 */
export function checkAttendanceRows(rows: readonly ImportRow[], ctx: AttendanceImportContext) {
  const problems: RowProblem[] = [];
  const enrolments = new Map<string, EnrolmentToStore & { endedOnRow: number | null }>();
  for (const { row, cells } of rows) {
    const r = new RowReader(cells);
    const unitCode = r.text('unit');
    if (unitCode !== null && !ctx.units.has(unitCode)) r.problems.push(unitUnknown(unitCode));
    const reference = r.text('reference');
    const found = reference === null ? undefined : ctx.cases.get(reference);
    if (reference !== null && unitCode !== null && ctx.units.has(unitCode)) {
      if (!found || found.unit !== unitCode)
        r.problems.push(
          ruleDetail(
            'reference',
            `Unit ${unitCode} has no case ${reference}: import or record the case first.`,
            'case_unknown',
          ),
        );
    }
    const programme = r.choice('programme', MODULE_PROGRAMMES);
    const module = r.choice('module', MODULE_LEVELS);
    const date = r.date('date');
    const halfHours = r.halfHours('hours');
    const endedOn = r.date('endedOn', false);
    const known = found && found.unit === unitCode ? found : undefined;
    if (known && programme) r.problems.push(...moduleProblems(known, programme));
    if (known && date)
      r.problems.push(...attendanceDateProblems(date, known.referredOn, ctx.today));
    if (known && endedOn) r.problems.push(...endProblems(known.referredOn, endedOn, ctx.today));
    if (!r.problems.length && known && programme && module && date && halfHours) {
      const key = `${known.id} ${programme} ${module}`;
      let enrolment = enrolments.get(key);
      if (!enrolment) {
        const latest = known.enrolments
          .filter((e) => e.programme === programme && e.module === module)
          .sort((a, b) => b.createdAt - a.createdAt)[0];
        enrolment = {
          caseId: known.id,
          enrolmentId: latest?.id ?? null,
          programme,
          module,
          endedOn: null,
          endedOnRow: null,
          recordedHalfHours: latest?.halfHours ?? 0,
          sessions: [],
        };
        enrolments.set(key, enrolment);
      }
      const before =
        enrolment.recordedHalfHours + enrolment.sessions.reduce((n, s) => n + s.halfHours, 0);
      if (before + halfHours > moduleHalfHours(programme))
        r.problems.push(beyondModuleHours(programme, before));
      if (endedOn && enrolment.endedOn && endedOn !== enrolment.endedOn)
        r.problems.push(
          ruleDetail(
            'endedOn',
            `Row ${enrolment.endedOnRow} says the module ended on ${enrolment.endedOn}.`,
            'ended_on_differs',
            { row: enrolment.endedOnRow!, endedOn: enrolment.endedOn },
          ),
        );
      if (!r.problems.length) {
        enrolment.sessions.push({ row, date, halfHours });
        if (endedOn && !enrolment.endedOn) {
          enrolment.endedOn = endedOn;
          enrolment.endedOnRow = row;
        }
      }
    }
    problems.push(...at(row, r.problems, cells));
  }
  return {
    problems,
    enrolments: [...enrolments.values()].map(({ endedOnRow: _, ...e }) => e),
  };
}
