import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useT } from './i18n.ts';
import { Modal } from './Modal.tsx';
import { outboxState, sendNow, subscribeOutbox } from './outbox.ts';
import { checkPinOffline, checkPinOnline, PIN_WINDOW_MINUTES, rememberPin } from './pin.ts';
import { useIdle } from './useIdle.ts';

const STAFF_IDLE_MS = 90_000;

/**
 * The way out of kiosk mode for staff: the coordinator's PIN (checked by the server; offline,
 * by this tablet if the server accepted it here before: pin.ts) or signing in. Unlocked, it
 * shows how many responses are waiting, never what they say.
 */
export function StaffDialog({
  code,
  hasPin,
  onClose,
}: {
  code: string;
  hasPin: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [unlocked, setUnlocked] = useState(false);
  // An unattended, unlocked panel locks itself again.
  useIdle(true, STAFF_IDLE_MS, onClose);
  return (
    <Modal titleId="staff-title" onCancel={onClose} className="staff-dialog">
      <h2 id="staff-title">{t('staff.title')}</h2>
      {unlocked ? (
        <StaffPanel />
      ) : hasPin ? (
        <PinForm code={code} onUnlock={() => setUnlocked(true)} />
      ) : (
        <p>{t('staff.noPin')}</p>
      )}
      <div className="kiosk-actions">
        {!unlocked && (
          <a className="kiosk-button" href="/sign-in">
            {t('staff.signIn')}
          </a>
        )}
        <button type="button" className="kiosk-button" onClick={onClose}>
          {t('staff.cancel')}
        </button>
      </div>
    </Modal>
  );
}

function PinForm({ code, onUnlock }: { code: string; onUnlock: () => void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecking(true);
    const pin = value;
    setValue('');
    const answer = await checkPinOnline(code, pin);
    let offline: Awaited<ReturnType<typeof checkPinOffline>> | undefined;
    if (answer === 'right') await rememberPin(code, pin).catch(() => undefined);
    else if (answer === 'unreachable')
      offline = await checkPinOffline(code, pin).catch(() => ({ kind: 'none' as const }));
    setChecking(false);
    if (answer === 'right' || offline?.kind === 'right') return onUnlock();
    if (answer === 'wrong') setMessage(t('staff.wrongPin'));
    else if (answer === 'limited') setMessage(t('staff.tooMany', { minutes: PIN_WINDOW_MINUTES }));
    else if (answer === 'gone') setMessage(t('staff.cannotCheck'));
    else if (offline?.kind === 'wrong' && offline.left > 0)
      setMessage(t('staff.offlineWrong', { count: offline.left }));
    else setMessage(t('staff.offlineNotReady'));
  }
  return (
    <form onSubmit={submit} className="pin-form">
      <label htmlFor="staff-pin">{t('staff.pin')}</label>
      <input
        id="staff-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={value}
        onChange={(e) => setValue(e.target.value.replace(/\D/g, ''))}
        aria-describedby={message ? 'pin-message' : undefined}
        aria-invalid={message ? true : undefined}
        autoFocus
      />
      <p id="pin-message" role="alert" className="pin-message">
        {message}
      </p>
      <button type="submit" className="kiosk-button primary" disabled={checking || !value}>
        {t('staff.unlock')}
      </button>
    </form>
  );
}

function StaffPanel() {
  const t = useT();
  const { pending } = useSyncExternalStore(subscribeOutbox, outboxState);
  const [sending, setSending] = useState(false);
  return (
    <div className="staff-panel">
      <p role="status" data-pending={pending}>
        {pending === 0 ? t('staff.allSent') : t('staff.pending', { count: pending })}
      </p>
      <button
        type="button"
        className="kiosk-button primary"
        disabled={sending || pending === 0}
        onClick={() => {
          setSending(true);
          void sendNow().finally(() => setSending(false));
        }}
      >
        {t('staff.sendNow')}
      </button>
      {pending > 0 && <p>{t('staff.closeWarning')}</p>}
      <button type="button" className="kiosk-button" onClick={() => window.location.assign('/')}>
        {t('staff.closeKiosk')}
      </button>
    </div>
  );
}
