import { useTranslation } from 'react-i18next';
import type { LocaleStatus, VersionStatus } from './api.ts';

/** A version's status as a coloured, labelled badge. */
export function StatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation('designer');
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** A language's translation status: draft, or reviewed (offered to participants). */
export function LocaleStatusBadge({ status }: { status: LocaleStatus | undefined }) {
  const { t } = useTranslation('designer');
  return (
    <span className={`badge locale-${status ?? 'new'}`}>
      {t(status ? `localeStatus.${status}` : 'localeStatus.new')}
    </span>
  );
}
