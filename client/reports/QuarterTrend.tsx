import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarterFigures, StandardFigures } from './api.ts';
import { figuresFor, fiscalYearLabel, percentText, quarterStarted } from './format.ts';
import { VerdictBadge } from './OutcomeTable.tsx';
import './charts.css';

const QUARTERS = [1, 2, 3, 4] as const;

/** The quarter-by-quarter trend of one standard: a chart of the cumulative percent, and a table. */
export function QuarterTrend({
  quarters,
  standard,
  fiscalYear,
  agreedPercent,
}: {
  quarters: QuarterFigures[];
  standard: number;
  fiscalYear: number;
  agreedPercent: number | null;
}) {
  const { t } = useTranslation('reports');
  const headingId = useId();
  const rows = QUARTERS.map((quarter) => {
    const found = quarters.find((q) => q.quarter === quarter);
    return {
      quarter,
      started: quarterStarted(fiscalYear, quarter),
      own: found && figuresFor(found.standards, standard),
      cumulative: found && figuresFor(found.cumulative, standard),
    };
  });
  return (
    <div className="quarter-trend">
      <h3 id={headingId}>{t('quarters.heading')}</h3>
      <TrendChart
        points={rows.map((r) => (r.started ? (r.cumulative?.percent ?? null) : null))}
        agreedPercent={agreedPercent}
      />
      <div className="table-scroll">
        <table className="quarter-table">
          <caption>{t('quarters.caption', { year: fiscalYearLabel(fiscalYear) })}</caption>
          <colgroup>
            <col />
          </colgroup>
          <colgroup span={3} />
          <colgroup span={4} />
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('quarters.quarter')}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t('quarters.own')}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t('quarters.cumulative')}
              </th>
            </tr>
            <tr>
              <th scope="col">{t('quarters.respondents')}</th>
              <th scope="col">{t('quarters.agreed')}</th>
              <th scope="col">{t('quarters.percent')}</th>
              <th scope="col">{t('quarters.respondents')}</th>
              <th scope="col">{t('quarters.agreed')}</th>
              <th scope="col">{t('quarters.percent')}</th>
              <th scope="col">{t('quarters.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ quarter, started, own, cumulative }) => (
              <tr key={quarter}>
                <th scope="row">{t(`quarters.name.${quarter}`)}</th>
                {started ? (
                  <>
                    <FigureCells figures={own} />
                    <FigureCells figures={cumulative} />
                    <td>{cumulative && <VerdictBadge figures={cumulative} />}</td>
                  </>
                ) : (
                  <td colSpan={7} className="muted">
                    {t('quarters.notStarted')}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function FigureCells({ figures }: { figures: StandardFigures | undefined }) {
  const { t } = useTranslation('reports');
  return (
    <>
      <td className="numeric">{figures?.respondents ?? 0}</td>
      <td className="numeric">{figures?.agreed ?? 0}</td>
      <td className="numeric">{percentText(figures?.percent) ?? t('table.noPercent')}</td>
    </>
  );
}

// The chart's frame, in its own units (the SVG scales to the width it is given).
const WIDTH = 360;
const HEIGHT = 200;
const LEFT = 44;
const RIGHT = 84;
const TOP = 28;
const BOTTOM = 30;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
const x = (index: number) => LEFT + ((index + 0.5) * PLOT_W) / QUARTERS.length;
const y = (percent: number) => TOP + ((100 - percent) / 100) * PLOT_H;

// A point's label goes above it, unless the agreed line runs just above (then below, if room).
function labelY(percent: number, agreedPercent: number | null) {
  const lineJustAbove =
    agreedPercent !== null && agreedPercent >= percent && agreedPercent - percent < 12;
  return lineJustAbove && percent > 12 ? y(percent) + 18 : y(percent) - 10;
}

/**
 * The cumulative percent at the end of each quarter as a line, with the agreed level as a dashed
 * reference line. Quarters without a figure break the line. The table beside it has the numbers.
 */
function TrendChart({
  points,
  agreedPercent,
}: {
  points: (number | null)[];
  agreedPercent: number | null;
}) {
  const { t } = useTranslation('reports');
  // Runs of consecutive quarters with a figure, each drawn as one polyline.
  const runs: { index: number; percent: number }[][] = [];
  points.forEach((percent, index) => {
    if (percent === null) return;
    const last = runs[runs.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && previous.index === index - 1) last.push({ index, percent });
    else runs.push([{ index, percent }]);
  });
  return (
    <svg
      className="trend-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('quarters.chartLabel')}
    >
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick} className="trend-grid">
          <line x1={LEFT} x2={LEFT + PLOT_W} y1={y(tick)} y2={y(tick)} />
          <text x={LEFT - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
            {`${tick}%`}
          </text>
        </g>
      ))}
      {QUARTERS.map((quarter, index) => (
        <text key={quarter} className="trend-axis" x={x(index)} y={HEIGHT - 8} textAnchor="middle">
          {t(`quarters.short.${quarter}`)}
        </text>
      ))}
      {agreedPercent !== null && (
        <g className="trend-agreed">
          <line x1={LEFT} x2={LEFT + PLOT_W} y1={y(agreedPercent)} y2={y(agreedPercent)} />
          <text x={LEFT + PLOT_W + 6} y={y(agreedPercent)} dominantBaseline="middle">
            {t('quarters.agreedLine', { percent: agreedPercent })}
          </text>
        </g>
      )}
      {runs.map((run) => (
        <polyline
          key={run[0]!.index}
          className="trend-line"
          points={run.map((p) => `${x(p.index)},${y(p.percent)}`).join(' ')}
        />
      ))}
      {runs.flat().map((p) => (
        <g key={p.index} className="trend-point">
          <circle cx={x(p.index)} cy={y(p.percent)} r={4} />
          <text x={x(p.index)} y={labelY(p.percent, agreedPercent)} textAnchor="middle">
            {percentText(p.percent)}
          </text>
        </g>
      ))}
    </svg>
  );
}
