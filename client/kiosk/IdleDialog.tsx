import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n.ts';
import { Modal } from './Modal.tsx';

/**
 * "Are you still there?" with a countdown: Continue keeps the form, silence clears it so the
 * next person never sees an abandoned participant's answers.
 */
export function IdleDialog({
  seconds,
  onContinue,
  onTimeout,
}: {
  seconds: number;
  onContinue: () => void;
  onTimeout: () => void;
}) {
  const t = useT();
  const deadline = useRef(Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  const timedOut = useRef(onTimeout);
  timedOut.current = onTimeout;
  useEffect(() => {
    const tick = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(tick);
        timedOut.current();
      }
    }, 250);
    return () => clearInterval(tick);
  }, []);
  return (
    <Modal titleId="idle-title" describedBy="idle-body" onCancel={onContinue}>
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-body">{t('idle.body', { seconds: left })}</p>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-button primary" onClick={onContinue} autoFocus>
          {t('idle.continue')}
        </button>
      </div>
    </Modal>
  );
}
