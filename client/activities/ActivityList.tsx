import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, navigate, pathTo, patterns } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity, type ProgrammeKinds } from './api.ts';
import { kindName } from './names.ts';
import { NewActivity } from './NewActivity.tsx';
import './activities.css';

/** The operator's activities: record one, open its kiosk, type in paper forms. */
export default function ActivityList() {
  const { t } = useTranslation('activities');
  const me = useSessionUser();
  const resource = useResource(() =>
    Promise.all([
      activitiesApi.list(),
      activitiesApi.operators(),
      activitiesApi.programmes(),
      activitiesApi.questionnaires(),
    ]).then(([activities, operators, programmes, questionnaires]) => ({
      activities: activities.items,
      units: operators.items.find((o) => o.code === me.operator)?.units ?? [],
      programmes: programmes.items,
      questionnaires: questionnaires.items,
    })),
  );
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('list.intro')}</p>
      <Loaded resource={resource}>
        {({ activities, units, programmes, questionnaires }) => (
          <>
            <ActivityTable activities={activities} programmes={programmes} />
            <NewActivity
              units={units}
              programmes={programmes}
              questionnaires={questionnaires}
              onCreated={(id) => navigate(pathTo(patterns.activity, { id }))}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function ActivityTable({
  activities,
  programmes,
}: {
  activities: Activity[];
  programmes: ProgrammeKinds[];
}) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  if (!activities.length) return <p>{t('list.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="activity-table">
        <caption>{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.date')}</th>
            <th scope="col">{t('list.activity')}</th>
            <th scope="col">{t('list.unit')}</th>
            <th scope="col">{t('list.kind')}</th>
            <th scope="col" className="numeric">
              {t('list.responses')}
            </th>
            <th scope="col" className="numeric">
              {t('list.quarantined')}
            </th>
            <th scope="col">{t('list.kiosk')}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => {
            const kioskOpen = activity.kiosks.some((k) => k.open);
            return (
              <tr key={activity.id}>
                <td className="nowrap">{activity.date}</td>
                <th scope="row">
                  <Link to={pathTo(patterns.activity, { id: activity.id })}>{activity.title}</Link>
                </th>
                <td>{activity.unit}</td>
                <td>{kindName(programmes, activity.programme, activity.kind, language)}</td>
                <td className="numeric">{activity.responses}</td>
                <td className="numeric">
                  {activity.quarantined > 0 ? (
                    <span className="badge badge-warn">
                      {t('list.toReview', { count: activity.quarantined })}
                    </span>
                  ) : (
                    activity.quarantined
                  )}
                </td>
                <td>
                  <span className={kioskOpen ? 'badge badge-on' : 'badge badge-idle'}>
                    {kioskOpen ? t('list.kioskOpen') : t('list.kioskNotOpen')}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
