import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { reportsApi, type ReportProgramme } from './api.ts';
import { fiscalYearLabel, percentText, recentFiscalYears } from './format.ts';
import { VerdictBadge } from './OutcomeTable.tsx';
import {
  packPath,
  territoryApi,
  territoryDownload,
  type OutcomeCell,
  type OutputCell,
  type Territory,
  type TerritoryOperator,
  type TerritoryScope,
  type TerritoryUnit,
} from './territory-api.ts';
import './reports.css';
import './territory.css';

const DEFAULT_PROGRAMME = 'SPEAR';

/** SWD's territory table (issue 16): operators and their units against every standard. */
export default function TerritoryPage() {
  const { t } = useTranslation('territory');
  const resource = useResource(() => reportsApi.programmes());
  return (
    <>
      <PageHeading>{t('territory.title')}</PageHeading>
      <p>{t('territory.intro')}</p>
      <Loaded resource={resource}>
        {({ items }) => (items.length ? <TerritoryFor programmes={items} /> : null)}
      </Loaded>
    </>
  );
}

/** The programme, year and region chosen, the downloads and the table. */
function TerritoryFor({ programmes }: { programmes: ReportProgramme[] }) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const years = useMemo(() => recentFiscalYears(), []);
  const [programmeCode, setProgrammeCode] = useState(
    () => (programmes.find((p) => p.code === DEFAULT_PROGRAMME) ?? programmes[0]!).code,
  );
  const [fiscalYear, setFiscalYear] = useState(years[0]!);
  const [region, setRegion] = useState('');
  const programme = programmes.find((p) => p.code === programmeCode) ?? programmes[0]!;
  const team = programme.areaKind === 'team';
  const scope: TerritoryScope = {
    programme: programme.code,
    fiscalYear,
    ...(region ? { region } : {}),
  };
  return (
    <>
      <form className="report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="territory-programme"
          label={t('controls.programme')}
          value={programme.code}
          onChange={(event) => {
            setProgrammeCode(event.target.value);
            setRegion('');
          }}
        >
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {localised(p.name, language, p.code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="territory-year"
          label={t('controls.fiscalYear')}
          value={String(fiscalYear)}
          onChange={(event) => setFiscalYear(Number(event.target.value))}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {fiscalYearLabel(year)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="territory-region"
          label={t(team ? 'controls.team' : 'controls.region')}
          value={region}
          onChange={(event) => setRegion(event.target.value)}
        >
          <option value="">{t(team ? 'controls.allTeams' : 'controls.allRegions')}</option>
          {programme.areas.map((a) => (
            <option key={a.code} value={a.code}>
              {localised(a.name, language, a.code)}
            </option>
          ))}
        </SelectField>
      </form>
      <div className="report-downloads">
        <p id="territory-downloads-label" className="report-downloads-label">
          {t('controls.downloads')}
        </p>
        <ul aria-labelledby="territory-downloads-label">
          <li>
            <a href={territoryDownload(scope, 'xlsx')} download>
              {t('controls.xlsx')}
            </a>
          </li>
          <li>
            <a href={territoryDownload(scope, 'csv')} download>
              {t('controls.csv')}
            </a>
          </li>
        </ul>
      </div>
      <TerritoryView
        key={`${scope.programme}-${scope.fiscalYear}-${region}`}
        scope={scope}
        programme={programme}
      />
    </>
  );
}

function TerritoryView({
  scope,
  programme,
}: {
  scope: TerritoryScope;
  programme: ReportProgramme;
}) {
  const resource = useResource(() => territoryApi.table(scope));
  return (
    <Loaded resource={resource}>
      {(body) => <TerritoryTable body={body} scope={scope} programme={programme} />}
    </Loaded>
  );
}

/** A column to sort by: the name, the region, or one standard. */
type SortKey = 'name' | 'region' | `outcome:${number}` | `output:${number}`;
interface Sort {
  key: SortKey;
  descending: boolean;
}

type Row = Pick<TerritoryUnit, 'outcomes' | 'outputs'> & { code: string; region: string };

/** The value a row is sorted by in a column: text for names and regions, a number otherwise. */
function sortValue(row: Row, key: SortKey): string | number | null {
  if (key === 'name') return row.code;
  if (key === 'region') return row.region;
  const [kind, number] = key.split(':') as ['outcome' | 'output', string];
  if (kind === 'outcome')
    return row.outcomes.find((s) => s.number === Number(number))?.percent ?? null;
  const cell = row.outputs.find((s) => s.number === Number(number));
  return cell ? (cell.of === null ? cell.actual : cell.percent) : null;
}

/** Sorts rows by a column; rows without a figure go last either way. */
function sorted<T extends Row>(rows: T[], sort: Sort): T[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (sort.descending ? -order : order) || a.code.localeCompare(b.code);
  });
}

