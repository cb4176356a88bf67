// What the service-record pages share: the coordinator's units and their programmes' lists, the
// submit cycle of their small forms (checks, call, the server's refusal in the reader's
// language), dates in Hong Kong and the first-contact badge.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, ruleValues, type ErrorDetail } from '../app/api.ts';
import { checksFailed, describeError, type FieldErrors, type FormProblem } from '../app/forms.tsx';
import { TIME_ZONE } from '../app/time.ts';
import type { Unit } from '../app/types.ts';
import { localised, type Language } from '../i18n/index.ts';
import recordsEn from '../i18n/locales/en/records.json';
import { recordsApi, type FirstContact, type OutputStandards, type Programme } from './api.ts';
import './records.css';

type T = TFunction<'records'>;

/** Today's date in Hong Kong, `YYYY-MM-DD`. */
export const todayInHongKong = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);

/** The units a person may record for (a coordinator's own), their programmes and lists. */
export interface RecordsSetup {
  units: Unit[];
  programmes: Programme[];
  /** Output standards and service lists, by programme code. */
  lists: Map<string, OutputStandards>;
}

/** Loads the units of the signed-in coordinator's operator and what their programmes list. */
export async function loadSetup(operator: string | null): Promise<RecordsSetup> {
  const [operators, programmes] = await Promise.all([
    recordsApi.operators(),
    recordsApi.programmes(),
  ]);
  const units = operators.items.find((o) => o.code === operator)?.units ?? [];
  const codes = [...new Set(units.map((u) => u.programme))];
  const lists = await Promise.all(codes.map((code) => recordsApi.outputStandards(code)));
  return {
    units,
    programmes: programmes.items,
    lists: new Map(codes.map((code, i) => [code, lists[i]!])),
  };
}

/** The name of an item of a programme's service list (a category, a support service). */
export function listName(
  setup: Pick<RecordsSetup, 'lists'>,
  programme: string,
  list: 'serviceUserCategories' | 'communitySupportServices',
  code: string,
  language: Language,
) {
  const found = setup.lists.get(programme)?.lists[list]?.find((item) => item.code === code);
  return localised(found?.name, language, code);
}

/**
 * A refused record's problem in the reader's language when the page knows its rule; otherwise
 * the server's English sentence.
 */
export function ruleProblem(t: T, detail: ErrorDetail): string {
  if (!detail.rule || !Object.hasOwn(recordsEn.rules, detail.rule)) return detail.message;
  return t(
    `rules.${detail.rule as keyof typeof recordsEn.rules}`,
    ruleValues(detail.params, (code) => code),
  );
}

/**
 * A small form's submit cycle: its own checks first, then the call; a refusal comes back as a
 * summary and per-field messages in the reader's language.
 */
export function useRecordForm(labels: Record<string, string>) {
  const { t } = useTranslation('records');
  const { t: staffT } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent, checks: FieldErrors, call: () => Promise<unknown>) {
    event.preventDefault();
    setFieldErrors(checks);
    const failed = checksFailed(t('form.problems'), checks, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return false;
    }
    setBusy(true);
    setProblem(null);
    try {
      await call();
      setBusy(false);
      return true;
    } catch (error) {
      const described = describeError(
        staffT,
        error,
        (path) => labels[path],
        (detail) => ruleProblem(t, detail),
      );
      if (error instanceof ApiError && error.code === 'case_reference_taken')
        described.problem = { message: t('rules.case_reference_taken'), items: [] };
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
      setBusy(false);
      return false;
    }
  }
  return { busy, problem, fieldErrors, submit };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date field's own check: required, a real date, not after today in Hong Kong. */
export function dateProblem(t: T, date: string): string | undefined {
  if (!DATE.test(date) || Number.isNaN(Date.parse(date))) return t('form.invalidDate');
  if (date > todayInHongKong()) return t('rules.date_in_future');
  return undefined;
}

/** Where a case's first contact stands, as a badge. */
export function FirstContactBadge({ status }: { status: FirstContact }) {
  const { t } = useTranslation('records');
  return <span className={`badge contact-${status}`}>{t(`firstContact.${status}`)}</span>;
}

/** A unit as the pickers show it: its code and programme's name. */
export function unitLabel(unit: Unit, programmes: Programme[], language: Language) {
  const name = localised(programmes.find((p) => p.code === unit.programme)?.name, language);
  return name ? `${unit.code} (${name})` : unit.code;
}
