// Admin: the days the offices were closed (typhoon signal No. 8, black rainstorm). They are not
// working days, so the 10-working-day deadline of a first contact referred around them moves.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, enc, ok, type Answer, type Item } from '../app/api.ts';
import {
  checksFailed,
  describeError,
  ErrorSummary,
  InlineConfirm,
  SelectField,
  StatusMessage,
  TextField,
  type FieldErrors,
  type FormProblem,
} from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { hongKongDate } from '../../server/domain/working-days.ts';
import './closures.css';

const closures = client['closure-days'];
type Closure = Item<Answer<typeof closures.$get>>;
type Reason = Closure['reason'];
const REASONS: Reason[] = ['typhoon_8', 'black_rainstorm', 'other'];

const closureApi = {
  list: () => ok(closures.$get()),
  declare: (date: string, reason: Reason) =>
    ok(closures[':date'].$put({ param: { date: enc(date) }, json: { reason } })),
  withdraw: (date: string) => ok(closures[':date'].$delete({ param: { date: enc(date) } })),
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a calendar date that exists, in the years the API takes (2000 to 2100). */
function isClosureDate(date: string) {
  const match = DATE.exec(date);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return false;
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

/** The closure days, a form to declare one and a way to withdraw each. */
export function ClosureDays() {
  const { t } = useTranslation('closures');
  const [status, setStatus] = useState<string | null>(null);
  const resource = useResource(() => closureApi.list());
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      <Loaded resource={resource}>
        {({ items }) => (
          <>
            <DeclareForm
              declared={items}
              onSaved={(message) => {
                setStatus(message);
                resource.reload();
              }}
            />
            <ClosureList
              items={items}
              onWithdrawn={(message) => {
                setStatus(message);
                resource.reload();
              }}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function DeclareForm({
  declared,
  onSaved,
}: {
  declared: Closure[];
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('closures');
  const { t: staffT } = useTranslation();
  const [date, setDate] = useState(() => hongKongDate(new Date()));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = { date: t('form.date'), reason: t('form.reason') };
  const id = (path: string) => `closure-${path}`;
  // The server's refusals said in the reader's language: a date it does not take, a reason.
  const said = (path: string, fallback: string) =>
    path === 'date' ? t('errors.date') : path === 'reason' ? t('errors.reason') : fallback;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!date) errors.date = t('errors.dateRequired');
    else if (!isClosureDate(date)) errors.date = t('errors.date');
    if (!reason) errors.reason = t('errors.reason');
    setFieldErrors(errors);
    const failed = checksFailed(t('form.problems'), errors, (path) => labels[path]);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const chosen = reason as Reason;
      const already = declared.find((d) => d.date === date);
      await closureApi.declare(date, chosen);
      const reasonText = t(`reasons.${chosen}`);
      onSaved(
        already
          ? t('status.changed', { date, reason: reasonText })
          : t('status.declared', { date, reason: reasonText }),
      );
      setReason('');
    } catch (error) {
      const described = describeError(
        staffT,
        error,
        (path) => labels[path],
        (detail) => said(detail.path, detail.message),
      );
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="declare-closure">
      <h2 id="declare-closure">{t('form.heading')}</h2>
      <p className="hint">{t('form.hint')}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fieldId={id} />
        <div className="closure-fields">
          <TextField
            id={id('date')}
            label={labels.date!}
            type="date"
            min="2000-01-01"
            max="2100-12-31"
            required
            value={date}
            error={fieldErrors.date}
            onChange={(event) => setDate(event.target.value)}
          />
          <SelectField
            id={id('reason')}
            label={labels.reason!}
            required
            value={reason}
            error={fieldErrors.reason}
            onChange={(event) => setReason(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('form.submit')}
        </button>
      </form>
    </section>
  );
}

function ClosureList({
  items,
  onWithdrawn,
}: {
  items: Closure[];
  onWithdrawn: (message: string) => void;
}) {
  const { t } = useTranslation('closures');
  const { t: staffT } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Newest first: the day just declared is the one most often withdrawn.
  const sorted = [...items].sort((a, b) => b.date.localeCompare(a.date));

  async function withdraw(date: string) {
    setBusy(true);
    setProblem(null);
    try {
      await closureApi.withdraw(date);
      setAsking(null);
      onWithdrawn(t('status.withdrawn', { date }));
    } catch (error) {
      setProblem(describeError(staffT, error).problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="closure-list">
      <h2 id="closure-list">{t('list.heading')}</h2>
      <ErrorSummary problem={problem} />
      {sorted.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.date')}</th>
                <th scope="col">{t('list.reason')}</th>
                <th scope="col">{t('list.action')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((closure) => (
                <tr key={closure.date}>
                  <th scope="row" className="closure-date">
                    {closure.date}
                  </th>
                  <td>{t(`reasons.${closure.reason}`)}</td>
                  <td>
                    {asking === closure.date ? (
                      <InlineConfirm
                        id={`withdraw-${closure.date}`}
                        prompt={t('list.confirm', { date: closure.date })}
                        confirm={t('list.withdraw')}
                        cancel={t('list.cancel')}
                        busy={busy}
                        onConfirm={() => void withdraw(closure.date)}
                        onCancel={() => setAsking(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        aria-label={t('list.withdrawDay', { date: closure.date })}
                        onClick={() => setAsking(closure.date)}
                      >
                        {t('list.withdraw')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
