import { useTranslation } from 'react-i18next';
import { Loaded, useResource } from '../app/page.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import {
  reportsApi,
  type OutcomeStandard,
  type ReportProgramme,
  type ReportScope,
  type StandardFigures,
  type TableRow,
} from './api.ts';
import {
  figuresFor,
  fiscalYearLabel,
  intervalText,
  percentText,
  VERDICT_ICONS,
  verdictOf,
} from './format.ts';

/** Met, not met, or why neither: a word with an icon; the colour only adds to them. */
export function VerdictBadge({
  figures,
}: {
  figures: Pick<StandardFigures, 'met' | 'respondents'> & Partial<Pick<StandardFigures, 'verdict'>>;
}) {
  const { t } = useTranslation('reports');
  const verdict = verdictOf(figures);
  return (
    <span className={`verdict verdict-${verdict}`}>
      <span className="verdict-icon" aria-hidden="true">
        {VERDICT_ICONS[verdict]}
      </span>{' '}
      {t(`verdict.${verdict}`)}
    </span>
  );
}

/** A cell's lines: the percent, its 95% interval, the respondents, the verdict. */
function Figures({ figures }: { figures: StandardFigures }) {
  const { t } = useTranslation('reports');
  const interval = intervalText(figures.interval);
  return (
    <span className="figures">
      <span className="figures-percent">
        {percentText(figures.percent) ?? t('table.noPercent')}
      </span>
      {interval && <span className="figures-interval">{t('table.interval', { interval })}</span>}
      <span className="figures-respondents">
        {t('table.respondents', { count: figures.respondents })}
      </span>
      <VerdictBadge figures={figures} />
    </span>
  );
}

/** Which operator's standard the drill-down shows. */
export interface Selection {
  operator: string;
  standard: number;
}

/** The id of an operator's cell button (focus returns to it when the drill-down closes). */
export const cellId = (operator: string, standard: number) =>
  `outcome-cell-${operator}-${standard}`.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * Operators down and standards across for one programme and year, with region and territory
 * totals when `showTotals`; each operator's cell opens the drill-down.
 */
export function OutcomeTable({
  scope,
  programme,
  showTotals,
  selected,
  onOpen,
}: {
  scope: ReportScope;
  programme: ReportProgramme;
  showTotals: boolean;
  selected: Selection | null;
  onOpen: (operator: TableRow, standard: number) => void;
}) {
  const resource = useResource(() => reportsApi.table(scope));
  return (
    <Loaded resource={resource}>
      {(table) => (
        <Grid
          rows={table.operators}
          regions={showTotals ? table.regions : []}
          territory={showTotals ? table.territory : null}
          year={table.fiscalYear || fiscalYearLabel(scope.fiscalYear)}
          programme={programme}
          selected={selected}
          onOpen={onOpen}
        />
      )}
    </Loaded>
  );
}

function Grid({
  rows,
  regions,
  territory,
  year,
  programme,
  selected,
  onOpen,
}: {
  rows: TableRow[];
  regions: TableRow[];
  territory: StandardFigures[] | null;
  year: string;
  programme: ReportProgramme;
  selected: Selection | null;
  onOpen: (operator: TableRow, standard: number) => void;
}) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const standards = programme.outcomeStandards;
  const programmeName = localised(programme.name, language, programme.code);
  if (!rows.length) return <p>{t('table.noOperators', { programme: programmeName })}</p>;
  // A year nobody has answered yet says so, rather than showing a grid of empty cells.
  const answered = rows.some((row) =>
    row.standards.some((s) => s.respondents > 0 || s.nonRespondents > 0),
  );
  if (!answered)
    return (
      <p className="empty-state" role="status">
        {t('table.noResponsesYet', { programme: programmeName, year })}
      </p>
    );
  // The agreed level of the chosen year (the programme list gives this year's).
  const agreedOf = (standard: OutcomeStandard) =>
    (territory && figuresFor(territory, standard.number)?.agreedPercent) ??
    figuresFor(rows[0]!.standards, standard.number)?.agreedPercent ??
    null;
  const totalCells = (figures: StandardFigures[]) =>
    standards.map((standard) => {
      const cell = figuresFor(figures, standard.number);
      return (
        <td key={standard.number}>
          {cell ? (
            <span className="total-figures">
              <Figures figures={cell} />
            </span>
          ) : null}
        </td>
      );
    });
  return (
    <>
      <p className="hint">{t('table.hint')}</p>
      <div className="table-scroll">
        <table className="outcome-table">
          <caption>{t('table.caption', { programme: programmeName, year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.operator')}</th>
              {standards.map((standard) => {
                const agreed = agreedOf(standard);
                const name = localised(standard.name, language);
                return (
                  <th scope="col" key={standard.number}>
                    <span className="standard-number">
                      {t('table.standard', { number: standard.number })}
                    </span>
                    <span className="standard-name" title={name}>
                      {name}
                    </span>
                    <span className="standard-agreed">
                      {agreed === null
                        ? t('table.noAgreedLevel')
                        : t('table.agreedLevel', { percent: agreed })}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = localised(row.name, language, row.code);
              return (
                <tr key={row.code}>
                  <th scope="row">
                    {name} <span className="muted">({row.code})</span>
                  </th>
                  {standards.map((standard) => {
                    const figures = figuresFor(row.standards, standard.number);
                    if (!figures) return <td key={standard.number} />;
                    const open =
                      selected?.operator === row.code && selected.standard === standard.number;
                    return (
                      <td key={standard.number}>
                        <button
                          type="button"
                          id={cellId(row.code, standard.number)}
                          className="cell-button"
                          aria-expanded={open}
                          aria-controls={open ? 'drill-down' : undefined}
                          onClick={() => onOpen(row, standard.number)}
                        >
                          <span className="visually-hidden">
                            {t('table.cellPrefix', {
                              standard: t('table.standard', { number: standard.number }),
                              operator: t('table.operatorName', { name, code: row.code }),
                            })}
                          </span>
                          <Figures figures={figures} />
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          {regions.length > 0 && (
            <tbody className="total-rows">
              <tr>
                <th scope="rowgroup" colSpan={standards.length + 1} className="group-heading">
                  {programme.areaKind === 'team' ? t('table.teams') : t('table.regions')}
                </th>
              </tr>
              {regions.map((region) => (
                <tr key={region.code}>
                  <th scope="row">{localised(region.name, language, region.code)}</th>
                  {totalCells(region.standards)}
                </tr>
              ))}
            </tbody>
          )}
          {territory && (
            <tfoot>
              <tr className="territory-row">
                <th scope="row">{t('table.territory')}</th>
                {totalCells(territory)}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </>
  );
}
