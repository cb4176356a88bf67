import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeError,
  ErrorSummary,
  SelectField,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import type { Unit } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { activitiesApi, type ProgrammeKinds, type QuestionnaireSummary } from './api.ts';
import { questionnaireLabel, todayInHongKong } from './names.ts';

const fieldId = (path: string) => `new-activity-${path.split('.')[0]}`;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An approved version a new activity may use. */
interface Offered {
  id: string;
  version: number;
  title: QuestionnaireSummary['versions'][number]['title'];
}

/** The approved versions of the unit's programme whose population the kind may use. */
export function fittingVersions(
  questionnaires: QuestionnaireSummary[],
  programme: string,
  populations: string[],
): Offered[] {
  return questionnaires
    .filter((q) => q.programme === programme && populations.includes(q.population))
    .flatMap((q) =>
      q.versions
        .filter((v) => v.status === 'approved')
        .map((v) => ({ id: q.id, version: v.version, title: v.title })),
    );
}

const key = (q: { id: string; version: number }) => `${q.id}/${q.version}`;

/** Records an activity (a session) of one of the operator's units. */
export function NewActivity({
  units,
  programmes,
  questionnaires,
  onCreated,
}: {
  units: Unit[];
  programmes: ProgrammeKinds[];
  questionnaires: QuestionnaireSummary[];
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const language = useLanguage();
  const [unit, setUnit] = useState(units.length === 1 ? units[0]!.code : '');
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(todayInHongKong);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = {
    unit: t('create.unit'),
    kind: t('create.kind'),
    title: t('create.title'),
    date: t('create.date'),
    questionnaires: t('create.questionnaires'),
  };

  const programme = programmes.find(
    (p) => p.code === units.find((u) => u.code === unit)?.programme,
  );
  const activityKind = programme?.activityKinds.find((k) => k.code === kind);
  const offered =
    programme && activityKind
      ? fittingVersions(questionnaires, programme.code, activityKind.populations)
      : [];

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!unit) errors.unit = t('create.required');
    if (!kind) errors.kind = t('create.required');
    if (!title.trim()) errors.title = t('create.required');
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) errors.date = t('create.invalidDate');
    return errors;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    const failed = checksFailed(t('create.problems'), errors, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { id } = await activitiesApi.create({
        unit,
        kind,
        title: title.trim(),
        date,
        questionnaires: offered
          .filter((q) => chosen.has(key(q)))
          .map((q) => ({ id: q.id, version: q.version })),
      });
      onCreated(id);
    } catch (error) {
      const described = describeError(staffT, error, (path) => labels[path.split('.')[0]!]);
      setProblem(described.problem);
      setFieldErrors(
        Object.fromEntries(
          Object.entries(described.fieldErrors).map(([path, m]) => [path.split('.')[0]!, m]),
        ),
      );
      setBusy(false);
    }
  }

  const toggle = (q: Offered, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(key(q));
      else next.delete(key(q));
      return next;
    });

  return (
    <section aria-labelledby="new-activity" className="panel">
      <h2 id="new-activity">{t('create.heading')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} fieldId={fieldId} />
        <SelectField
          id={fieldId('unit')}
          label={labels.unit!}
          value={unit}
          onChange={(event) => {
            setUnit(event.target.value);
            setKind('');
            setChosen(new Set());
          }}
          error={fieldErrors.unit}
          required
        >
          <option value="">{t('create.chooseUnit')}</option>
          {units.map((u) => {
            const name = localised(programmes.find((p) => p.code === u.programme)?.name, language);
            return (
              <option key={u.code} value={u.code}>
                {name ? `${u.code} (${name})` : u.code}
              </option>
            );
          })}
        </SelectField>
        <SelectField
          id={fieldId('kind')}
          label={labels.kind!}
          value={kind}
          onChange={(event) => {
            setKind(event.target.value);
            setChosen(new Set());
          }}
          error={fieldErrors.kind}
          hint={programme ? undefined : t('create.chooseUnitFirst')}
          disabled={!programme}
          required
        >
          <option value="">{t('create.chooseKind')}</option>
          {programme?.activityKinds.map((k) => (
            <option key={k.code} value={k.code}>
              {localised(k.name, language, k.code)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldId('title')}
          label={labels.title!}
          value={title}
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldErrors.title}
          hint={t('create.titleHint')}
          required
        />
        <TextField
          id={fieldId('date')}
          label={labels.date!}
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={fieldErrors.date}
          hint={t('create.dateHint')}
          required
        />
        <fieldset id={fieldId('questionnaires')} tabIndex={-1}>
          <legend>{labels.questionnaires}</legend>
          {fieldErrors.questionnaires && (
            <p className="field-error">{fieldErrors.questionnaires}</p>
          )}
          {!activityKind ? (
            <p className="hint">{t('create.chooseKindFirst')}</p>
          ) : activityKind.populations.length === 0 ? (
            <p className="hint">{t('create.noQuestionnairesForKind')}</p>
          ) : offered.length === 0 ? (
            <p className="hint">{t('create.noneApproved')}</p>
          ) : (
            <>
              <p className="hint">{t('create.questionnairesHint')}</p>
              {offered.map((q) => (
                <label key={key(q)} className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.has(key(q))}
                    onChange={(event) => toggle(q, event.target.checked)}
                  />
                  {questionnaireLabel(t, q, language)}
                </label>
              ))}
            </>
          )}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('create.submitting') : t('create.submit')}
        </button>
      </form>
    </section>
  );
}
