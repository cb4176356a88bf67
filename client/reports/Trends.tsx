import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { reportsApi, type ReportProgramme } from './api.ts';
import { fiscalYearLabel, percentText, quarterStarted, recentFiscalYears } from './format.ts';
import { VerdictBadge } from './OutcomeTable.tsx';
import { packPath, territoryApi, type TerritoryScope, type Trends } from './territory-api.ts';
import './reports.css';
import './territory.css';

const DEFAULT_PROGRAMME = 'SPEAR';

/** Trends (issue 16): each standard over financial years and quarters, with the agreed level. */
export default function TrendsPage() {
  const { t } = useTranslation('territory');
  const resource = useResource(() => reportsApi.programmes());
  return (
    <>
      <PageHeading>{t('trends.title')}</PageHeading>
      <p>{t('trends.intro')}</p>
      <Loaded resource={resource}>
        {({ items }) => (items.length ? <TrendsFor programmes={items} /> : null)}
      </Loaded>
    </>
  );
}

function TrendsFor({ programmes }: { programmes: ReportProgramme[] }) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const user = useSessionUser();
  const years = useMemo(() => recentFiscalYears(), []);
  const [programmeCode, setProgrammeCode] = useState(
    () => (programmes.find((p) => p.code === DEFAULT_PROGRAMME) ?? programmes[0]!).code,
  );
  const [fiscalYear, setFiscalYear] = useState(years[0]!);
  const [operator, setOperator] = useState('');
  const programme = programmes.find((p) => p.code === programmeCode) ?? programmes[0]!;
  const scope: TerritoryScope = {
    programme: programme.code,
    fiscalYear,
    ...(operator ? { operator } : {}),
  };
  return (
    <>
      <form className="report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="trends-programme"
          label={t('controls.programme')}
          value={programme.code}
          onChange={(event) => {
            setProgrammeCode(event.target.value);
            setOperator('');
          }}
        >
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {localised(p.name, language, p.code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="trends-year"
          label={t('controls.lastYear')}
          value={String(fiscalYear)}
          onChange={(event) => setFiscalYear(Number(event.target.value))}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {fiscalYearLabel(year)}
            </option>
          ))}
        </SelectField>
        {user.role !== 'coordinator' && (
          <OperatorChoice
            key={`${programme.code}-${fiscalYear}`}
            programme={programme.code}
            fiscalYear={fiscalYear}
            value={operator}
            onChange={setOperator}
          />
        )}
      </form>
      <TrendsView key={`${scope.programme}-${fiscalYear}-${operator}`} scope={scope} />
    </>
  );
}

/** SWD's choice of scope: the territory or one operator of the programme. */
function OperatorChoice({
  programme,
  fiscalYear,
  value,
  onChange,
}: {
  programme: string;
  fiscalYear: number;
  value: string;
  onChange: (operator: string) => void;
}) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const operators = useResource(() => reportsApi.table({ programme, fiscalYear }));
  if (operators.state !== 'ready') return null;
  return (
    <SelectField
      id="trends-operator"
      label={t('controls.operator')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('controls.territoryWide')}</option>
      {operators.data.operators.map((o) => (
        <option key={o.code} value={o.code}>
          {t('territory.operatorName', { name: localised(o.name, language, o.code), code: o.code })}
        </option>
      ))}
    </SelectField>
  );
}

function TrendsView({ scope }: { scope: TerritoryScope }) {
  const resource = useResource(() => territoryApi.trends(scope));
  return (
    <Loaded resource={resource}>
      {(trends) => <TrendsOf trends={trends} fiscalYear={scope.fiscalYear} />}
    </Loaded>
  );
}

/** A standard as the trends name it: `outcome:1`, `output:3`. */
type StandardKey = `outcome:${number}` | `output:${number}`;

/** One period's figure of a standard: the value drawn, its level, n, and the verdict shown. */
interface TrendPoint {
  label: string;
  value: number | null;
  level: number | null;
  n: number | null;
  verdict: { met: boolean | null; respondents: number; verdict?: string | null } | null;
  text: string;
}

