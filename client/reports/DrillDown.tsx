import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded, useResource } from '../app/page.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { reportsApi, type OutcomeStandard, type ReportScope, type StandardFigures } from './api.ts';
import { figuresFor, fiscalYearLabel, percentText } from './format.ts';
import { ItemBars } from './ItemBars.tsx';
import { VerdictBadge } from './OutcomeTable.tsx';
import { QuarterTrend } from './QuarterTrend.tsx';

/**
 * One operator's standard for the year: the counts behind the ratio, each item's answers, and
 * the quarters. The heading takes the focus each time it is opened.
 */
export function DrillDown({
  scope,
  operatorName,
  standard,
  opened,
  onClose,
}: {
  scope: ReportScope & { operator: string };
  operatorName: string;
  standard: OutcomeStandard;
  opened: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [opened]);
  return (
    <section id="drill-down" className="panel drill-down" aria-labelledby="drill-down-heading">
      <div className="drill-down-head">
        <h2 id="drill-down-heading" ref={heading} tabIndex={-1}>
          {t('drill.heading', { number: standard.number, operator: operatorName })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('drill.close')}
        </button>
      </div>
      <p className="drill-down-standard">{localised(standard.name, language)}</p>
      <Details key={scope.fiscalYear} scope={scope} standard={standard} />
    </section>
  );
}

function Details({
  scope,
  standard,
}: {
  scope: ReportScope & { operator: string };
  standard: OutcomeStandard;
}) {
  const resource = useResource(() =>
    Promise.all([
      reportsApi.outcomes(scope),
      reportsApi.quarters(scope),
      reportsApi.breakdown(scope, standard.number),
    ]).then(([outcomes, quarters, breakdown]) => ({
      figures: figuresFor(outcomes.standards, standard.number),
      quarters: quarters.items,
      breakdown,
    })),
  );
  return (
    <Loaded resource={resource}>
      {({ figures, quarters, breakdown }) => (
        <>
          {figures && <Counts figures={figures} year={fiscalYearLabel(scope.fiscalYear)} />}
          <ItemBars items={breakdown.items} cut={breakdown.cut} />
          <QuarterTrend
            quarters={quarters}
            standard={standard.number}
            fiscalYear={scope.fiscalYear}
            agreedPercent={figures?.agreedPercent ?? null}
          />
        </>
      )}
    </Loaded>
  );
}

/** The counts behind the ratio, in words, and the verdict against the agreed level. */
function Counts({ figures, year }: { figures: StandardFigures; year: string }) {
  const { t } = useTranslation('reports');
  return (
    <div className="drill-down-counts">
      <h3>{t('drill.countsHeading', { year })}</h3>
      {figures.respondents === 0 ? (
        <p>{t('drill.noRespondents')}</p>
      ) : (
        <p className="drill-down-ratio">
          {t('drill.counts', {
            agreed: figures.agreed,
            count: figures.respondents,
            percent: percentText(figures.percent),
          })}
        </p>
      )}
      {figures.nonRespondents > 0 && (
        <p>{t('drill.nonRespondents', { count: figures.nonRespondents })}</p>
      )}
      <p>
        {figures.agreedPercent === null
          ? t('drill.noAgreedLevel')
          : t('drill.agreedLevel', { percent: figures.agreedPercent })}{' '}
        <VerdictBadge figures={figures} />
      </p>
    </div>
  );
}
