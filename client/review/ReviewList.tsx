import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** SWD's queue: versions submitted for approval, across operators. */
export default function ReviewList() {
  const { t } = useTranslation('review');
  return <PageHeading>{t('title')}</PageHeading>;
}