/** The points of one standard by year and by quarter (quarters not yet begun left out). */
function pointsOf(trends: Trends, key: StandardKey, t: (k: string, o?: object) => string) {
  const [kind, n] = key.split(':') as ['outcome' | 'output', string];
  const number = Number(n);
  const output = trends.outputStandards.find((s) => s.number === number);
  const share = kind === 'output' && output?.measure === 'percent';
  const years: TrendPoint[] = trends.years.map((y) => {
    if (kind === 'outcome') {
      const s = y.outcomes.find((o) => o.number === number)!;
      return {
        label: y.label,
        value: s.percent,
        level: s.agreedPercent,
        n: s.respondents,
        verdict: s,
        text: percentText(s.percent) ?? '—',
      };
    }
    const s = y.outputs.find((o) => o.number === number)!;
    return {
      label: y.label,
      value: share ? s.percent : s.actual,
      level: s.level,
      n: share ? s.of : s.actual,
      verdict: { met: s.met, respondents: s.of ?? s.actual, verdict: null },
      text: share ? (percentText(s.percent) ?? '—') : String(s.actual),
    };
  });
  const quarters: TrendPoint[] = trends.years.flatMap((y) =>
    y.quarters
      .filter((q) => quarterStarted(y.fiscalYear, q.quarter))
      .map((q) => {
        const label = t('trends.quarterName', { year: y.label, quarter: q.quarter });
        if (kind === 'outcome') {
          const s = q.outcomes.find((o) => o.number === number)!;
          return {
            label,
            value: s.percent,
            level: s.agreedPercent,
            n: s.respondents,
            verdict: s,
            text: percentText(s.percent) ?? '—',
          };
        }
        const s = q.outputs.find((o) => o.number === number)!;
        const percent = s.of ? Math.round((s.actual / s.of) * 1000) / 10 : null;
        return {
          label,
          value: share ? percent : s.actual,
          // A count's level is the year's: no quarter has one of its own.
          level: share ? (y.outputs.find((o) => o.number === number)?.level ?? null) : null,
          n: share ? s.of : s.actual,
          verdict: null,
          text: share ? (percentText(percent) ?? '—') : String(s.actual),
        };
      }),
  );
  return { years, quarters, percent: kind === 'outcome' || share };
}

function TrendsOf({ trends, fiscalYear }: { trends: Trends; fiscalYear: number }) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const [key, setKey] = useState<StandardKey>(`outcome:${trends.outcomeStandards[0]?.number ?? 1}`);
  const standardName = (k: StandardKey) => {
    const [kind, n] = k.split(':');
    return t(kind === 'outcome' ? 'territory.outcome' : 'territory.output', { number: n });
  };
  const scopeName = trends.operator ?? t('controls.territoryWide');
  const { years, quarters, percent } = useMemo(
    () => pointsOf(trends, key, t as never),
    [trends, key, t],
  );
  return (
    <>
      <form className="report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="trends-standard"
          label={t('controls.standard')}
          value={key}
          onChange={(event) => setKey(event.target.value as StandardKey)}
        >
          {trends.outcomeStandards.map((s) => (
            <option key={`o${s.number}`} value={`outcome:${s.number}`}>
              {standardName(`outcome:${s.number}`)}: {localised(s.name, language)}
            </option>
          ))}
          {trends.outputStandards.map((s) => (
            <option key={`p${s.number}`} value={`output:${s.number}`}>
              {standardName(`output:${s.number}`)}: {localised(s.name, language)}
            </option>
          ))}
        </SelectField>
      </form>
      <section aria-labelledby="trends-years">
        <h2 id="trends-years">{t('trends.years')}</h2>
        <TrendPlot
          points={years}
          percent={percent}
          label={t('trends.yearChartLabel', { standard: standardName(key), scope: scopeName })}
        />
        <TrendTable
          points={years}
          caption={t('trends.yearCaption', { standard: standardName(key), scope: scopeName })}
        />
      </section>
      <section aria-labelledby="trends-quarters">
        <h2 id="trends-quarters">{t('trends.quarters')}</h2>
        <TrendPlot
          points={quarters}
          percent={percent}
          rotate
          label={t('trends.quarterChartLabel', { standard: standardName(key), scope: scopeName })}
        />
        <TrendTable
          points={quarters}
          caption={t('trends.quarterCaption', { standard: standardName(key), scope: scopeName })}
        />
      </section>
      <MissedTwice trends={trends} fiscalYear={fiscalYear} standardName={standardName} />
    </>
  );
}

