import { useTranslation } from 'react-i18next';
import { Link, paths, pathTo, patterns } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { exportUrl, type ProgrammeRules, type QuestionnaireVersion } from './api.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** What version this is (status, number, content hash) and where to take it: files, paper. */
export function VersionHeader({
  version,
  programmes,
}: {
  version: QuestionnaireVersion;
  programmes: ProgrammeRules[];
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const programme = programmes.find((p) => p.code === version.programme);
  const population = programme?.populations.find((p) => p.code === version.population);
  const id = version.questionnaire;
  return (
    <div className="version-header">
      <p className="back-link">
        <Link to={paths.questionnaires}>{t('backToList')}</Link>
      </p>
      <dl className="version-facts">
        <div>
          <dt>{t('header.status')}</dt>
          <dd>
            <StatusBadge status={version.status} />
          </dd>
        </div>
        <div>
          <dt>{t('header.version')}</dt>
          <dd>{version.version}</dd>
        </div>
        <div>
          <dt>{t('header.population')}</dt>
          <dd>
            {localised(programme?.name, language, version.programme)}
            {t('header.separator')}
            {localised(population?.name, language, version.population)}
          </dd>
        </div>
        <div>
          <dt>{t('header.contentHash')}</dt>
          <dd>
            <code title={version.contentHash}>{version.contentHash.slice(0, 12)}</code>
          </dd>
        </div>
      </dl>
      <ul className="version-links">
        <li>
          <a href={exportUrl(id, version.version, 'fsa')} download>
            {t('header.exportJson')}
          </a>
        </li>
        <li>
          <a href={exportUrl(id, version.version, 'surveyjs')} download>
            {t('header.exportSurveyJs')}
          </a>
        </li>
        <li>
          <Link to={pathTo(patterns.print, { id, v: version.version })}>
            {t('header.paperForm')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
