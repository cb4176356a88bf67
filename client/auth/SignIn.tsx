import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api.ts';
import {
  describeError,
  ErrorSummary,
  isEmail,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import { PageHeading } from '../app/page.tsx';
import type { SessionUser } from '../app/types.ts';

/** Signs a staff member in with email and password. */
export function SignIn({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = {
    email: t('signIn.email'),
    password: t('signIn.password'),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('form.required');
    else if (!isEmail(email)) errors.email = t('form.invalidEmail');
    if (!password) errors.password = t('form.required');
    setFieldErrors(errors);
    const failed = checksFailed(t('errors.status.422'), errors, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { user } = await api.signIn(email.trim(), password);
      onSignedIn(user);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 429)) {
        setProblem({
          message: t(error.status === 401 ? 'signIn.wrongCredentials' : 'signIn.tooManyAttempts'),
          items: [],
        });
      } else {
        const described = describeError(t, error, (path) => labels[path]);
        setProblem(described.problem);
        setFieldErrors(described.fieldErrors);
      }
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} />
        <TextField
          id="email"
          label={labels.email!}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          required
        />
        <TextField
          id="password"
          label={labels.password!}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          required
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
