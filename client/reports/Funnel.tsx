import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/forms.tsx';
import { Loaded, useResource } from '../app/page.tsx';
import { Link, pathTo, patterns } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import {
  reportsApi,
  type Funnel,
  type FunnelPoint,
  type ReportProgramme,
  type ReportScope,
} from './api.ts';
import { intervalText, percentText } from './format.ts';
import { VerdictBadge } from './OutcomeTable.tsx';
import './funnel.css';

/** The colour of a point by where it lies; the table says the same in words. */
const POSITION_COLOURS = {
  below_998: '#b3261e',
  below_95: '#e07b00',
  within: '#4a5568',
  above_95: '#2f7d4a',
  above_998: '#1b5e20',
} as const;

/**
 * The funnel plot of one standard (issue 16; Spiegelhalter 2005): each operator (or unit) as a
 * point, percent against respondents, with the target and its 95% and 99.8% control limits.
 * Observable Plot is loaded only when the plot is shown. Keyboard and screen-reader users get
 * the same points as a table of buttons: focusing one highlights its point and shows its figures.
 */
export function FunnelSection({
  scope,
  programme,
  canChooseBy,
}: {
  scope: ReportScope;
  programme: ReportProgramme;
  canChooseBy: boolean;
}) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const headingId = useId();
  const [standard, setStandard] = useState(programme.outcomeStandards[0]?.number ?? 1);
  const [by, setBy] = useState<'operator' | 'unit'>(canChooseBy ? 'operator' : 'unit');
  return (
    <section className="funnel-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('funnel.heading')}</h2>
      <p className="hint">{t('funnel.intro')}</p>
      <form className="report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="funnel-standard"
          label={t('funnel.standard')}
          value={String(standard)}
          onChange={(event) => setStandard(Number(event.target.value))}
        >
          {programme.outcomeStandards.map((s) => (
            <option key={s.number} value={s.number}>
              {t('table.standard', { number: s.number })}: {localised(s.name, language)}
            </option>
          ))}
        </SelectField>
        {canChooseBy && (
          <SelectField
            id="funnel-by"
            label={t('funnel.by')}
            value={by}
            onChange={(event) => setBy(event.target.value as 'operator' | 'unit')}
          >
            <option value="operator">{t('funnel.byOperator')}</option>
            <option value="unit">{t('funnel.byUnit')}</option>
          </SelectField>
        )}
      </form>
      <FunnelView
        key={`${scope.programme}-${scope.fiscalYear}-${standard}-${by}`}
        scope={scope}
        standard={standard}
        by={by}
      />
    </section>
  );
}

function FunnelView({
  scope,
  standard,
  by,
}: {
  scope: ReportScope;
  standard: number;
  by: 'operator' | 'unit';
}) {
  const resource = useResource(() => reportsApi.funnel(scope, standard, by));
  return <Loaded resource={resource}>{(funnel) => <FunnelPlotAndTable funnel={funnel} />}</Loaded>;
}

