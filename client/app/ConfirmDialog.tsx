import { useEffect, useRef, type ReactNode } from 'react';
import './dialog.css';

/**
 * A modal "are you sure?" (the browser's own <dialog>: focus stays inside, the page behind is
 * inert). It names what is about to happen in `children`; Escape and the cancel button call
 * `onCancel`, the confirm button (focused first) `onConfirm`.
 */
export function ConfirmDialog({
  id,
  title,
  confirm,
  cancel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  confirm: string;
  cancel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="confirm-dialog-actions">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          autoFocus
          disabled={busy}
          onClick={onConfirm}
        >
          {confirm}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </dialog>
  );
}
