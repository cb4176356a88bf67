import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, pathTo, patterns } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { fiscalYearNow } from '../app/time.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { fiscalYearLabel } from '../../server/domain/fiscal-year.ts';
import { recordsApi, type Outputs, type OutputFigures } from './api.ts';
import { ConversionSection } from './Conversion.tsx';
import './records.css';

interface UnitChoice {
  code: string;
  programme: string;
  operator: string;
}

/**
 * The year at a glance for a unit: each output standard's actual against its level (as the
 * conversion adjusts it), the conversion itself and first contact in 10 working days. SWD sees
 * counts only; the coordinator also sees which cases were contacted late or not at all.
 */
export default function YearAtAGlance() {
  const { t } = useTranslation('records');
  const resource = useResource(() =>
    Promise.all([recordsApi.operators(), recordsApi.programmes()]).then(([ops, programmes]) => ({
      units: ops.items.flatMap((o) =>
        o.units.map((u) => ({ code: u.code, programme: u.programme, operator: o.code })),
      ),
      programmes: programmes.items,
    })),
  );
  return (
    <>
      <PageHeading>{t('outputs.title')}</PageHeading>
      <p>{t('outputs.intro')}</p>
      <Loaded resource={resource}>
        {({ units, programmes }) =>
          units.length ? (
            <Glance units={units} programmes={programmes} />
          ) : (
            <p>{t('outputs.noUnits')}</p>
          )
        }
      </Loaded>
    </>
  );
}

