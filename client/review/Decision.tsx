// SWD's decision on a submitted version: approve exactly the content shown, or reject with a
// reason the coordinator will read.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.ts';
import { ConfirmDialog } from '../app/ConfirmDialog.tsx';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import type { QuestionnaireVersion } from './api.ts';
import { reviewApi } from './api.ts';

export type Outcome = 'approved' | 'rejected';

/**
 * The approve and reject forms; each asks for confirmation in a dialog that names the
 * questionnaire, version, operator and content hash (and the reason). `onDecided` is told which
 * once the server has agreed.
 */
export function Decision({
  version,
  title,
  operator,
  onDecided,
  onReload,
}: {
  version: QuestionnaireVersion;
  /** The questionnaire's title and operator, as the page names them. */
  title: string;
  operator: string;
  onDecided: (outcome: Outcome) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('review');
  const { t: tStaff } = useTranslation();
  const [busy, setBusy] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Outcome | null>(null);

  async function decide(outcome: Outcome) {
    setBusy(outcome);
    setProblem(null);
    setConflict(false);
    try {
      if (outcome === 'approved')
        await reviewApi.approve(version.questionnaire, version.version, version.contentHash);
      else await reviewApi.reject(version.questionnaire, version.version, reason.trim());
      setConfirming(null);
      onDecided(outcome);
    } catch (error) {
      const described = describeError(tStaff, error, (path) =>
        path === 'reason' ? t('decision.reason') : undefined,
      ).problem;
      const isConflict = error instanceof ApiError && error.status === 409;
      setConflict(isConflict);
      setProblem(isConflict ? { ...described, message: t('decision.conflict') } : described);
      setConfirming(null);
    } finally {
      setBusy(null);
    }
  }

  function reject(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      const message = t('decision.reasonRequired');
      setReasonError(message);
      setProblem({
        message: tStaff('form.errorSummary'),
        items: [{ path: 'reason', label: t('decision.reason'), message }],
      });
      return;
    }
    setReasonError(null);
    setConfirming('rejected');
  }

  return (
    <>
      <ErrorSummary problem={problem} fieldId={() => 'decision-reason'} />
      {conflict && (
        <p>
          <button type="button" onClick={onReload}>
            {t('decision.reload')}
          </button>
        </p>
      )}
      <div className="decision-options">
        <section className="panel decision-approve" aria-labelledby="decision-approve-heading">
          <h3 id="decision-approve-heading">{t('decision.approveHeading')}</h3>
          <p>{t('decision.approveIntro')}</p>
          <p>
            {t('decision.approveHash')} <code className="hash-short">{version.contentHash}</code>
          </p>
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => setConfirming('approved')}
          >
            {t('decision.approve')}
          </button>
        </section>
        <section className="panel decision-reject" aria-labelledby="decision-reject-heading">
          <h3 id="decision-reject-heading">{t('decision.rejectHeading')}</h3>
          <form noValidate onSubmit={reject}>
            <div className={reasonError ? 'field field-invalid' : 'field'}>
              <label htmlFor="decision-reason">{t('decision.reason')}</label>
              <p id="decision-reason-hint" className="hint">
                {t('decision.reasonHint')}
              </p>
              {reasonError && (
                <p id="decision-reason-error" className="field-error">
                  {reasonError}
                </p>
              )}
              <textarea
                id="decision-reason"
                rows={4}
                maxLength={2000}
                required
                value={reason}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={
                  reasonError
                    ? 'decision-reason-hint decision-reason-error'
                    : 'decision-reason-hint'
                }
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
            <button type="submit" className="danger" disabled={busy !== null}>
              {t('decision.reject')}
            </button>
          </form>
        </section>
      </div>
      {confirming && (
        <ConfirmDialog
          id="decision-confirm"
          title={t(confirming === 'approved' ? 'confirm.approveTitle' : 'confirm.rejectTitle', {
            title,
            version: version.version,
          })}
          confirm={
            busy
              ? t(confirming === 'approved' ? 'decision.approving' : 'decision.rejecting')
              : t(confirming === 'approved' ? 'confirm.approve' : 'confirm.reject')
          }
          cancel={t('confirm.cancel')}
          danger={confirming === 'rejected'}
          busy={busy !== null}
          onConfirm={() => void decide(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t(confirming === 'approved' ? 'confirm.approveIntro' : 'confirm.rejectIntro')}</p>
          <dl>
            <dt>{t('confirm.questionnaire')}</dt>
            <dd>{t('confirm.questionnaireVersion', { title, version: version.version })}</dd>
            <dt>{t('review.operator')}</dt>
            <dd>{operator}</dd>
            <dt>{t('review.contentHash')}</dt>
            <dd>
              <code className="hash-short">{version.contentHash}</code>
            </dd>
            {confirming === 'rejected' && (
              <>
                <dt>{t('decision.reason')}</dt>
                <dd className="diff-text">{reason.trim()}</dd>
              </>
            )}
          </dl>
        </ConfirmDialog>
      )}
    </>
  );
}
