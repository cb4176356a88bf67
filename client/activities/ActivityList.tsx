import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** The operator's activities: record one, open its kiosk, type in paper forms. */
export default function ActivityList() {
  const { t } = useTranslation('activities');
  return <PageHeading>{t('title')}</PageHeading>;
}
