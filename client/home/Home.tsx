import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, paths } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { homeApi } from './api.ts';
import { Waiting } from './Waiting.tsx';
import './home.css';

/** The first page after signing in: what waits for this person, and what the role can do here. */
export function Home() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const waiting = useResource(() => homeApi.waiting());
  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p>{t('home.welcome', { email: user.email })}</p>
      {user.operator && <p>{t('home.operator', { operator: user.operator })}</p>}
      <Loaded resource={waiting}>{(items) => <Waiting items={items} />}</Loaded>
      <ul className="cards">
        {user.role === 'admin' && (
          <>
            <li className="card">
              <h2>
                <Link to={paths.users}>{t('nav.users')}</Link>
              </h2>
              <p>{t('home.usersDescription')}</p>
            </li>
            <li className="card">
              <h2>
                <Link to={paths.operators}>{t('nav.operators')}</Link>
              </h2>
              <p>{t('home.operatorsDescription')}</p>
            </li>
          </>
        )}
        {user.role === 'swd' ? (
          <li className="card">
            <h2>
              <Link to={paths.reviews}>{t('nav.reviews')}</Link>
            </h2>
            <p>{t('home.reviewsDescription')}</p>
          </li>
        ) : (
          <li className="card">
            <h2>
              <Link to={paths.questionnaires}>{t('nav.questionnaires')}</Link>
            </h2>
            <p>{t('home.questionnairesDescription')}</p>
          </li>
        )}
        {user.role === 'coordinator' && (
          <li className="card">
            <h2>
              <Link to={paths.activities}>{t('nav.activities')}</Link>
            </h2>
            <p>{t('home.activitiesDescription')}</p>
          </li>
        )}
        {user.role !== 'admin' && (
          <li className="card">
            <h2>
              <Link to={paths.reports}>{t('nav.reports')}</Link>
            </h2>
            <p>{t('home.reportsDescription')}</p>
          </li>
        )}
      </ul>
    </>
  );
}
