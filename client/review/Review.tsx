import { useTranslation } from 'react-i18next';
import { PageHeading } from '../app/page.tsx';

/** SWD's review of one submitted version. */
export default function Review({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('review');
  return <PageHeading>{`${t('title')} ${id} ${version}`}</PageHeading>;
}
