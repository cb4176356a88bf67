// SWD's decision on a submitted version: approve exactly the content shown, or reject with a
// reason the coordinator will read.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.ts';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import type { QuestionnaireVersion } from './api.ts';
import { reviewApi } from './api.ts';

export type Outcome = 'approved' | 'rejected';

/** The approve and reject forms; `onDecided` is told which once the server has agreed. */
export function Decision({
  version,
  onDecided,
  onReload,
}: {
  version: QuestionnaireVersion;
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

  async function decide(outcome: Outcome) {
    setBusy(outcome);
    setProblem(null);
    setConflict(false);
    try {
      if (outcome === 'approved')
        await reviewApi.approve(version.questionnaire, version.version, version.contentHash);
      else await reviewApi.reject(version.questionnaire, version.version, reason.trim());
      onDecided(outcome);
    } catch (error) {
      const described = describeError(tStaff, error, (path) =>
        path === 'reason' ? t('decision.reason') : undefined,
      ).problem;
      const isConflict = error instanceof ApiError && error.status === 409;
      setConflict(isConflict);
      setProblem(isConflict ? { ...described, message: t('decision.conflict') } : described);
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
    void decide('rejected');
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
            onClick={() => void decide('approved')}
          >
            {busy === 'approved' ? t('decision.approving') : t('decision.approve')}
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
              {busy === 'rejected' ? t('decision.rejecting') : t('decision.reject')}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
