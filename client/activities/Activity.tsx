import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, paths, pathTo, patterns } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity as ActivityData, type ProgrammeKinds } from './api.ts';
import { KioskPanel } from './KioskPanel.tsx';
import { kindName, questionnaireLabel } from './names.ts';
import { PaperEntry } from './PaperEntry.tsx';
import { Quarantine } from './Quarantine.tsx';
import { ResponsesTable } from './ResponsesTable.tsx';
import './activities.css';

/** One activity: its kiosk, paper entry, responses and quarantine. */
export default function Activity({ id }: { id: string }) {
  const { t } = useTranslation('activities');
  const resource = useResource(() =>
    Promise.all([activitiesApi.get(id), activitiesApi.programmes()]).then(
      ([activity, programmes]) => ({ activity, programmes: programmes.items }),
    ),
  );
  // Bumped when responses change here (a paper form, an accepted submission): lists reload.
  const [responsesChanged, setResponsesChanged] = useState(0);
  const { reload } = resource;
  const responsesAdded = () => {
    setResponsesChanged((n) => n + 1);
    reload();
  };
  return (
    <>
      <p className="back-link">
        <Link to={paths.activities}>{t('activity.back')}</Link>
      </p>
      <PageHeading>
        {resource.state === 'ready' ? resource.data.activity.title : t('activity.loadingTitle')}
      </PageHeading>
      <Loaded resource={resource}>
        {({ activity, programmes }) => (
          <>
            <Summary activity={activity} programmes={programmes} />
            <KioskPanel activity={activity} onChanged={reload} />
            <PaperEntry activity={activity} onSaved={responsesAdded} />
            <ResponsesTable activity={activity} version={responsesChanged} onChanged={reload} />
            <Quarantine activity={activity} version={responsesChanged} onChanged={responsesAdded} />
          </>
        )}
      </Loaded>
    </>
  );
}

function Summary({
  activity,
  programmes,
}: {
  activity: ActivityData;
  programmes: ProgrammeKinds[];
}) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  const programme = programmes.find((p) => p.code === activity.programme);
  const kioskOpen = activity.kiosks.some((k) => k.open);
  return (
    <section aria-labelledby="summary-heading" className="panel">
      <h2 id="summary-heading" className="visually-hidden">
        {t('activity.summary')}
      </h2>
      <dl className="activity-summary">
        <dt>{t('activity.date')}</dt>
        <dd>{activity.date}</dd>
        <dt>{t('activity.unit')}</dt>
        <dd>
          {activity.unit} ({localised(programme?.name, language, activity.programme)})
        </dd>
        <dt>{t('activity.kind')}</dt>
        <dd>{kindName(programmes, activity.programme, activity.kind, language)}</dd>
        <dt>{t('activity.responses')}</dt>
        <dd>{activity.responses}</dd>
        <dt>{t('activity.kiosk')}</dt>
        <dd>{kioskOpen ? t('list.kioskOpen') : t('list.kioskNotOpen')}</dd>
        {activity.quarantined > 0 && (
          <>
            <dt>{t('activity.quarantined')}</dt>
            <dd>
              <a href="#quarantine-heading" className="badge badge-warn">
                {t('list.toReview', { count: activity.quarantined })}
              </a>
            </dd>
          </>
        )}
      </dl>
      <h3>{t('activity.questionnaires')}</h3>
      {activity.questionnaires.length === 0 ? (
        <p>{t('activity.noQuestionnaires')}</p>
      ) : (
        <ul className="activity-questionnaires">
          {activity.questionnaires.map((q) => (
            <li key={`${q.id}/${q.version}`}>
              {questionnaireLabel(t, q, language)}{' '}
              {q.status !== 'approved' && (
                <span className="badge badge-off">
                  {t(`activity.status.${statusKey(q.status)}`)}
                </span>
              )}{' '}
              <Link to={pathTo(patterns.print, { id: q.id, v: q.version })}>
                {t('activity.print')}
                <span className="visually-hidden"> {questionnaireLabel(t, q, language)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const statusKey = (status: string) => (status === 'retired' ? 'retired' : 'other');
