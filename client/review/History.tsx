// A questionnaire's past submissions and decisions, from the audit log: who (by role) decided
// what, when in Hong Kong time, and why.
import { useTranslation } from 'react-i18next';
import { Loaded, useResource } from '../app/page.tsx';
import { useLanguage } from '../i18n/index.ts';
import { reviewApi } from './api.ts';
import { formatDateTime } from './names.ts';

/** The decision history table of one questionnaire, newest first. */
export function DecisionHistory({ questionnaire }: { questionnaire: string }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const resource = useResource(() => reviewApi.decisions(questionnaire));
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <Loaded resource={resource}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('history.none')}</p>
          ) : (
            <div className="table-scroll">
              <table className="history-table">
                <caption>{t('history.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('history.when')}</th>
                    <th scope="col">{t('history.version')}</th>
                    <th scope="col">{t('history.decision')}</th>
                    <th scope="col">{t('history.by')}</th>
                    <th scope="col">{t('history.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...items].reverse().map((d, i) => (
                    <tr key={i}>
                      <td>
                        <time dateTime={d.at}>{formatDateTime(d.at, language)}</time>
                      </td>
                      <td>{t('history.versionNumber', { version: d.version })}</td>
                      <th scope="row">
                        <span className={`badge status-${d.decision}`}>
                          {t(`statuses.${d.decision}`)}
                        </span>
                      </th>
                      <td>
                        {d.by.role ? t(`history.roles.${d.by.role}`) : t('history.unknown')}
                        {d.by.email && <span className="history-email"> ({d.by.email})</span>}
                      </td>
                      <td className="diff-text">{d.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
