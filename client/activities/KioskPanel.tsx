import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeError,
  ErrorSummary,
  StatusMessage,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import { api, sessionEnded } from '../app/api.ts';
import { useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity, type OpenedKiosk } from './api.ts';
import { KioskList } from './KioskList.tsx';
import { formatInstant } from './names.ts';
import { QrCode } from './QrCode.tsx';

const DEFAULT_MINUTES = 240;
const MAX_MINUTES = 10_080;
const PIN = /^\d{6,12}$/; // server/kiosk/pin.ts, PIN_PATTERN
const fieldId = (path: string) => `kiosk-${path}`;

/** Opens a kiosk for the activity (shown once: QR code, link, expiry) and lists its kiosks. */
export function KioskPanel({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const [minutes, setMinutes] = useState(String(DEFAULT_MINUTES));
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [opened, setOpened] = useState<OpenedKiosk | null>(null);
  const labels: Record<string, string> = { minutes: t('kiosk.minutes'), pin: t('kiosk.pin') };
  const answerable = activity.questionnaires.some((q) => q.status === 'approved');

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    const value = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()) || value < 1 || value > MAX_MINUTES)
      errors.minutes = t('kiosk.minutesInvalid', { max: MAX_MINUTES });
    if (pin && !PIN.test(pin)) errors.pin = t('kiosk.pinInvalid');
    return errors;
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    const failed = checksFailed(t('kiosk.problems'), errors, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    setOpened(null);
    try {
      const result = await activitiesApi.openKiosk(activity.id, {
        minutes: Number(minutes),
        ...(pin ? { pin } : {}),
      });
      setOpened(result);
      setPin('');
      onChanged();
    } catch (error) {
      const described = describeError(staffT, error, (path) => labels[path]);
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="kiosk-heading" className="panel">
      <h2 id="kiosk-heading">{t('kiosk.heading')}</h2>
      <p>{t('kiosk.intro')}</p>
      {!answerable && <p className="hint">{t('kiosk.noQuestionnaire')}</p>}
      <form onSubmit={(event) => void open(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} fieldId={fieldId} />
        <div className="field-row">
          <TextField
            id={fieldId('minutes')}
            label={labels.minutes!}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_MINUTES}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            error={fieldErrors.minutes}
            hint={t('kiosk.minutesHint', { max: MAX_MINUTES })}
            required
          />
          <TextField
            id={fieldId('pin')}
            label={labels.pin!}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value.trim())}
            error={fieldErrors.pin}
            hint={t('kiosk.pinHint')}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('kiosk.opening') : t('kiosk.open')}
        </button>
      </form>
      <StatusMessage>{opened ? t('kiosk.opened') : null}</StatusMessage>
      {opened && <OpenedKioskCard opened={opened} onHide={() => setOpened(null)} />}
      <KioskList activity={activity} onChanged={onChanged} />
    </section>
  );
}

/**
 * Opens the kiosk on the coordinator's own tablet as a place participants cannot leave: in its
 * own window, whose history holds nothing for Back to reach, with this device signed out so no
 * staff page is one tap away. Blocked pop-ups fall back to this tab, once signed out: the
 * kiosk's own history trap then keeps Back inside it.
 */
async function openOnThisDevice(link: string) {
  const kiosk = window.open(link, 'fsa-kiosk');
  if (kiosk) kiosk.opener = null; // the kiosk cannot reach back into the staff page
  await api.signOut().catch(() => undefined); // the kiosk ends the session too when it starts
  if (kiosk) sessionEnded();
  else window.location.assign(link);
}

/** The one time the kiosk's code can be seen: QR code, link and expiry. */
function OpenedKioskCard({ opened, onHide }: { opened: OpenedKiosk; onHide: () => void }) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(opened.link);
      setCopied('copied');
    } catch {
      // No clipboard (plain HTTP, a policy): the link stays selected for the person to copy.
      (document.getElementById('kiosk-link') as HTMLInputElement | null)?.select();
      setCopied('failed');
    }
  }

  return (
    <div className="kiosk-opened" aria-labelledby="kiosk-opened-heading" role="group">
      <h3 id="kiosk-opened-heading">
        {t('kiosk.openUntil', { time: formatInstant(opened.expiresAt, language) })}
      </h3>
      <p className="kiosk-once">{t('kiosk.shownOnce')}</p>
      <div className="kiosk-opened-body">
        <QrCode value={opened.link} label={t('kiosk.qrLabel')} />
        <div>
          <p>{t('kiosk.scan')}</p>
          <div className="field">
            <label htmlFor="kiosk-link">{t('kiosk.link')}</label>
            <input
              id="kiosk-link"
              type="text"
              readOnly
              value={opened.link}
              spellCheck={false}
              onFocus={(event) => event.target.select()}
              className="kiosk-link"
            />
          </div>
          <div className="actions">
            <button type="button" onClick={() => void copy()}>
              {t('kiosk.copy')}
            </button>
            <button type="button" onClick={onHide}>
              {t('kiosk.hide')}
            </button>
          </div>
          <p role="status" className="hint">
            {copied === 'copied'
              ? t('kiosk.copied')
              : copied === 'failed'
                ? t('kiosk.copyFailed')
                : ''}
          </p>
          <p>
            {t('kiosk.code')} <code className="kiosk-code">{opened.code}</code>
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() => void openOnThisDevice(opened.link)}
              aria-describedby="kiosk-here-hint"
            >
              {t('kiosk.openHere')}
            </button>
          </div>
          <p id="kiosk-here-hint" className="hint">
            {t('kiosk.openHereHint')}
          </p>
        </div>
      </div>
    </div>
  );
}
