import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import type { AuditEntry, AuditVerification } from '../app/types.ts';
import { useLanguage } from '../i18n/index.ts';
import { hongKongTime } from './time.ts';

/** Admin: the audit log, newest first, and a check of its hash chain. */
export function Audit() {
  const { t } = useTranslation('admin');
  const [pages, setPages] = useState<AuditEntry[][]>([]);
  const resource = useResource(() => api.audit());
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { t: tStaff } = useTranslation();
  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p>{t('audit.intro')}</p>
      <Verification />
      <Loaded resource={resource}>
        {({ items }) => {
          const entries = [...items, ...pages.flat()];
          const last = entries[entries.length - 1];
          const more = pages.length
            ? pages[pages.length - 1]!.length === 100
            : items.length === 100;
          return (
            <>
              <EntryTable entries={entries} />
              <ErrorSummary problem={problem} />
              {more && last && (
                <button
                  type="button"
                  disabled={loadingMore}
                  onClick={() => {
                    setLoadingMore(true);
                    setProblem(null);
                    api
                      .audit(last.seq)
                      .then(
                        (page) => setPages((p) => [...p, page.items]),
                        (error: unknown) => setProblem(describeError(tStaff, error).problem),
                      )
                      .finally(() => setLoadingMore(false));
                  }}
                >
                  {t('audit.older')}
                </button>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

/** Runs the chain check on demand and says what it found. */
function Verification() {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  async function verify() {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.verifyAudit());
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('audit.verifyHeading')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <ErrorSummary problem={problem} />
      <div role="status">
        {result &&
          (result.broken ? (
            <p className="error-summary">
              {t('audit.broken', {
                seq: result.broken.seq,
                reason: result.broken.reason,
                when: hongKongTime(result.checkedAt, language),
              })}
            </p>
          ) : (
            <p className="status-message">
              {t('audit.intact', {
                count: result.entries,
                when: hongKongTime(result.checkedAt, language),
              })}
            </p>
          ))}
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
    </section>
  );
}

function EntryTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  if (!entries.length) return <p>{t('audit.none')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.caption')}>
      <table className="audit-table">
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.operator')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>{hongKongTime(entry.at, language)}</td>
              <td>{entry.actor?.email ?? t('audit.nobody')}</td>
              <th scope="row">
                {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
              </th>
              <td>
                {entry.targetType}
                {entry.targetId && (
                  <>
                    {' '}
                    <code>{entry.targetId}</code>
                  </>
                )}
              </td>
              <td>{entry.operator ?? ''}</td>
              <td>
                {Object.keys(entry.details).length > 0 && (
                  <code className="audit-details">{JSON.stringify(entry.details)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
