import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeError,
  ErrorSummary,
  SelectField,
  StatusMessage,
  TextField,
  type FormProblem,
} from '../app/forms.tsx';
import type { ErrorDetail } from '../app/api.ts';
import { LoadFailed, Loading } from '../app/page.tsx';
import { useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity, type QuestionnaireVersion } from './api.ts';
import {
  HK_OFFSET,
  languageName,
  newResponseId,
  questionnaireLabel,
  responseProblem,
  timeInHongKong,
  todayInHongKong,
} from './names.ts';
import { answersOf, PaperSurvey, usePaperForm } from './PaperSurvey.tsx';

const NOON = '12:00';
const TIME = /^\d{2}:\d{2}$/;
const key = (q: { id: string; version: number }) => `${q.id}/${q.version}`;

/** Noon on the activity's day, or now if that is still to come today (a future time is refused). */
function defaultTime(date: string): string {
  if (date !== todayInHongKong()) return NOON;
  const now = timeInHongKong();
  return now < NOON ? now : NOON;
}

type Loaded = { state: 'loading' } | { state: 'failed'; error: unknown } | QuestionnaireVersion;

/** Typing in paper forms of the activity, one after another, each a new response. */
export function PaperEntry({ activity, onSaved }: { activity: Activity; onSaved: () => void }) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const language = useLanguage();
  const usable = activity.questionnaires.filter(
    (q) => q.status === 'approved' || q.status === 'retired',
  );
  const [chosen, setChosen] = useState(usable[0] ? key(usable[0]) : '');
  const questionnaire = usable.find((q) => key(q) === chosen);
  const [version, setVersion] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [locale, setLocale] = useState('');
  const [time, setTime] = useState(() => defaultTime(activity.date));
  const [form, setForm] = useState(0);
  const [responseId, setResponseId] = useState(newResponseId);
  const [entered, setEntered] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [blankAllowed, setBlankAllowed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!questionnaire) return;
    let current = true;
    setVersion({ state: 'loading' });
    activitiesApi.version(questionnaire.id, questionnaire.version).then(
      (loaded) => {
        if (!current) return;
        setVersion(loaded);
        const locales = loaded.definition.locales ?? [];
        setLocale((l) =>
          locales.includes(l) ? l : locales.includes(language) ? language : (locales[0] ?? ''),
        );
      },
      (error: unknown) => current && setVersion({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // The staff language only picks the first default; changing it later keeps the paper's.
  }, [questionnaire?.id, questionnaire?.version, attempt]);

  const loaded = 'definition' in version ? version : null;
  const model = usePaperForm(loaded?.definition ?? null, locale, form);

  if (!questionnaire) {
    return (
      <section aria-labelledby="paper-heading" className="panel">
        <h2 id="paper-heading">{t('paper.heading')}</h2>
        <p>{t('paper.noQuestionnaire')}</p>
      </section>
    );
  }

  async function save() {
    if (!model || !questionnaire || !loaded) return;
    const answers = answersOf(model);
    if (!TIME.test(time)) {
      setProblem({ message: t('paper.problems'), items: [{ message: t('paper.timeInvalid') }] });
      return;
    }
    if (!Object.keys(answers).length && !blankAllowed) {
      setBlankAllowed(true);
      setProblem({ message: t('paper.blank'), items: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await activitiesApi.submitPaper(activity.id, {
        id: responseId,
        questionnaire: { id: questionnaire.id, version: questionnaire.version },
        locale,
        answers,
        completedAt: `${activity.date}T${time}:00${HK_OFFSET}`,
      });
      setEntered((n) => n + 1);
      setResponseId(newResponseId());
      setForm((n) => n + 1);
      setBlankAllowed(false);
      onSaved();
      heading.current?.focus();
    } catch (error) {
      const labels: Record<string, string> = {
        completedAt: t('paper.time'),
        locale: t('paper.language'),
        questionnaire: t('paper.questionnaire'),
      };
      const said = (detail: ErrorDetail) => responseProblem(t, detail);
      setProblem(describeError(staffT, error, (path) => labels[path], said).problem);
    } finally {
      setBusy(false);
    }
  }

  const locales = loaded?.definition.locales ?? [];
  return (
    <section aria-labelledby="paper-heading" className="panel">
      <h2 id="paper-heading" ref={heading} tabIndex={-1}>
        {t('paper.heading')}
      </h2>
      <p>{t('paper.intro')}</p>
      <StatusMessage>{entered > 0 ? t('paper.entered', { count: entered }) : null}</StatusMessage>
      <div className="field-row">
        <SelectField
          id="paper-questionnaire"
          label={t('paper.questionnaire')}
          value={chosen}
          onChange={(event) => {
            setChosen(event.target.value);
            setProblem(null);
          }}
        >
          {usable.map((q) => (
            <option key={key(q)} value={key(q)}>
              {questionnaireLabel(t, q, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="paper-locale"
          label={t('paper.language')}
          hint={t('paper.languageHint')}
          value={locale}
          disabled={!loaded}
          onChange={(event) => setLocale(event.target.value)}
        >
          {locales.map((code) => (
            <option key={code} value={code}>
              {languageName(t, code)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="paper-time"
          label={t('paper.time')}
          hint={t('paper.timeHint', { date: activity.date })}
          type="time"
          value={time}
          onChange={(event) => setTime(event.target.value)}
          required
        />
      </div>
      {'state' in version ? (
        version.state === 'loading' ? (
          <Loading />
        ) : (
          <LoadFailed error={version.error} retry={() => setAttempt((n) => n + 1)} />
        )
      ) : model ? (
        <div role="group" aria-label={t('paper.formLabel', { number: entered + 1 })}>
          <PaperSurvey key={`${form}-${locale}-${chosen}`} model={model} locale={locale} />
          <ErrorSummary problem={problem} />
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void save()}
          >
            {busy ? t('paper.saving') : blankAllowed ? t('paper.saveBlank') : t('paper.save')}
          </button>
        </div>
      ) : (
        <Loading />
      )}
    </section>
  );
}
