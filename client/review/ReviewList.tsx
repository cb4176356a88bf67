import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, pathTo, patterns } from '../app/router.tsx';
import { localised } from '../i18n/index.ts';
import { loadReferences, reviewApi, type QuestionnaireSummary, type References } from './api.ts';
import { useNames } from './names.ts';
import './review.css';

/** SWD's queue: versions submitted for approval, across operators. */
export default function ReviewList() {
  const { t } = useTranslation('review');
  const resource = useResource(() =>
    Promise.all([reviewApi.submitted(), loadReferences()]).then(([list, references]) => ({
      questionnaires: list.items,
      references,
    })),
  );
  return (
    <div className="review">
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('list.intro')}</p>
      <Loaded resource={resource}>{(data) => <Queue {...data} />}</Loaded>
    </div>
  );
}

/** The submitted versions, the longest waiting first. */
function waitingVersions(questionnaires: QuestionnaireSummary[]) {
  return questionnaires
    .flatMap((questionnaire) =>
      questionnaire.versions
        .filter((v) => v.status === 'submitted')
        .map((version) => ({ questionnaire, version })),
    )
    .sort((a, b) => (a.version.submittedAt ?? '').localeCompare(b.version.submittedAt ?? ''));
}

function Queue({
  questionnaires,
  references,
}: {
  questionnaires: QuestionnaireSummary[];
  references: References;
}) {
  const { t } = useTranslation('review');
  const names = useNames(references);
  const waiting = waitingVersions(questionnaires);
  if (!waiting.length) return <p className="queue-empty">{t('list.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="queue">
        <caption>{t('list.caption', { count: waiting.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.questionnaire')}</th>
            <th scope="col">{t('list.operator')}</th>
            <th scope="col">{t('list.programme')}</th>
            <th scope="col">{t('list.population')}</th>
            <th scope="col">{t('list.submitted')}</th>
          </tr>
        </thead>
        <tbody>
          {waiting.map(({ questionnaire: q, version: v }) => (
            <tr key={`${q.id}/${v.version}`}>
              <th scope="row">
                <Link to={pathTo(patterns.review, { id: q.id, v: v.version })}>
                  {t('list.open', {
                    title: localised(v.title, names.language, t('list.untitled')),
                    version: v.version,
                  })}
                </Link>
              </th>
              <td>{names.operator(q.operator)}</td>
              <td>{names.programme(q.programme)}</td>
              <td>{names.population(q.programme, q.population)}</td>
              <td>{names.date(v.submittedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