function FunnelPlotAndTable({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation('reports');
  const packT = useTranslation('pack').t;
  const language = useLanguage();
  const [selected, setSelected] = useState<string | null>(null);
  const plotted = useMemo(
    () => funnel.points.filter((p) => p.respondents > 0 && p.percent !== null),
    [funnel],
  );
  const point = funnel.points.find((p) => p.code === selected) ?? null;
  const nameOf = (p: FunnelPoint) =>
    funnel.by === 'unit'
      ? t('funnel.unitName', { unit: p.code, name: localised(p.name, language, p.operator) })
      : t('table.operatorName', { name: localised(p.name, language, p.code), code: p.code });
  const outliers = plotted.filter((p) => p.position === 'below_998' || p.position === 'below_95');
  if (!funnel.target) return <p>{t('funnel.noTarget')}</p>;
  return (
    <>
      <p className="funnel-target">
        {t(funnel.target.source === 'agreed' ? 'funnel.targetAgreed' : 'funnel.targetPooled', {
          percent: funnel.target.percent,
        })}
      </p>
      <div className="funnel-layout">
        <FunnelPlot
          funnel={funnel}
          points={plotted}
          selected={selected}
          label={t('funnel.plotLabel', {
            count: plotted.length,
            below: outliers.map((p) => p.code).join(', ') || t('funnel.none'),
          })}
          onHover={setSelected}
        />
        <div className="funnel-details" aria-live="polite">
          {point ? (
            <PointDetails point={point} name={nameOf(point)} />
          ) : (
            <p className="muted">{t('funnel.chooseHint')}</p>
          )}
        </div>
      </div>
      <div className="table-scroll">
        <table className="funnel-table">
          <caption>
            {t('funnel.caption', {
              standard: t('table.standard', { number: funnel.standard.number }),
              year: funnel.fiscalYear,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{funnel.by === 'unit' ? t('funnel.unit') : t('table.operator')}</th>
              <th scope="col">{t('funnel.respondents')}</th>
              <th scope="col">{t('funnel.percent')}</th>
              <th scope="col">{t('funnel.interval')}</th>
              <th scope="col">{t('funnel.verdict')}</th>
              <th scope="col">{t('funnel.position')}</th>
              <th scope="col">{packT('funnel.column')}</th>
            </tr>
          </thead>
          <tbody>
            {funnel.points.map((p) => (
              <tr key={p.code} className={p.code === selected ? 'funnel-row-selected' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={p.code === selected}
                    onFocus={() => setSelected(p.code)}
                    onMouseEnter={() => setSelected(p.code)}
                    onClick={() => setSelected(p.code)}
                  >
                    {nameOf(p)}
                  </button>
                </th>
                <td>{p.respondents}</td>
                <td>{percentText(p.percent) ?? t('table.noPercent')}</td>
                <td>{intervalText(p.interval) ?? t('table.noPercent')}</td>
                <td>
                  <VerdictBadge figures={p} />
                </td>
                <td>{p.position ? t(`funnel.positions.${p.position}`) : t('table.noPercent')}</td>
                <td>
                  <PackLinks units={p.units} fiscalYear={funnel.fiscalYear} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Links to the annual performance pack of each unit a point stands for. */
function PackLinks({ units, fiscalYear }: { units: string[]; fiscalYear: string }) {
  const { t } = useTranslation('pack');
  return (
    <ul className="funnel-packs">
      {units.map((unit) => (
        <li key={unit}>
          <Link to={pathTo(patterns.pack, { unit, fiscalYear })}>{t('funnel.link', { unit })}</Link>
        </li>
      ))}
    </ul>
  );
}

function PointDetails({ point, name }: { point: FunnelPoint; name: string }) {
  const { t } = useTranslation('reports');
  return (
    <dl className="funnel-point">
      <dt>{name}</dt>
      <dd>
        {t('funnel.figures', {
          agreed: point.agreed,
          respondents: point.respondents,
          percent: percentText(point.percent) ?? t('table.noPercent'),
        })}
      </dd>
      {point.interval && <dd>{t('table.interval', { interval: intervalText(point.interval) })}</dd>}
      <dd>
        <VerdictBadge figures={point} />
      </dd>
      {point.position && <dd>{t(`funnel.positions.${point.position}`)}</dd>}
    </dl>
  );
}

/**
 * The plot itself, drawn by Observable Plot once its module has loaded. The SVG is one image
 * with a summary for screen readers; the table beside it is how anyone reaches each point.
 */
function FunnelPlot({
  funnel,
  points,
  selected,
  label,
  onHover,
}: {
  funnel: Funnel;
  points: FunnelPoint[];
  selected: string | null;
  label: string;
  onHover: (code: string | null) => void;
}) {
  const { t } = useTranslation('reports');
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    import('@observablehq/plot').then(
      (Plot) => {
        if (!current || !holder.current) return;
        const target = funnel.target!.percent;
        const selectedPoint = points.filter((p) => p.code === selected);
        const chart = Plot.plot({
          width: Math.min(720, holder.current.clientWidth || 720),
          height: 380,
          marginLeft: 48,
          marginBottom: 44,
          x: { label: t('funnel.respondents'), grid: true },
          y: { label: t('funnel.percentAxis'), domain: [0, 100], grid: true },
          marks: [
            Plot.areaY(funnel.limits, {
              x: 'respondents',
              y1: 'low998',
              y2: 'high998',
              fill: '#e8edf3',
            }),
            Plot.areaY(funnel.limits, {
              x: 'respondents',
              y1: 'low95',
              y2: 'high95',
              fill: '#d3dce8',
            }),
            Plot.line(funnel.limits, {
              x: 'respondents',
              y: 'low998',
              stroke: '#5b6b80',
              strokeDasharray: '2,3',
            }),
            Plot.line(funnel.limits, {
              x: 'respondents',
              y: 'high998',
              stroke: '#5b6b80',
              strokeDasharray: '2,3',
            }),
            Plot.line(funnel.limits, { x: 'respondents', y: 'low95', stroke: '#5b6b80' }),
            Plot.line(funnel.limits, { x: 'respondents', y: 'high95', stroke: '#5b6b80' }),
            Plot.ruleY([target], { stroke: '#1f2937', strokeWidth: 1.5 }),
            Plot.dot(points, {
              x: 'respondents',
              y: 'percent',
              r: 5,
              fill: (p: FunnelPoint) => POSITION_COLOURS[p.position ?? 'within'],
              stroke: 'white',
            }),
            Plot.dot(selectedPoint, {
              x: 'respondents',
              y: 'percent',
              r: 10,
              stroke: '#111827',
              strokeWidth: 2,
            }),
            Plot.text(
              points.filter((p) => p.position !== 'within' || p.code === selected),
              { x: 'respondents', y: 'percent', text: 'code', dy: -12, fontSize: 11 },
            ),
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
        // Hovering a point selects it, as focusing its row does.
        chart.addEventListener('pointermove', (event) => {
          const { clientX, clientY } = event as PointerEvent;
          const bounds = chart.getBoundingClientRect();
          const near = nearest(chart, points, clientX - bounds.left, clientY - bounds.top);
          if (near) onHover(near);
        });
        holder.current.replaceChildren(chart);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [funnel, points, selected, label, onHover, t]);
  return (
    <div className="funnel-plot" ref={holder}>
      {failed ? <p>{t('funnel.plotFailed')}</p> : <p className="muted">{t('funnel.loading')}</p>}
    </div>
  );
}

/** The point whose drawn dot is within 12 pixels of (x, y), by the dots Plot drew. */
function nearest(chart: Element, points: FunnelPoint[], x: number, y: number): string | null {
  const circles = [...chart.querySelectorAll('g[data-mark="dot"] circle')].slice(0, points.length);
  let best: { code: string; distance: number } | null = null;
  circles.forEach((circle, i) => {
    const cx = Number(circle.getAttribute('cx'));
    const cy = Number(circle.getAttribute('cy'));
    const distance = Math.hypot(cx - x, cy - y);
    if (distance < 12 && (!best || distance < best.distance))
      best = { code: points[i]!.code, distance };
  });
  return (best as { code: string } | null)?.code ?? null;
}
