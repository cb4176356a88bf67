import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, paths } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { downloadUrl, reportsApi, type ReportProgramme, type TableRow } from './api.ts';
import { DrillDown } from './DrillDown.tsx';
import { FunnelSection } from './Funnel.tsx';
import { fiscalYearLabel, recentFiscalYears } from './format.ts';
import { cellId, OutcomeTable } from './OutcomeTable.tsx';
import './reports.css';

const DEFAULT_PROGRAMME = 'SPEAR';

/** Outcome reports: operators by standards for SWD, one's own operator for coordinators. */
export default function Reports() {
  const { t } = useTranslation('reports');
  const resource = useResource(() => reportsApi.programmes());
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <MoreViews />
      <Loaded resource={resource}>
        {({ items }) =>
          items.length ? <ReportsFor programmes={items} /> : <p>{t('noProgrammes')}</p>
        }
      </Loaded>
    </>
  );
}

/** Links to the territory table and the trends (issue 16). */
function MoreViews() {
  const { t } = useTranslation('territory');
  return (
    <nav aria-label={t('links.label')} className="report-views">
      <ul>
        <li>
          <Link to={paths.territory}>{t('links.territory')}</Link>
        </li>
        <li>
          <Link to={paths.trends}>{t('links.trends')}</Link>
        </li>
      </ul>
    </nav>
  );
}

interface OpenDrillDown {
  operator: TableRow;
  standard: number;
  /** Counts the openings: opening the same cell again moves the focus to it again. */
  opened: number;
}

function ReportsFor({ programmes }: { programmes: ReportProgramme[] }) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const user = useSessionUser();
  const years = useMemo(() => recentFiscalYears(), []);
  const [programmeCode, setProgrammeCode] = useState(
    () => (programmes.find((p) => p.code === DEFAULT_PROGRAMME) ?? programmes[0]!).code,
  );
  const [fiscalYear, setFiscalYear] = useState(years[0]!);
  const [drill, setDrill] = useState<OpenDrillDown | null>(null);
  const programme = programmes.find((p) => p.code === programmeCode) ?? programmes[0]!;
  const scope = { programme: programme.code, fiscalYear };
  const drillStandard = drill
    ? programme.outcomeStandards.find((s) => s.number === drill.standard)
    : undefined;

  const closeDrillDown = () => {
    const back = drill && cellId(drill.operator.code, drill.standard);
    setDrill(null);
    // Back to the cell that opened it, so keyboard users keep their place in the table.
    if (back) setTimeout(() => document.getElementById(back)?.focus(), 0);
  };

  return (
    <>
      <form className="report-controls" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="report-programme"
          label={t('controls.programme')}
          value={programme.code}
          onChange={(event) => {
            setProgrammeCode(event.target.value);
            setDrill(null);
          }}
        >
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {localised(p.name, language, p.code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="report-year"
          label={t('controls.fiscalYear')}
          value={String(fiscalYear)}
          onChange={(event) => setFiscalYear(Number(event.target.value))}
        >
          {years.map((year, i) => (
            <option key={year} value={year}>
              {i === 0
                ? t('controls.currentYear', { label: fiscalYearLabel(year) })
                : fiscalYearLabel(year)}
            </option>
          ))}
        </SelectField>
      </form>
      <div className="report-downloads">
        <p id="report-downloads-label" className="report-downloads-label">
          {t(
            user.role === 'coordinator'
              ? 'controls.downloadsOwn'
              : programme.areaKind === 'team'
                ? 'controls.downloadsTeams'
                : 'controls.downloads',
            { year: fiscalYearLabel(fiscalYear) },
          )}
        </p>
        <ul aria-labelledby="report-downloads-label">
          <li>
            <a href={downloadUrl(scope, 'xlsx')} download>
              {t('controls.xlsx')}
            </a>
          </li>
          <li>
            <a href={downloadUrl(scope, 'csv')} download>
              {t('controls.csv')}
            </a>
          </li>
        </ul>
      </div>
      <OutcomeTable
        key={`${scope.programme}-${scope.fiscalYear}`}
        scope={scope}
        programme={programme}
        showTotals={user.role !== 'coordinator'}
        selected={drill && { operator: drill.operator.code, standard: drill.standard }}
        onOpen={(operator, standard) =>
          setDrill((before) => ({ operator, standard, opened: (before?.opened ?? 0) + 1 }))
        }
      />
      {drill && drillStandard && (
        <DrillDown
          key={`${scope.programme}-${drill.operator.code}-${drill.standard}`}
          scope={{ ...scope, operator: drill.operator.code }}
          operatorName={t('table.operatorName', {
            name: localised(drill.operator.name, language, drill.operator.code),
            code: drill.operator.code,
          })}
          standard={drillStandard}
          opened={drill.opened}
          onClose={closeDrillDown}
        />
      )}
      <FunnelSection
        key={`funnel-${scope.programme}`}
        scope={scope}
        programme={programme}
        canChooseBy={user.role !== 'coordinator'}
      />
    </>
  );
}
