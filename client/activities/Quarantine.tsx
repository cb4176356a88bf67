import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, StatusMessage, type FormProblem } from '../app/forms.tsx';
import { Loaded, useResource } from '../app/page.tsx';
import { useLanguage } from '../i18n/index.ts';
import {
  activitiesApi,
  type Activity,
  type QuarantinedSubmission,
  type QuarantinePage,
} from './api.ts';
import { formatInstant, responseProblem } from './names.ts';
import { QuarantineAnswers } from './QuarantineAnswers.tsx';
import { ReasonForm } from './ReasonForm.tsx';

const REASONS = [
  'kiosk_closed',
  'answers_do_not_fit',
  'invalid_response',
  'response_id_taken',
  'rule_broken',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (code: string): code is Reason => (REASONS as readonly string[]).includes(code);

type Done = 'accepted' | 'discarded' | null;

/**
 * Kiosk submissions the server refused for good: nothing a participant answered disappears
 * until the coordinator accepts it as a response or discards it with a reason. Shown only when
 * there are any.
 */
export function Quarantine({
  activity,
  version,
  onChanged,
}: {
  activity: Activity;
  version: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation('activities');
  const waiting = useResource(() => activitiesApi.quarantine(activity.id, 'waiting'));
  const decidedPage = useResource(() => activitiesApi.quarantine(activity.id, 'decided'));
  const { reload: reloadWaiting } = waiting;
  const { reload: reloadDecided } = decidedPage;
  const [done, setDone] = useState<Done>(null);
  useEffect(() => {
    if (version > 0) {
      reloadWaiting();
      reloadDecided();
    }
  }, [version, reloadWaiting, reloadDecided]);
  // Nothing to show (or not yet known): the section appears only when there are entries.
  const empty = (r: typeof waiting) => r.state === 'ready' && !r.data.items.length;
  if (waiting.state === 'loading' || (empty(waiting) && empty(decidedPage))) return null;
  const decided = (outcome: Done) => {
    setDone(outcome);
    reloadWaiting();
    reloadDecided();
    onChanged();
  };
  return (
    <section aria-labelledby="quarantine-heading" className="panel quarantine">
      <h2 id="quarantine-heading">{t('quarantine.heading')}</h2>
      <p>{t('quarantine.intro')}</p>
      <StatusMessage>{done ? t(`quarantine.was.${done}`) : null}</StatusMessage>
      <Loaded resource={waiting}>
        {(first) => (
          <>
            <p className={activity.quarantined ? 'quarantine-count' : undefined}>
              {t('quarantine.pending', { count: activity.quarantined })}
            </p>
            <Pages
              key={`waiting-${version}`}
              first={first}
              more={(after) => activitiesApi.quarantine(activity.id, 'waiting', after)}
              entry={(entry) => (
                <Entry
                  key={entry.id}
                  entry={entry}
                  onDecided={decided}
                  onStart={() => setDone(null)}
                />
              )}
            />
          </>
        )}
      </Loaded>
      {decidedPage.state === 'ready' && decidedPage.data.items.length > 0 && (
        <details>
          <summary>{t('quarantine.decidedList')}</summary>
          <Pages
            key={`decided-${version}`}
            first={decidedPage.data}
            more={(after) => activitiesApi.quarantine(activity.id, 'decided', after)}
            entry={(entry) => (
              <Entry key={entry.id} entry={entry} onDecided={decided} onStart={() => {}} />
            )}
          />
        </details>
      )}
    </section>
  );
}

/** The entries of one page and those after it, fetched when asked for ("Show more"). */
function Pages({
  first,
  more,
  entry,
}: {
  first: QuarantinePage;
  more: (after: string) => Promise<QuarantinePage>;
  entry: (entry: QuarantinedSubmission) => ReactNode;
}) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const [later, setLater] = useState<QuarantinePage>({ items: [], next: first.next });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  useEffect(() => setLater({ items: [], next: first.next }), [first]);
  async function showMore(after: string) {
    setBusy(true);
    setProblem(null);
    try {
      const page = await more(after);
      setLater((shown) => ({ items: [...shown.items, ...page.items], next: page.next }));
    } catch (error) {
      setProblem(describeError(staffT, error).problem);
    } finally {
      setBusy(false);
    }
  }
  const next = later.next;
  return (
    <>
      {[...first.items, ...later.items].map(entry)}
      <ErrorSummary problem={problem} />
      {next && (
        <button type="button" disabled={busy} onClick={() => void showMore(next)}>
          {t('quarantine.showMore')}
        </button>
      )}
    </>
  );
}

function Entry({
  entry,
  onDecided,
  onStart,
}: {
  entry: QuarantinedSubmission;
  onDecided: (done: Done) => void;
  onStart: () => void;
}) {
  const { t } = useTranslation('activities');
  const { t: staffT } = useTranslation();
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const received = formatInstant(entry.receivedAt, language);
  const headingId = `quarantined-${entry.id}`;

  async function accept() {
    onStart();
    setBusy(true);
    setProblem(null);
    try {
      await activitiesApi.accept(entry.id);
      onDecided('accepted');
    } catch (error) {
      setProblem(describeError(staffT, error).problem);
      setBusy(false);
    }
  }

  const code = entry.reason.code;
  return (
    <article aria-labelledby={headingId} className="quarantined">
      <h3 id={headingId}>{t('quarantine.received', { time: received })}</h3>
      <p className="quarantine-reason">
        <strong>{t('quarantine.why')}</strong>{' '}
        {isReason(code)
          ? t(`quarantine.reasons.${code}`)
          : t('quarantine.reasons.other', { status: entry.status })}
      </p>
      <p>{t('quarantine.serverSaid', { message: entry.reason.message })}</p>
      {entry.reason.details && entry.reason.details.length > 0 && (
        <ul className="quarantine-details">
          {entry.reason.details.map((detail, i) => (
            <li key={i}>{responseProblem(t, detail)}</li>
          ))}
        </ul>
      )}
      <QuarantineAnswers body={entry.body} />
      {entry.dropped && entry.dropped.count > 0 && (
        <p className="quarantine-dropped">
          {t('quarantine.dropped', {
            count: entry.dropped.count,
            paths: entry.dropped.paths.join(', '),
          })}
        </p>
      )}
      {entry.resolution ? (
        <p>
          <span className="badge badge-idle">{t(`quarantine.resolution.${entry.resolution}`)}</span>{' '}
          {entry.resolvedAt && formatInstant(entry.resolvedAt, language)}
          {entry.note && ` · ${t('quarantine.note', { note: entry.note })}`}
        </p>
      ) : (
        <>
          <ErrorSummary problem={problem} />
          {discarding ? (
            <ReasonForm
              id={`discard-reason-${entry.id}`}
              texts={{
                prompt: t('quarantine.confirmDiscard'),
                label: t('quarantine.reason'),
                required: t('quarantine.reasonRequired'),
                confirm: t('quarantine.confirmYes'),
                cancel: t('quarantine.confirmNo'),
              }}
              act={(reason) => activitiesApi.discard(entry.id, reason)}
              onDone={() => onDecided('discarded')}
              onCancel={() => setDiscarding(false)}
            />
          ) : (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void accept()}
              >
                {t('quarantine.accept')}
                <span className="visually-hidden">
                  {' '}
                  {t('quarantine.which', { time: received })}
                </span>
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  onStart();
                  setProblem(null);
                  setDiscarding(true);
                }}
              >
                {t('quarantine.discard')}
                <span className="visually-hidden">
                  {' '}
                  {t('quarantine.which', { time: received })}
                </span>
              </button>
            </div>
          )}
        </>
      )}
    </article>
  );
}
