import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { describeError, ErrorSummary, StatusMessage, type FormProblem } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import type { OutcomeStandard, Programme } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { fiscalYearLabel, fiscalYearNow } from './time.ts';

/** Admin: each programme's outcome standards with their agreed levels by financial year. */
export function AgreedLevels() {
  const { t } = useTranslation('admin');
  const [status, setStatus] = useState<string | null>(null);
  const resource = useResource(() => api.programmes());
  return (
    <>
      <PageHeading>{t('levels.title')}</PageHeading>
      <p>{t('levels.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      <Loaded resource={resource}>
        {({ items }) => (
          <>
            {items.map((programme) => (
              <ProgrammeLevels
                key={programme.code}
                programme={programme}
                onSaved={(message) => {
                  setStatus(message);
                  resource.reload();
                }}
              />
            ))}
          </>
        )}
      </Loaded>
    </>
  );
}

function ProgrammeLevels({
  programme,
  onSaved,
}: {
  programme: Programme;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const name = localised(programme.name, language, programme.code);
  return (
    <section className="panel" aria-labelledby={`levels-${programme.code}`}>
      <h2 id={`levels-${programme.code}`}>{name}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t('levels.caption', { programme: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('levels.standard')}</th>
              <th scope="col">{t('levels.inForce', { year: fiscalYearLabel(fiscalYearNow()) })}</th>
              <th scope="col">{t('levels.history')}</th>
              <th scope="col">{t('levels.change')}</th>
            </tr>
          </thead>
          <tbody>
            {programme.outcomeStandards.map((standard) => (
              <tr key={standard.number}>
                <th scope="row">
                  {standard.number}. {localised(standard.name, language)}
                </th>
                <td>
                  {standard.agreedPercent === null
                    ? t('levels.none')
                    : `${standard.agreedPercent}%`}
                </td>
                <td>
                  {standard.agreedLevels.length === 0 ? (
                    t('levels.none')
                  ) : (
                    <ul className="plain-list">
                      {standard.agreedLevels.map((level) => (
                        <li key={level.fromFiscalYear}>
                          {t(level.fromFiscalYear < 1900 ? 'levels.fromStart' : 'levels.from', {
                            year: fiscalYearLabel(level.fromFiscalYear),
                            level:
                              level.agreedPercent === null
                                ? t('levels.none')
                                : `${level.agreedPercent}%`,
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <LevelForm programme={programme.code} standard={standard} onSaved={onSaved} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LevelForm({
  programme,
  standard,
  onSaved,
}: {
  programme: string;
  standard: OutcomeStandard;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const thisYear = fiscalYearNow();
  const [percent, setPercent] = useState(
    standard.agreedPercent === null ? '' : String(standard.agreedPercent),
  );
  const [year, setYear] = useState(thisYear);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const id = `level-${programme}-${standard.number}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = percent.trim() === '' ? null : Number(percent);
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 100)) {
      setProblem({
        message: tStaff('errors.status.422'),
        items: [{ path: id, label: t('levels.percent'), message: t('levels.percentRule') }],
      });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.setAgreedLevel(programme, standard.number, {
        agreedPercent: value,
        fromFiscalYear: year,
      });
      onSaved(
        t('levels.saved', {
          number: standard.number,
          level: value === null ? t('levels.none') : `${value}%`,
          year: fiscalYearLabel(year),
        }),
      );
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="level-form">
      <ErrorSummary problem={problem} fieldId={() => id} />
      <label htmlFor={id}>{t('levels.percentFor', { number: standard.number })}</label>
      <input
        id={id}
        inputMode="numeric"
        size={4}
        value={percent}
        onChange={(event) => setPercent(event.target.value)}
      />
      <label htmlFor={`${id}-year`}>{t('levels.fromYear')}</label>
      <select
        id={`${id}-year`}
        value={year}
        onChange={(event) => setYear(Number(event.target.value))}
      >
        {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy}>
        {t('levels.save')}
        <span className="visually-hidden"> {standard.number}</span>
      </button>
    </form>
  );
}
