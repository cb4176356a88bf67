import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, pathTo, patterns } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { hongKongTime } from '../app/time.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { designerApi, type ProgrammeRules, type Questionnaire } from './api.ts';
import { NewQuestionnaire } from './NewQuestionnaire.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import './designer.css';

/** The operator's questionnaires: open a version; start from a template or from scratch; import. */
export default function QuestionnaireList() {
  const { t } = useTranslation('designer');
  const user = useSessionUser();
  const resource = useResource(() =>
    Promise.all([
      designerApi.questionnaires(),
      designerApi.templates(),
      designerApi.programmes(),
      user.role === 'admin' ? designerApi.operators() : Promise.resolve({ items: [] }),
    ]).then(([questionnaires, templates, programmes, operators]) => ({
      questionnaires: questionnaires.items,
      templates: templates.items,
      programmes: programmes.items,
      operators: operators.items,
    })),
  );
  return (
    <div className="questionnaire-list">
      <PageHeading>{t('title')}</PageHeading>
      <Loaded resource={resource}>
        {(data) => (
          <>
            <section aria-labelledby="existing-heading">
              <h2 id="existing-heading">{t('list.heading')}</h2>
              <QuestionnaireTable
                questionnaires={data.questionnaires}
                programmes={data.programmes}
                showOperator={user.role === 'admin'}
              />
            </section>
            <NewQuestionnaire
              templates={data.templates}
              programmes={data.programmes}
              operators={data.operators}
            />
          </>
        )}
      </Loaded>
    </div>
  );
}

function QuestionnaireTable({
  questionnaires,
  programmes,
  showOperator,
}: {
  questionnaires: Questionnaire[];
  programmes: ProgrammeRules[];
  showOperator: boolean;
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  if (!questionnaires.length) return <p>{t('list.none')}</p>;
  const formatDate = (instant: string) => hongKongTime(instant, language);
  const populationName = (q: Questionnaire) => {
    const programme = programmes.find((p) => p.code === q.programme);
    const population = programme?.populations.find((p) => p.code === q.population);
    return `${localised(programme?.name, language, q.programme)}${t('header.separator')}${localised(population?.name, language, q.population)}`;
  };
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.questionnaire')}</th>
            {showOperator && <th scope="col">{t('list.operator')}</th>}
            <th scope="col">{t('list.population')}</th>
            <th scope="col">{t('list.versions')}</th>
            <th scope="col">{t('list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {questionnaires.map((q) => {
            const versions = [...q.versions].sort((a, b) => b.version - a.version);
            const latest = versions[0];
            return (
              <tr key={q.id}>
                <th scope="row">{localised(latest?.title, language) || t('untitled')}</th>
                {showOperator && <td>{q.operator}</td>}
                <td>{populationName(q)}</td>
                <td>
                  <ul className="version-list">
                    {versions.map((v) => (
                      <li key={v.version}>
                        <Link to={pathTo(patterns.designer, { id: q.id, v: v.version })}>
                          {t('list.version', { version: v.version })}
                          <span className="visually-hidden">
                            {' '}
                            ({localised(v.title, language) || t('untitled')})
                          </span>
                        </Link>{' '}
                        <StatusBadge status={v.status} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{latest ? formatDate(latest.updatedAt) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
