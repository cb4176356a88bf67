import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the browser's own <dialog>: focus is kept inside, the rest of the page is
 * inert for screen readers). Escape calls `onCancel` rather than closing it behind our back.
 */
export function Modal({
  titleId,
  describedBy,
  onCancel,
  className,
  children,
}: {
  titleId: string;
  describedBy?: string;
  onCancel: () => void;
  className?: string;
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
      className={`kiosk-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
