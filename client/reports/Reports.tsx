import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** Outcome reports: operators by standards for SWD, one's own operator for coordinators. */
export default function Reports() {
  const { t } = useTranslation('reports');
  return <PageHeading>{t('title')}</PageHeading>;
}
