import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-tc/400.css';
import '@fontsource/noto-sans-tc/700.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, StatusMessage, type FormProblem } from '../app/forms.tsx';
import { NotFound } from '../app/NotFound.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { useSessionUser } from '../app/session.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { intervalText, percentText, VERDICT_ICONS, verdictOf } from '../reports/format.ts';
import { fiscalYearParam, packApi, packXlsxUrl, type Explanation, type Pack } from './api.ts';
import './pack.css';

// Set while this page is shown, so pack.css prints the sheet alone (as the paper form does).
const BODY_CLASS = 'pack-page';

/**
 * The annual performance pack of one unit and financial year (issue 16): the document an NGO
 * sends with its self-assessment. It prints on A4 in the page's language; the unit's
 * coordinators write the explanations and action plans here (not in print).
 */
export default function PackPage({ unit, fiscalYear }: { unit: string; fiscalYear: string }) {
  const year = fiscalYearParam(fiscalYear);
  useEffect(() => {
    document.body.classList.add(BODY_CLASS);
    return () => document.body.classList.remove(BODY_CLASS);
  }, []);
  if (year === null) return <NotFound />;
  return <PackView unit={unit} fiscalYear={year} />;
}

function PackView({ unit, fiscalYear }: { unit: string; fiscalYear: number }) {
  const { t } = useTranslation('pack');
  const resource = useResource(() => packApi.get(unit, fiscalYear));
  const year = resource.state === 'ready' ? resource.data.fiscalYear : String(fiscalYear);
  return (
    <div className="pack">
      <div className="pack-controls">
        <PageHeading>{t('title', { unit, year })}</PageHeading>
        <p className="pack-actions">
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>{' '}
          <a href={packXlsxUrl(unit, fiscalYear)} download>
            {t('downloadXlsx')}
          </a>
        </p>
      </div>
      <Loaded resource={resource}>{(pack) => <PackSheet pack={pack} />}</Loaded>
    </div>
  );
}

/** A standard's met as a word with its sign (the contract's `met`; null says nothing). */
function Met({ met }: { met: boolean | null }) {
  const { t } = useTranslation('pack');
  const key = met === null ? 'null' : met ? 'true' : 'false';
  return <span className={`pack-met pack-met-${key}`}>{t(`met.${key}`)}</span>;
}

