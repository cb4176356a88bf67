import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import {
  describeError,
  ErrorSummary,
  InlineConfirm,
  StatusMessage,
  TextField,
  type FormProblem,
} from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { useSessionUser } from '../app/session.ts';
import type { Operator, User } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { CreateUser } from './CreateUser.tsx';

type Done = {
  key: 'users.created' | 'users.wasDisabled' | 'users.wasEnabled' | 'users.wasReset';
  email: string;
};

/** Admin: every staff account, disabling and enabling them, and creating new ones. */
export function Users() {
  const { t } = useTranslation();
  const { t: tAdmin } = useTranslation('admin');
  const [done, setDone] = useState<Done | null>(null);
  const resource = useResource(() =>
    Promise.all([api.users(), api.operators()]).then(([users, operators]) => ({
      users: users.items,
      operators: operators.items,
    })),
  );
  const changed = (next: Done) => {
    setDone(next);
    resource.reload();
  };
  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <StatusMessage>
        {done
          ? done.key === 'users.wasReset'
            ? tAdmin('reset.done', { email: done.email })
            : t(done.key, { email: done.email })
          : null}
      </StatusMessage>
      <Loaded resource={resource}>
        {({ users, operators }) => (
          <>
            <UserTable users={users} operators={operators} onChanged={changed} />
            <CreateUser
              operators={operators}
              onCreated={(email) => changed({ key: 'users.created', email })}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function UserTable({
  users,
  operators,
  onChanged,
}: {
  users: User[];
  operators: Operator[];
  onChanged: (done: Done) => void;
}) {
  const { t } = useTranslation();
  const { t: tAdmin } = useTranslation('admin');
  const language = useLanguage();
  const me = useSessionUser();
  const [resetting, setResetting] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [refocus, setRefocus] = useState<string | null>(null);

  // After a change or a cancel, the focus goes back to the row's button, not to the page's top.
  useEffect(() => {
    if (refocus && confirming === null) document.getElementById(`toggle-${refocus}`)?.focus();
  }, [refocus, confirming, users]);

  const operatorName = (code: string | null) => {
    if (!code) return t('users.noOperator');
    const operator = operators.find((o) => o.code === code);
    return operator ? `${localised(operator.name, language, code)} (${code})` : code;
  };

  async function toggle(user: User) {
    setBusy(true);
    setProblem(null);
    try {
      await api.setUserDisabled(user.id, !user.disabled);
      onChanged({
        key: user.disabled ? 'users.wasEnabled' : 'users.wasDisabled',
        email: user.email,
      });
    } catch (error) {
      setProblem(describeError(t, error).problem);
    } finally {
      setBusy(false);
      setConfirming(null);
      setRefocus(user.id);
    }
  }

  if (!users.length) return <p>{t('users.none')}</p>;
  return (
    <>
      <ErrorSummary problem={problem} />
      <div className="table-scroll">
        <table>
          <caption>{t('users.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.operator')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  {user.email}{' '}
                  {user.id === me.id && <span className="muted">{t('users.you')}</span>}
                </th>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{operatorName(user.operator)}</td>
                <td>
                  <span className={user.disabled ? 'badge badge-off' : 'badge badge-on'}>
                    {t(user.disabled ? 'users.disabled' : 'users.active')}
                  </span>
                  {user.mustChangePassword && (
                    <>
                      {' '}
                      <span className="badge">{tAdmin('reset.pending')}</span>
                    </>
                  )}
                </td>
                <td>
                  {user.id === me.id ? null : confirming === user.id ? (
                    <InlineConfirm
                      id={`confirm-${user.id}`}
                      prompt={t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', {
                        email: user.email,
                      })}
                      confirm={t('users.confirmYes')}
                      cancel={t('users.confirmNo')}
                      danger={!user.disabled}
                      busy={busy}
                      onConfirm={() => void toggle(user)}
                      onCancel={() => {
                        setConfirming(null);
                        setRefocus(user.id);
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      id={`toggle-${user.id}`}
                      onClick={() => {
                        setProblem(null);
                        setRefocus(null);
                        setConfirming(user.id);
                      }}
                    >
                      {t(user.disabled ? 'users.enable' : 'users.disable')}
                      <span className="visually-hidden"> {user.email}</span>
                    </button>
                  )}
                  {user.id !== me.id &&
                    confirming !== user.id &&
                    (resetting === user.id ? (
                      <ResetPassword
                        user={user}
                        onDone={() => {
                          setResetting(null);
                          onChanged({ key: 'users.wasReset', email: user.email });
                        }}
                        onCancel={() => setResetting(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        onClick={() => {
                          setProblem(null);
                          setResetting(user.id);
                        }}
                      >
                        {tAdmin('reset.button')}
                        <span className="visually-hidden"> {user.email}</span>
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A password hard to guess and easy to read out: four groups of four letters and digits. */
function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Sets a one-time password the user must change at the next sign-in. */
function ResetPassword({
  user,
  onDone,
  onCancel,
}: {
  user: User;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const [password, setPassword] = useState(oneTimePassword);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const id = `reset-${user.id}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.resetPassword(user.id, password);
      onDone();
    } catch (error) {
      setProblem(describeError(tStaff, error, () => t('reset.password')).problem);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      className="confirm"
      aria-labelledby={`${id}-prompt`}
    >
      <p id={`${id}-prompt`}>{t('reset.prompt', { email: user.email })}</p>
      <ErrorSummary problem={problem} fieldId={() => id} />
      <TextField
        id={id}
        label={t('reset.password')}
        hint={t('reset.hint')}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <button type="submit" className="danger" autoFocus disabled={busy}>
        {t('reset.confirm')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={onCancel}>
        {t('reset.cancel')}
      </button>
    </form>
  );
}
