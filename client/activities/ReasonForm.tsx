import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, TextField, type FormProblem } from '../app/forms.tsx';

/** The texts of one reason form, already translated. */
export interface ReasonTexts {
  prompt: string;
  label: string;
  required: string;
  confirm: string;
  cancel: string;
}

/**
 * Asks why before an action that cannot be undone (voiding a response, discarding a quarantined
 * submission): the reason is required and kept in the audit log.
 */
export function ReasonForm({
  id,
  texts,
  className = 'confirm',
  act,
  onDone,
  onCancel,
}: {
  id: string;
  texts: ReasonTexts;
  className?: string;
  act: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t: staffT } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(texts.required);
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await act(reason.trim());
      onDone();
    } catch (failure) {
      setProblem(describeError(staffT, failure, () => texts.label).problem);
      setBusy(false);
    }
  }

  return (
    <form
      className={className}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-busy={busy}
    >
      <p>{texts.prompt}</p>
      <ErrorSummary problem={problem} />
      <TextField
        id={id}
        label={texts.label}
        value={reason}
        maxLength={2000}
        autoFocus
        onChange={(event) => setReason(event.target.value)}
        error={error}
        required
      />
      <button type="submit" className="danger" disabled={busy}>
        {texts.confirm}
      </button>
      <button type="button" disabled={busy} onClick={onCancel}>
        {texts.cancel}
      </button>
    </form>
  );
}
