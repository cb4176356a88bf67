import { useTranslation } from 'react-i18next';
import type { Activity } from './api.ts';

/** The financial year (April to March) of a `YYYY-MM-DD` date: 2026 for 2026-27. */
export function fiscalYearOfDate(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month! >= 4 ? year! : year! - 1;
}

const label = (year: number) => `${year}-${String((year + 1) % 100).padStart(2, '0')}`;

/**
 * Links to the exports of this activity's responses and of every response in its financial
 * year, as a workbook (with the answers' labels) or as CSV.
 */
export function ResponseDownloads({ activity }: { activity: Activity }) {
  const { t } = useTranslation('activities');
  const year = fiscalYearOfDate(activity.date);
  const activityQuery = `activity=${encodeURIComponent(activity.id)}`;
  const yearQuery = `fiscalYear=${year}`;
  const links = [
    { query: activityQuery, what: t('responses.download.activity') },
    { query: yearQuery, what: t('responses.download.year', { year: label(year) }) },
  ];
  return (
    <div className="response-downloads">
      <h3 id="downloads-heading">{t('responses.download.heading')}</h3>
      <ul aria-labelledby="downloads-heading">
        {links.map(({ query, what }) => (
          <li key={query}>
            <span>{what}</span>
            <a href={`/api/v1/responses.xlsx?${query}`} download>
              {t('responses.download.xlsx')}
              <span className="visually-hidden"> ({what})</span>
            </a>
            <a href={`/api/v1/responses.csv?${query}`} download>
              {t('responses.download.csv')}
              <span className="visually-hidden"> ({what})</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="hint">{t('responses.download.hint')}</p>
    </div>
  );
}
