import { useState, type FormEvent } from 'react';
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
import type { ApiToken } from '../app/types.ts';
import { useLanguage } from '../i18n/index.ts';
import { hongKongTime } from './time.ts';

/** API tokens for scripts: one's own (an admin can show everyone's), made and revoked here. */
export function Tokens() {
  const { t } = useTranslation('admin');
  const me = useSessionUser();
  const [all, setAll] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const resource = useResource(() => api.tokens(all));
  return (
    <>
      <PageHeading>{t('tokens.title')}</PageHeading>
      <p>{t('tokens.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      {created && (
        <div className="panel" role="region" aria-label={t('tokens.newToken')}>
          <p>{t('tokens.showOnce')}</p>
          <p>
            <code className="hash">{created}</code>
          </p>
        </div>
      )}
      {me.role === 'admin' && (
        <p>
          <label>
            <input
              type="checkbox"
              checked={all}
              onChange={(event) => {
                setAll(event.target.checked);
                resource.reload();
              }}
            />{' '}
            {t('tokens.showAll')}
          </label>
        </p>
      )}
      <Loaded resource={resource}>
        {({ items }) => (
          <TokenTable
            tokens={items}
            showOwner={all}
            onRevoked={(token) => {
              setStatus(t('tokens.revoked', { name: token.name }));
              resource.reload();
            }}
          />
        )}
      </Loaded>
      <CreateToken
        onCreated={(name, token) => {
          setCreated(token);
          setStatus(t('tokens.created', { name }));
          resource.reload();
        }}
      />
    </>
  );
}

function TokenTable({
  tokens,
  showOwner,
  onRevoked,
}: {
  tokens: ApiToken[];
  showOwner: boolean;
  onRevoked: (token: ApiToken) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  async function revoke(token: ApiToken) {
    setBusy(true);
    setProblem(null);
    try {
      await api.revokeToken(token.id);
      onRevoked(token);
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }
  if (!tokens.length) return <p>{t('tokens.none')}</p>;
  return (
    <>
      <ErrorSummary problem={problem} />
      <div className="table-scroll">
        <table>
          <caption>{t('tokens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              {showOwner && <th scope="col">{t('tokens.owner')}</th>}
              <th scope="col">{t('tokens.createdAt')}</th>
              <th scope="col">{t('tokens.lastUsedAt')}</th>
              <th scope="col">{t('tokens.expiresAt')}</th>
              <th scope="col">{t('tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                {showOwner && (
                  <td>
                    {token.user.email} ({tStaff(`roles.${token.user.role}`)})
                  </td>
                )}
                <td>{hongKongTime(token.createdAt, language)}</td>
                <td>{hongKongTime(token.lastUsedAt, language) || t('tokens.never')}</td>
                <td>{hongKongTime(token.expiresAt, language)}</td>
                <td>
                  {confirming === token.id ? (
                    <InlineConfirm
                      id={`revoke-${token.id}`}
                      prompt={t('tokens.confirmRevoke', { name: token.name })}
                      confirm={t('tokens.revokeYes')}
                      cancel={t('tokens.cancel')}
                      busy={busy}
                      onConfirm={() => void revoke(token)}
                      onCancel={() => setConfirming(null)}
                    />
                  ) : (
                    <button type="button" onClick={() => setConfirming(token.id)}>
                      {t('tokens.revoke')}
                      <span className="visually-hidden"> {token.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: (name: string, token: string) => void }) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setProblem({
        message: tStaff('errors.status.422'),
        items: [{ path: 'token-name', label: t('tokens.name'), message: tStaff('form.required') }],
      });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const created = await api.createToken(name.trim());
      onCreated(name.trim(), created.token);
      setName('');
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="create-token-heading" className="panel">
      <h2 id="create-token-heading">{t('tokens.create')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fieldId={() => 'token-name'} />
        <TextField
          id="token-name"
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('tokens.createSubmit')}
        </button>
      </form>
    </section>
  );
}
