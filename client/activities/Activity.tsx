import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** One activity: its kiosk, paper entry, responses and quarantine. */
export default function Activity({ id }: { id: string }) {
  const { t } = useTranslation('activities');
  return <PageHeading>{`${t('title')} ${id}`}</PageHeading>;
}