function PackSheet({ pack }: { pack: Pack }) {
  const { t } = useTranslation('pack');
  const reports = useTranslation('reports').t;
  const language = useLanguage();
  const user = useSessionUser();
  const u = pack.unit;
  const none = t('outputs.none');
  const count = (n: number | null) => (n === null ? none : String(n));
  const explained = [
    ...pack.outputs.map((s) => ({
      key: s.key,
      label: `${t('outputs.number', { number: s.number })} ${localised(s.name, language)}`,
      met: s.met,
      explanation: s.explanation,
    })),
    ...pack.outcomes.map((s) => ({
      key: s.key,
      label: `${t('outcomes.number', { number: s.number })} ${localised(s.name, language)}`,
      met: s.met,
      explanation: s.explanation,
    })),
    {
      key: pack.firstContact.key,
      label: t('firstContact.heading', { days: pack.firstContact.withinWorkingDays }),
      met: pack.firstContact.met,
      explanation: pack.firstContact.explanation,
    },
  ].filter((s) => s.met === false || s.explanation);
  return (
    <article className="pack-sheet" lang={language}>
      <header className="pack-head">
        <p className="pack-kind">{t('documentTitle')}</p>
        <h2 className="pack-title">
          {localised(u.operator.name, language, u.operator.code)}: {u.code}
        </h2>
        <dl className="pack-particulars">
          <dt>{t('programme')}</dt>
          <dd>
            {localised(u.programme.name, language)} ({u.programme.code})
          </dd>
          <dt>{t('operator')}</dt>
          <dd>
            {localised(u.operator.name, language)} ({u.operator.code})
          </dd>
          <dt>{t('unit')}</dt>
          <dd>{u.code}</dd>
          {u.regionName && (
            <>
              <dt>{u.programme.areaKind === 'team' ? t('team') : t('region')}</dt>
              <dd>
                {localised(u.regionName, language)} ({u.region})
              </dd>
            </>
          )}
          <dt>{t('year')}</dt>
          <dd>{t('yearRange', { year: pack.fiscalYear, from: pack.from, to: pack.to })}</dd>
          <dt>{t('asAt')}</dt>
          <dd>{t(pack.final ? 'final' : 'current', { date: pack.asAt })}</dd>
        </dl>
        <p className="pack-summary">{t('notMet', { count: pack.notMet })}</p>
      </header>

      <section className="pack-section">
        <h3>{t('outputs.heading')}</h3>
        <table className="pack-table">
          <thead>
            <tr>
              <th scope="col">{t('outputs.name')}</th>
              <th scope="col">{t('outputs.actual')}</th>
              <th scope="col">{t('outputs.agreed')}</th>
              <th scope="col">{t('outputs.adjusted')}</th>
              <th scope="col">{t('outputs.met')}</th>
            </tr>
          </thead>
          <tbody>
            {pack.outputs.map((s) => (
              <tr key={s.key}>
                <th scope="row">
                  <span className="pack-number">{t('outputs.number', { number: s.number })}</span>{' '}
                  {localised(s.name, language)}
                  {s.illustrative && ` ${t('outputs.illustrative')}`}
                </th>
                <td>
                  {s.measure === 'percent'
                    ? t('outputs.share', {
                        percent: percentText(s.percent) ?? none,
                        count: s.actual,
                        of: s.of ?? 0,
                      })
                    : s.actual}
                </td>
                <td>
                  {s.measure === 'percent' && s.agreedLevel !== null
                    ? `${s.agreedLevel}%`
                    : count(s.agreedLevel)}
                </td>
                <td>
                  {s.measure === 'percent' && s.adjustedLevel !== null
                    ? `${s.adjustedLevel}%`
                    : count(s.adjustedLevel)}
                </td>
                <td>
                  <Met met={s.met} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="pack-note">
          {t('noRefusal', { answer: pack.noRefusalDeclared ? t('yes') : t('no') })}
        </p>
      </section>

      <section className="pack-section">
        <h3>{t('outcomes.heading')}</h3>
        <table className="pack-table">
          <thead>
            <tr>
              <th scope="col">{t('outputs.name')}</th>
              <th scope="col">{t('outcomes.agreed')}</th>
              <th scope="col">{t('outcomes.respondents')}</th>
              <th scope="col">{t('outcomes.nonRespondents')}</th>
              <th scope="col">{t('outcomes.coverage')}</th>
              <th scope="col">{t('outcomes.percent')}</th>
              <th scope="col">{t('outcomes.interval')}</th>
              <th scope="col">{t('outcomes.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {pack.outcomes.map((s) => {
              const verdict = verdictOf(s);
              return (
                <tr key={s.key}>
                  <th scope="row">
                    <span className="pack-number">
                      {t('outcomes.number', { number: s.number })}
                    </span>{' '}
                    {localised(s.name, language)}
                  </th>
                  <td>{s.agreedPercent === null ? none : `${s.agreedPercent}%`}</td>
                  <td>{s.respondents}</td>
                  <td>{s.nonRespondents}</td>
                  <td>
                    {s.coverage?.population === 0
                      ? t('outcomes.noCompleters')
                      : s.coverage
                        ? t('outcomes.coverageText', {
                            respondents: s.coverage.respondents,
                            population: s.coverage.population,
                            percent: percentText(s.coverage.percent) ?? none,
                          })
                        : t('outcomes.noCoverage')}
                  </td>
                  <td>
                    {percentText(s.percent) ?? none}
                    <span className="pack-count">
                      {' '}
                      ({s.agreed}/{s.respondents})
                    </span>
                  </td>
                  <td>{intervalText(s.interval) ?? none}</td>
                  <td>
                    <span className={`pack-verdict pack-verdict-${verdict}`}>
                      <span aria-hidden="true">{VERDICT_ICONS[verdict]}</span>{' '}
                      {reports(`verdict.${verdict}`)}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="pack-note">{t('outcomes.method')}</p>
      </section>

      <section className="pack-section">
        <h3>{t('firstContact.heading', { days: pack.firstContact.withinWorkingDays })}</h3>
        <table className="pack-table pack-table-narrow">
          <thead>
            <tr>
              <th scope="col">{t('firstContact.cases')}</th>
              <th scope="col">{t('firstContact.inTime')}</th>
              <th scope="col">{t('firstContact.late')}</th>
              <th scope="col">{t('firstContact.overdue')}</th>
              <th scope="col">{t('firstContact.waiting')}</th>
              <th scope="col">{t('firstContact.met')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{pack.firstContact.cases}</td>
              <td>{pack.firstContact.inTime}</td>
              <td>{pack.firstContact.late}</td>
              <td>{pack.firstContact.overdue}</td>
              <td>{pack.firstContact.waiting}</td>
              <td>
                <Met met={pack.firstContact.met} />
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="pack-section pack-explanations">
        <h3>{t('explanations.heading')}</h3>
        <p className="pack-note">{t('explanations.intro')}</p>
        {explained.length === 0 && <p>{t('explanations.none')}</p>}
        {explained.map((s) => (
          <div key={s.key} className="pack-explained">
            <h4>{s.label}</h4>
            {user.role === 'coordinator' ? (
              <ExplanationForm
                unit={u.code}
                fiscalYear={pack.fiscalYearStart}
                standard={s.key}
                label={s.label}
                saved={s.explanation}
              />
            ) : (
              <ExplanationText explanation={s.explanation} />
            )}
          </div>
        ))}
      </section>
    </article>
  );
}

function ExplanationText({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation('pack');
  if (!explanation) return <p className="pack-missing">{t('explanations.missing')}</p>;
  return (
    <dl className="pack-words">
      <dt>{t('explanations.explanation')}</dt>
      <dd>{explanation.explanation}</dd>
      <dt>{t('explanations.actionPlan')}</dt>
      <dd>{explanation.actionPlan}</dd>
      <dd className="pack-updated">
        {t('explanations.updated', { date: explanation.updatedAt.slice(0, 10) })}
      </dd>
    </dl>
  );
}

/** The coordinator's form for one standard's explanation and action plan (never printed). */
function ExplanationForm({
  unit,
  fiscalYear,
  standard,
  label,
  saved,
}: {
  unit: string;
  fiscalYear: number;
  standard: string;
  label: string;
  saved: Explanation;
}) {
  const { t } = useTranslation('pack');
  const staff = useTranslation().t;
  const [explanation, setExplanation] = useState(saved?.explanation ?? '');
  const [actionPlan, setActionPlan] = useState(saved?.actionPlan ?? '');
  const [current, setCurrent] = useState<Explanation>(saved);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const id = `pack-${standard}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    setProblem(null);
    try {
      const answer = await packApi.explain(unit, fiscalYear, standard, {
        explanation,
        actionPlan,
      });
      setCurrent(answer ?? null);
      setExplanation(answer?.explanation ?? '');
      setActionPlan(answer?.actionPlan ?? '');
      setState('saved');
    } catch (error) {
      setProblem(describeError(staff, error).problem);
      setState('idle');
    }
  };
  return (
    <>
      <div className="pack-print-only">
        <ExplanationText explanation={current} />
      </div>
      <form
        className="pack-form"
        aria-label={t('explanations.edit', { standard: label })}
        onSubmit={(event) => void submit(event)}
      >
        <ErrorSummary problem={problem} />
        <div className="field">
          <label htmlFor={`${id}-explanation`}>{t('explanations.explanation')}</label>
          <textarea
            id={`${id}-explanation`}
            rows={3}
            maxLength={4000}
            value={explanation}
            onChange={(event) => {
              setExplanation(event.target.value);
              setState('idle');
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-plan`}>{t('explanations.actionPlan')}</label>
          <textarea
            id={`${id}-plan`}
            rows={3}
            maxLength={4000}
            value={actionPlan}
            onChange={(event) => {
              setActionPlan(event.target.value);
              setState('idle');
            }}
          />
        </div>
        <button type="submit" disabled={state === 'saving'}>
          {state === 'saving' ? t('explanations.saving') : t('explanations.save')}
        </button>
        <StatusMessage>{state === 'saved' ? t('explanations.saved') : ''}</StatusMessage>
      </form>
    </>
  );
}
