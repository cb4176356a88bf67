import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import {
  describeError,
  ErrorSummary,
  PASSWORD_MIN_LENGTH,
  StatusMessage,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import { PageHeading } from '../app/page.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

/**
 * Changes the signed-in person's own password; `required` after an admin's reset, when the
 * one-time password must be replaced before anything else (`onChanged` then lets them in).
 */
export function ChangePassword({
  required = false,
  onChanged,
}: { required?: boolean; onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const labels: Record<Field, string> = {
    currentPassword: t('changePassword.currentPassword'),
    newPassword: t('changePassword.newPassword'),
    confirmPassword: t('changePassword.confirmPassword'),
  };
  const labelFor = (path: string) => labels[path as Field];

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!values.currentPassword) errors.currentPassword = t('form.required');
    if (!values.newPassword) errors.newPassword = t('form.required');
    else if (values.newPassword.length < PASSWORD_MIN_LENGTH) {
      errors.newPassword = t('form.passwordTooShort', { count: PASSWORD_MIN_LENGTH });
    }
    if (values.newPassword && values.confirmPassword !== values.newPassword) {
      errors.confirmPassword = t('changePassword.mismatch');
    }
    return errors;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const errors = validate();
    setFieldErrors(errors);
    const failed = checksFailed(t('errors.status.422'), errors, labelFor);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      setDone(true);
      onChanged?.();
    } catch (error) {
      const described = describeError(t, error, labelFor);
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, autoComplete: string, hint?: string) => (
    <TextField
      id={name}
      label={labels[name]}
      type="password"
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      error={fieldErrors[name]}
      hint={hint}
      required
    />
  );

  return (
    <div className="narrow">
      <PageHeading>{t('changePassword.title')}</PageHeading>
      {required && (
        <p role="alert" className="notice">
          {t('changePassword.required')}
        </p>
      )}
      <p>{t('changePassword.intro')}</p>
      <StatusMessage>{done ? t('changePassword.done') : null}</StatusMessage>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} />
        {field('currentPassword', 'current-password')}
        {field(
          'newPassword',
          'new-password',
          t('form.passwordHint', { count: PASSWORD_MIN_LENGTH }),
        )}
        {field('confirmPassword', 'new-password')}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('changePassword.submitting') : t('changePassword.submit')}
        </button>
      </form>
    </div>
  );
}