/** The table view of a trend: what the chart draws, for screen readers and for reading. */
function TrendTable({ points, caption }: { points: TrendPoint[]; caption: string }) {
  const { t } = useTranslation('territory');
  return (
    <div className="table-scroll">
      <table className="trend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trends.period')}</th>
            <th scope="col">{t('trends.value')}</th>
            <th scope="col">{t('trends.respondents')}</th>
            <th scope="col">{t('trends.agreedLevel')}</th>
            <th scope="col">{t('trends.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              <td>{p.text}</td>
              <td>{p.n ?? '—'}</td>
              <td>{p.level ?? '—'}</td>
              <td>{p.verdict ? <VerdictBadge figures={p.verdict as never} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A trend drawn by Observable Plot (loaded when shown): the figure as a line with its points
 * labelled, the agreed level as a dashed line (it may change from one year to the next).
 */
function TrendPlot({
  points,
  percent,
  label,
  rotate = false,
}: {
  points: TrendPoint[];
  percent: boolean;
  label: string;
  rotate?: boolean;
}) {
  const { t } = useTranslation('territory');
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    import('@observablehq/plot').then(
      (Plot) => {
        if (!current || !holder.current) return;
        const drawn = points.filter((p) => p.value !== null);
        const levels = points.filter((p) => p.level !== null);
        const chart = Plot.plot({
          width: Math.min(760, holder.current.clientWidth || 760),
          height: rotate ? 300 : 260,
          marginLeft: 52,
          marginRight: 90,
          marginBottom: rotate ? 80 : 36,
          x: {
            type: 'point',
            domain: points.map((p) => p.label),
            label: null,
            ...(rotate ? { tickRotate: -45 } : {}),
          },
          y: {
            label: percent ? t('trends.percentAxis') : t('trends.countAxis'),
            grid: true,
            ...(percent ? { domain: [0, 100] } : { zero: true }),
          },
          marks: [
            Plot.line(levels, {
              x: 'label',
              y: 'level',
              stroke: '#1f2937',
              strokeWidth: 1.5,
              strokeDasharray: '6,4',
            }),
            Plot.text(levels.slice(-1), {
              x: 'label',
              y: 'level',
              text: () => t('trends.agreedLine'),
              dx: 8,
              textAnchor: 'start',
              fontSize: 11,
            }),
            Plot.line(drawn, { x: 'label', y: 'value', stroke: '#1d4ed8', strokeWidth: 2 }),
            Plot.dot(drawn, { x: 'label', y: 'value', fill: '#1d4ed8', r: 4 }),
            Plot.text(drawn, { x: 'label', y: 'value', text: 'text', dy: -11, fontSize: 11 }),
          ],
        });
        chart.setAttribute('role', 'img');
        // Plot names its marks with aria-label on <g>, which ARIA forbids there (the picture is
        // one image, described by its label): keep the name as data-mark.
        for (const mark of chart.querySelectorAll('g[aria-label]')) {
          mark.setAttribute('data-mark', mark.getAttribute('aria-label')!);
          mark.removeAttribute('aria-label');
        }
        chart.setAttribute('aria-label', label);
        holder.current.replaceChildren(chart);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [points, percent, label, rotate, t]);
  return (
    <div className="trend-plot" ref={holder}>
      {failed ? <p>{t('trends.plotFailed')}</p> : <p className="muted">{t('trends.loading')}</p>}
    </div>
  );
}

function MissedTwice({
  trends,
  fiscalYear,
  standardName,
}: {
  trends: Trends;
  fiscalYear: number;
  standardName: (key: StandardKey) => string;
}) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const [previous, current] = trends.missedTwice.years as [string, string];
  const units = trends.missedTwice.units;
  const figure = (kind: 'outcome' | 'output', p: (typeof units)[number]['current']) =>
    kind === 'outcome' || p.percent !== null
      ? t('trends.missedPercent', {
          percent: percentText(p.percent) ?? '—',
          n: p.n,
          level: p.level ?? '—',
        })
      : t('trends.missedCount', { n: p.n, level: p.level ?? '—' });
  return (
    <section aria-labelledby="trends-missed">
      <h2 id="trends-missed">{t('trends.missedHeading')}</h2>
      <p>
        {t('trends.missedIntro', { previous, current })}{' '}
        {fiscalYear === recentFiscalYears()[0] && t('trends.missedIntroCurrent')}
      </p>
      {units.length === 0 ? (
        <p>{t('trends.missedNone', { previous, current })}</p>
      ) : (
        <div className="table-scroll">
          <table className="missed-table">
            <caption>{t('trends.missedCaption', { previous, current })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trends.unit')}</th>
                <th scope="col">{t('trends.operator')}</th>
                <th scope="col">{t('trends.standard')}</th>
                <th scope="col">{previous}</th>
                <th scope="col">{current}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={`${u.unit}-${u.kind}-${u.number}`}>
                  <th scope="row">
                    <Link
                      to={packPath(u.unit, fiscalYear)}
                      aria-label={t('territory.unitPack', { unit: u.unit })}
                    >
                      {u.unit}
                    </Link>
                  </th>
                  <td>
                    {t('territory.operatorName', {
                      name: localised(u.name, language, u.operator),
                      code: u.operator,
                    })}
                  </td>
                  <td>{standardName(`${u.kind}:${u.number}`)}</td>
                  <td>{figure(u.kind, u.previous)}</td>
                  <td>{figure(u.kind, u.current)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
