import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type NewUser } from '../app/api.ts';
import {
  describeError,
  ErrorSummary,
  isEmail,
  PASSWORD_MIN_LENGTH,
  SelectField,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import { ROLES, type Operator, type Role } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';

const fieldId = (path: string) => `new-user-${path}`;

/** Admin: creates a staff account; a coordinator belongs to one operator. */
export function CreateUser({
  operators,
  onCreated,
}: {
  operators: Operator[];
  onCreated: (email: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [operator, setOperator] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = {
    email: t('users.email'),
    password: t('users.password'),
    role: t('users.role'),
    operator: t('users.operator'),
  };

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('form.required');
    else if (!isEmail(email)) errors.email = t('form.invalidEmail');
    if (!password) errors.password = t('form.required');
    else if (password.length < PASSWORD_MIN_LENGTH) {
      errors.password = t('form.passwordTooShort', { count: PASSWORD_MIN_LENGTH });
    }
    if (role === 'coordinator' && !operator) errors.operator = t('users.operatorRequired');
    return errors;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    const failed = checksFailed(t('errors.status.422'), errors, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    const user: NewUser = { email: email.trim(), password, role };
    if (role === 'coordinator') user.operator = operator;
    try {
      await api.createUser(user);
      setEmail('');
      setPassword('');
      onCreated(user.email);
    } catch (error) {
      const described = describeError(t, error, (path) => labels[path]);
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-user" className="panel">
      <h2 id="create-user">{t('users.create')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} fieldId={fieldId} />
        <TextField
          id={fieldId('email')}
          label={labels.email!}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          required
        />
        <TextField
          id={fieldId('password')}
          label={labels.password!}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
          hint={t('form.passwordHint', { count: PASSWORD_MIN_LENGTH })}
          required
        />
        <SelectField
          id={fieldId('role')}
          label={labels.role!}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={fieldErrors.role}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {role === 'coordinator' && (
          <SelectField
            id={fieldId('operator')}
            label={labels.operator!}
            value={operator}
            onChange={(event) => setOperator(event.target.value)}
            error={fieldErrors.operator}
            required
          >
            <option value="">{t('users.chooseOperator')}</option>
            {operators.map((o) => (
              <option key={o.code} value={o.code}>
                {`${localised(o.name, language, o.code)} (${o.code})`}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('users.submitting') : t('users.submit')}
        </button>
      </form>
    </section>
  );
}
