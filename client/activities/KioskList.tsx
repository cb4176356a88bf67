import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeError,
  ErrorSummary,
  InlineConfirm,
  StatusMessage,
  type FormProblem,
} from '../app/forms.tsx';
import { useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity, type Kiosk } from './api.ts';
import { formatInstant } from './names.ts';

/** The activity's kiosks, newest first; an open one can be closed early. */
export function KioskList({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const language = useLanguage();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState(false);
  const [refocus, setRefocus] = useState<string | null>(null);
  const kiosks = [...activity.kiosks].sort((a, b) => b.openedAt.localeCompare(a.openedAt));

  // After a cancel, the focus goes back to the row's button, not to the top of the page.
  useEffect(() => {
    if (refocus && confirming === null) document.getElementById(`close-${refocus}`)?.focus();
  }, [refocus, confirming]);

  async function close(kiosk: Kiosk) {
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await activitiesApi.closeKiosk(activity.id, kiosk.id);
      setDone(true);
      onChanged();
    } catch (error) {
      setProblem(describeError(staffT, error).problem);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  const state = (kiosk: Kiosk) =>
    kiosk.open
      ? t('kiosks.open')
      : kiosk.closedAt
        ? t('kiosks.closedAt', { time: formatInstant(kiosk.closedAt, language) })
        : t('kiosks.expired');

  return (
    <>
      <h3>{t('kiosks.heading')}</h3>
      <StatusMessage>{done ? t('kiosks.closed') : null}</StatusMessage>
      <ErrorSummary problem={problem} />
      {kiosks.length === 0 ? (
        <p>{t('kiosks.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('kiosks.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kiosks.openedAt')}</th>
                <th scope="col">{t('kiosks.expiresAt')}</th>
                <th scope="col">{t('kiosks.state')}</th>
                <th scope="col">{t('kiosks.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((kiosk) => {
                const opened = formatInstant(kiosk.openedAt, language);
                return (
                  <tr key={kiosk.id}>
                    <th scope="row">{opened}</th>
                    <td>{formatInstant(kiosk.expiresAt, language)}</td>
                    <td>
                      <span className={kiosk.open ? 'badge badge-on' : 'badge badge-idle'}>
                        {state(kiosk)}
                      </span>
                    </td>
                    <td>
                      {!kiosk.open ? null : confirming === kiosk.id ? (
                        <InlineConfirm
                          id={`confirm-close-${kiosk.id}`}
                          prompt={t('kiosks.confirm')}
                          confirm={t('kiosks.confirmYes')}
                          cancel={t('kiosks.confirmNo')}
                          busy={busy}
                          onConfirm={() => void close(kiosk)}
                          onCancel={() => {
                            setConfirming(null);
                            setRefocus(kiosk.id);
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          id={`close-${kiosk.id}`}
                          onClick={() => {
                            setProblem(null);
                            setDone(false);
                            setRefocus(null);
                            setConfirming(kiosk.id);
                          }}
                        >
                          {t('kiosks.close')}
                          <span className="visually-hidden">
                            {' '}
                            {t('kiosks.closeWhich', { time: opened })}
                          </span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