/** The id of a cell, for the verdict's description and for tests: `CODE--outcome-1`. */
export const territoryCellId = (code: string, kind: 'outcome' | 'output', number: number) =>
  `territory-${code}--${kind}-${number}`;

function TerritoryTable({
  body,
  scope,
  programme,
}: {
  body: Territory;
  scope: TerritoryScope;
  programme: ReportProgramme;
}) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  const fiscalYear = scope.fiscalYear;
  const [sort, setSort] = useState<Sort>({ key: 'name', descending: false });
  const [open, setOpen] = useState<Set<string>>(new Set());
  // Each operator's units, fetched when it is first opened (one operator's table lists them).
  const [unitsOf, setUnitsOf] = useState<Map<string, TerritoryUnit[]>>(
    () => new Map(body.operators.filter((o) => o.units.length).map((o) => [o.code, o.units])),
  );
  const [failed, setFailed] = useState(false);
  const fetchUnits = (extra: Partial<TerritoryScope>) =>
    territoryApi.table({ ...scope, ...extra }).then(
      (answer) =>
        setUnitsOf((before) => {
          const next = new Map(before);
          for (const o of answer.operators) next.set(o.code, o.units);
          return next;
        }),
      () => setFailed(true),
    );
  const areaName = (code: string | null) =>
    code ? localised(programme.areas.find((a) => a.code === code)?.name, language, code) : '';
  const operators = sorted(
    body.operators.map((o) => ({ ...o, region: o.regions.join(' ') })),
    sort,
  );
  if (!operators.length)
    return <p>{t('territory.none', { programme: localised(programme.name, language) })}</p>;
  const allOpen = operators.every((o) => open.has(o.code));
  const toggle = (code: string) => {
    if (!open.has(code) && !unitsOf.has(code)) void fetchUnits({ operator: code });
    setOpen((before) => {
      const next = new Set(before);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  };
  const toggleAll = () => {
    if (!allOpen && operators.some((o) => !unitsOf.has(o.code)))
      void fetchUnits({ units: 'include' });
    setOpen(allOpen ? new Set() : new Set(operators.map((o) => o.code)));
  };

  const columns: { key: SortKey; label: string; detail: string | null; title?: string }[] = [
    ...body.outcomeStandards.map((s) => ({
      key: `outcome:${s.number}` as const,
      label: t('territory.outcome', { number: s.number }),
      detail:
        s.agreedPercent === null
          ? t('territory.noLevel')
          : t('territory.agreedLevel', { percent: s.agreedPercent }),
      title: localised(s.name, language),
    })),
    ...body.outputStandards.map((s) => ({
      key: `output:${s.number}` as const,
      label: t('territory.output', { number: s.number }),
      detail:
        s.agreedLevel === null
          ? t('territory.noLevel')
          : s.measure === 'percent'
            ? t('territory.agreedLevel', { percent: s.agreedLevel })
            : t('territory.level', { level: s.agreedLevel }),
      title: localised(s.name, language),
    })),
  ];
  const header = (key: SortKey, label: string, detail: string | null, title?: string) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
        title={title}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() =>
            setSort((before) => ({
              key,
              descending:
                before.key === key ? !before.descending : key !== 'name' && key !== 'region',
            }))
          }
        >
          <span className="standard-number">{label}</span>
          {detail && <span className="standard-agreed">{detail}</span>}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <>
      <p>
        <button type="button" onClick={toggleAll}>
          {t(allOpen ? 'controls.collapseAll' : 'controls.expandAll')}
        </button>
      </p>
      <div className="table-scroll">
        <table className="territory-table">
          <caption>
            {t('territory.caption', {
              programme: localised(programme.name, language, programme.code),
              year: body.fiscalYear,
            })}
          </caption>
          <thead>
            <tr>
              {header('name', t('territory.name'), null)}
              {header('region', t('territory.region'), null)}
              {columns.map((c) => header(c.key, c.label, c.detail, c.title))}
            </tr>
          </thead>
          <tbody>
            {operators.map((o) => (
              <Fragment key={o.code}>
                <OperatorRow
                  operator={o}
                  regions={o.regions.map(areaName).join(', ')}
                  open={open.has(o.code)}
                  onToggle={() => toggle(o.code)}
                />
                {open.has(o.code) &&
                  sorted(
                    (unitsOf.get(o.code) ?? []).map((u) => ({ ...u, region: u.region ?? '' })),
                    sort,
                  ).map((u) => (
                    <tr key={u.code} className="territory-unit" id={`territory-unit-${u.code}`}>
                      <th scope="row">
                        <Link
                          to={packPath(u.code, fiscalYear)}
                          aria-label={t('territory.unitPack', { unit: u.code })}
                        >
                          {u.code}
                        </Link>
                      </th>
                      <td>{areaName(u.region)}</td>
                      <Cells row={u} code={u.code} />
                    </tr>
                  ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {failed && <p role="alert">{t('territory.unitsFailed')}</p>}
    </>
  );
}

function OperatorRow({
  operator,
  regions,
  open,
  onToggle,
}: {
  operator: TerritoryOperator;
  regions: string;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('territory');
  const language = useLanguage();
  return (
    <tr className="territory-operator" id={`territory-operator-${operator.code}`}>
      <th scope="row">
        <button
          type="button"
          className="expand-button"
          aria-expanded={open}
          onClick={onToggle}
          title={
            open
              ? t('territory.hideUnits')
              : t('territory.showUnits', { count: operator.units.length })
          }
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
          {t('territory.operatorName', {
            name: localised(operator.name, language, operator.code),
            code: operator.code,
          })}
        </button>
      </th>
      <td>{regions}</td>
      <Cells row={operator} code={operator.code} />
    </tr>
  );
}

function Cells({ row, code }: { row: Pick<Row, 'outcomes' | 'outputs'>; code: string }) {
  return (
    <>
      {row.outcomes.map((s) => (
        <td key={`o${s.number}`} id={territoryCellId(code, 'outcome', s.number)}>
          <OutcomeFigures cell={s} />
        </td>
      ))}
      {row.outputs.map((s) => (
        <td key={`p${s.number}`} id={territoryCellId(code, 'output', s.number)}>
          <OutputFigures cell={s} />
        </td>
      ))}
    </>
  );
}

/** Percent, n and the verdict in words (with an icon; colour only adds to them). */
function OutcomeFigures({ cell }: { cell: OutcomeCell }) {
  const { t } = useTranslation('territory');
  return (
    <span className="figures">
      <span className="figures-percent" data-figure="percent">
        {percentText(cell.percent) ?? t('territory.noFigure')}
      </span>
      <span className="figures-respondents" data-figure="n">
        {t('territory.n', { count: cell.respondents })}
      </span>
      <span data-figure="verdict" data-verdict={cell.verdict ?? ''}>
        <VerdictBadge figures={cell} />
      </span>
    </span>
  );
}

function OutputFigures({ cell }: { cell: OutputCell }) {
  const { t } = useTranslation('territory');
  const figure =
    cell.of !== null
      ? t('territory.share', {
          percent: percentText(cell.percent) ?? t('territory.noFigure'),
          actual: cell.actual,
          of: cell.of,
        })
      : cell.level === null
        ? String(cell.actual)
        : t('territory.ofLevel', { actual: cell.actual, level: cell.level });
  const verdict = cell.met === null ? 'noAgreedLevel' : cell.met ? 'met' : 'notMet';
  return (
    <span className="figures">
      <span className="figures-count" data-figure="actual" data-actual={cell.actual}>
        {figure}
      </span>
      <span className={`verdict verdict-${verdict}`} data-figure="met">
        <span className="verdict-icon" aria-hidden="true">
          {cell.met === null ? '–' : cell.met ? '✓' : '✗'}
        </span>{' '}
        {t(
          cell.met === null
            ? 'territory.outputNoLevel'
            : cell.met
              ? 'territory.outputMet'
              : 'territory.outputNotMet',
        )}
      </span>
    </span>
  );
}
