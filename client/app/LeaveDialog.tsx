import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setNavigationGuard } from './router.tsx';

/**
 * While `dirty`, holds every in-app navigation (links, back and forward) and asks in a modal
 * dialog: save and leave, leave without saving, or stay. Closing the tab is the browser's own
 * question (beforeunload), which the page asks separately.
 */
export function LeaveGuard({
  dirty,
  save,
}: {
  dirty: boolean;
  /** Saves the edits; false when saving failed (the person then stays, with the error shown). */
  save: () => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    return setNavigationGuard((proceed) => {
      setLeaving(() => proceed);
      return true;
    });
  }, [dirty]);

  const stay = () => setLeaving(null);
  const leave = (proceed: () => void) => {
    setLeaving(null);
    proceed();
  };

  // Only in the page while asking, opened as a modal (focus kept inside, Escape stays).
  if (!leaving) return null;
  return (
    <dialog
      ref={(element) => {
        if (element && !element.open) element.showModal();
      }}
      className="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      onClose={stay}
    >
      <h2 id="leave-title">{t('leave.title')}</h2>
      <p id="leave-text">{t('leave.text')}</p>
      <div className="leave-actions">
        <button
          type="button"
          className="primary"
          disabled={saving}
          onClick={() => {
            const proceed = leaving;
            setSaving(true);
            void save()
              .then((ok) => (ok ? leave(proceed) : stay()))
              .finally(() => setSaving(false));
          }}
        >
          {saving ? t('leave.saving') : t('leave.save')}
        </button>
        <button type="button" disabled={saving} onClick={() => leave(leaving)}>
          {t('leave.discard')}
        </button>
        <button type="button" disabled={saving} onClick={stay} autoFocus>
          {t('leave.stay')}
        </button>
      </div>
    </dialog>
  );
}
