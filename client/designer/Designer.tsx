import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** The designer of one questionnaire version. */
export default function Designer({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('designer');
  return <PageHeading>{`${t('title')} ${id} ${version}`}</PageHeading>;
}
