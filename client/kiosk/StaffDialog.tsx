import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useT } from './i18n.ts';
import type { PinCheck } from './kioskData.ts';
import { Modal } from './Modal.tsx';
import { outboxState, sendNow, subscribeOutbox } from './outbox.ts';
import { pinMatches } from './pin.ts';
import { useIdle } from './useIdle.ts';

const FREE_TRIES = 5;
const STAFF_IDLE_MS = 90_000;

/**
 * The way out of kiosk mode for staff: the coordinator's PIN (checked on the tablet, so it
 * works offline) or signing in. Unlocked, it shows how many responses are waiting, never what
 * they say.
 */
export function StaffDialog({ pin, onClose }: { pin: PinCheck | null; onClose: () => void }) {
  const t = useT();
  const [unlocked, setUnlocked] = useState(false);
  // An unattended, unlocked panel locks itself again.
  useIdle(true, STAFF_IDLE_MS, onClose);
  return (
    <Modal titleId="staff-title" onCancel={onClose} className="staff-dialog">
      <h2 id="staff-title">{t('staff.title')}</h2>
      {unlocked ? (
        <StaffPanel />
      ) : pin ? (
        <PinForm pin={pin} onUnlock={() => setUnlocked(true)} />
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

function PinForm({ pin, onUnlock }: { pin: PinCheck; onUnlock: () => void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [wrong, setWrong] = useState(0);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const wait = Math.ceil((lockedUntil - Date.now()) / 1000);
    if (wait > 0) {
      setMessage(t('staff.wait', { seconds: wait }));
      return;
    }
    setChecking(true);
    const matches = await pinMatches(value, pin).catch(() => false);
    setChecking(false);
    setValue('');
    if (matches) {
      onUnlock();
      return;
    }
    const tries = wrong + 1;
    setWrong(tries);
    // After a few wrong PINs, each further guess waits longer (30 s, 60 s, …).
    if (tries >= FREE_TRIES) {
      const seconds = 30 * 2 ** (tries - FREE_TRIES);
      setLockedUntil(Date.now() + seconds * 1000);
      setMessage(t('staff.wait', { seconds }));
    } else setMessage(t('staff.wrongPin'));
  }
  return (
    <form onSubmit={submit} className="pin-form">
      <label htmlFor="staff-pin">{t('staff.pin')}</label>
      <input
        id="staff-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
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
