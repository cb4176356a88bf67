import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** The operator's questionnaires: start from a template or from scratch, import, open. */
export default function QuestionnaireList() {
  const { t } = useTranslation('designer');
  return <PageHeading>{t('title')}</PageHeading>;
}