function Glance({
  units,
  programmes,
}: {
  units: UnitChoice[];
  programmes: { code: string; name: Partial<Record<string, string>> }[];
}) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const years = useMemo(() => [0, 1, 2, 3].map((back) => fiscalYearNow() - back), []);
  // SPeaR's units first: theirs are the standards with agreed levels and conversions.
  const [unitCode, setUnitCode] = useState(
    () => (units.find((u) => u.programme === 'SPEAR') ?? units[0]!).code,
  );
  const [fiscalYear, setFiscalYear] = useState(years[0]!);
  const unit = units.find((u) => u.code === unitCode) ?? units[0]!;
  const query = { programme: unit.programme, fiscalYear, unit: unit.code };
  const programmeName = (code: string) =>
    localised(programmes.find((p) => p.code === code)?.name, language, code);
  const download = (format: 'csv' | 'xlsx') =>
    `/api/v1/outputs.${format}?${new URLSearchParams({ ...query, fiscalYear: String(fiscalYear) })}`;
  return (
    <>
      <form className="field-row report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="glance-unit"
          label={t('outputs.unit')}
          value={unit.code}
          onChange={(event) => setUnitCode(event.target.value)}
        >
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${u.code} (${programmeName(u.programme)})`}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="glance-year"
          label={t('outputs.fiscalYear')}
          value={String(fiscalYear)}
          onChange={(event) => setFiscalYear(Number(event.target.value))}
        >
          {years.map((year, i) => (
            <option key={year} value={year}>
              {i === 0
                ? t('outputs.currentYear', { label: fiscalYearLabel(year) })
                : fiscalYearLabel(year)}
            </option>
          ))}
        </SelectField>
      </form>
      <p className="downloads">
        {t('outputs.downloads')} <a href={download('xlsx')}>{t('outputs.xlsx')}</a>{' '}
        <a href={download('csv')}>{t('outputs.csv')}</a>
      </p>
      <Figures key={`${unit.code}-${fiscalYear}`} query={query} />
    </>
  );
}

function Figures({ query }: { query: { programme: string; fiscalYear: number; unit: string } }) {
  const user = useSessionUser();
  const resource = useResource(() => recordsApi.outputs(query));
  return (
    <Loaded resource={resource}>
      {(outputs) => (
        <>
          <StandardsTable outputs={outputs} />
          {outputs.conversions.length > 0 && (
            <ConversionSection outputs={outputs} query={query} onChanged={resource.reload} />
          )}
          <FirstContactSection outputs={outputs} query={query} own={user.role === 'coordinator'} />
        </>
      )}
    </Loaded>
  );
}

function actualText(t: ReturnType<typeof useTranslation<'records'>>['t'], s: OutputFigures) {
  if (s.measure !== 'percent') return String(s.actual);
  return s.percent === null
    ? t('outputs.noneEnded')
    : t('outputs.share', { percent: s.percent.toFixed(1), count: s.actual, of: s.of ?? 0 });
}

function levelText(level: number | null, measure: OutputFigures['measure'], none: string) {
  if (level === null) return none;
  return measure === 'percent' ? `${level}%` : String(level);
}

function StandardsTable({ outputs }: { outputs: Outputs }) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const verdict = (met: boolean | null) => (met === null ? 'unknown' : met ? 'met' : 'notMet');
  return (
    <section aria-labelledby="glance-standards">
      <h2 id="glance-standards">{t('outputs.standards.heading')}</h2>
      <p className="hint">
        {outputs.final
          ? t('outputs.final', { date: outputs.asAt })
          : t('outputs.provisional', { date: outputs.asAt })}
      </p>
      <div className="table-scroll">
        <table className="records-table glance-table">
          <caption>
            {t('outputs.standards.caption', { unit: outputs.unit, year: outputs.fiscalYear })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('outputs.standards.standard')}</th>
              <th scope="col" className="numeric">
                {t('outputs.standards.actual')}
              </th>
              <th scope="col" className="numeric">
                {t('outputs.standards.agreed')}
              </th>
              <th scope="col" className="numeric">
                {t('outputs.standards.adjusted')}
              </th>
              <th scope="col">{t('outputs.standards.met')}</th>
            </tr>
          </thead>
          <tbody>
            {outputs.standards.map((s) => (
              <tr key={s.number}>
                <th scope="row">
                  <span className="standard-number">
                    {t('outputs.standards.number', { number: s.number })}
                  </span>{' '}
                  {localised(s.name, language)}
                  {s.illustrative && (
                    <span className="badge badge-idle">{t('outputs.illustrative')}</span>
                  )}
                </th>
                <td className="numeric">{actualText(t, s)}</td>
                <td className="numeric">
                  {levelText(s.agreedLevel, s.measure, t('outputs.noLevel'))}
                </td>
                <td className="numeric">
                  {s.adjustedLevel !== s.agreedLevel ? (
                    <strong>{levelText(s.adjustedLevel, s.measure, t('outputs.noLevel'))}</strong>
                  ) : (
                    levelText(s.adjustedLevel, s.measure, t('outputs.noLevel'))
                  )}
                </td>
                <td>
                  <span className={`badge verdict-${verdict(s.met)}`}>
                    {t(`outputs.verdict.${verdict(s.met)}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function FirstContactSection({
  outputs,
  query,
  own,
}: {
  outputs: Outputs;
  query: { fiscalYear: number; unit: string };
  own: boolean;
}) {
  const { t } = useTranslation('records');
  const f = outputs.firstContact;
  const rows = [
    ['cases', f.cases],
    ['inTime', f.inTime],
    ['late', f.late],
    ['overdue', f.overdue],
    ['waiting', f.waiting],
  ] as const;
  return (
    <section aria-labelledby="glance-contact" className="panel">
      <h2 id="glance-contact">{t('outputs.contact.heading', { days: f.withinWorkingDays })}</h2>
      <p className="hint">{t('outputs.contact.hint', { days: f.withinWorkingDays })}</p>
      <dl className="contact-counts">
        {rows.map(([key, value]) => (
          <div key={key} className={`contact-count${value > 0 ? ` contact-count-${key}` : ''}`}>
            <dt>{t(`outputs.contact.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {own ? (
        <LateCases query={query} />
      ) : (
        <p className="hint">{t('outputs.contact.countsOnly')}</p>
      )}
    </section>
  );
}

/** The coordinator's own late and overdue case references, to follow up. */
function LateCases({ query }: { query: { fiscalYear: number; unit: string } }) {
  const { t } = useTranslation('records');
  const resource = useResource(() =>
    Promise.all(
      (['overdue', 'late'] as const).map((firstContact) =>
        recordsApi.cases({ unit: query.unit, fiscalYear: query.fiscalYear, firstContact }),
      ),
    ),
  );
  return (
    <Loaded resource={resource}>
      {([overdue, late]) => (
        <div className="late-cases">
          {(
            [
              ['overdue', overdue!.items],
              ['late', late!.items],
            ] as const
          ).map(([status, items]) => (
            <div key={status}>
              <h3>{t(`outputs.contact.${status}Cases`, { count: items.length })}</h3>
              {items.length ? (
                <ul className="reference-list">
                  {items.map((c) => (
                    <li key={c.id}>
                      <Link to={pathTo(patterns.case, { id: c.id })}>{c.reference}</Link>{' '}
                      <span className="muted">
                        {t('outputs.contact.due', { date: c.contactDueOn })}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('outputs.contact.noCases')}</p>
              )}
            </div>
          ))}
        </div>
      )}
    </Loaded>
  );
}
