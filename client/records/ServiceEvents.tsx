import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SelectField, TextField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { useSessionUser } from '../app/session.ts';
import { fiscalYearNow } from '../app/time.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { fiscalYearLabel } from '../../server/domain/fiscal-year.ts';
import { EVENT_FORMS } from '../../server/domain/service-records.ts';
import { recordsApi, type ServiceEvent } from './api.ts';
import {
  dateProblem,
  loadSetup,
  todayInHongKong,
  unitLabel,
  useRecordForm,
  type RecordsSetup,
} from './shared.tsx';

/** The events the output standards count: promotions, support and education activities. */
export default function ServiceEvents() {
  const { t } = useTranslation('records');
  const me = useSessionUser();
  const fiscalYear = fiscalYearNow();
  const setup = useResource(() => loadSetup(me.operator));
  const events = useResource(() => recordsApi.events({ fiscalYear }));
  return (
    <>
      <PageHeading>{t('events.title')}</PageHeading>
      <p>{t('events.intro')}</p>
      <Loaded resource={setup}>
        {(s) => (
          <>
            <NewEvent setup={s} onSaved={events.reload} />
            <Loaded resource={events}>
              {({ items }) => (
                <EventTable events={items} setup={s} year={fiscalYearLabel(fiscalYear)} />
              )}
            </Loaded>
          </>
        )}
      </Loaded>
    </>
  );
}

function kindName(setup: RecordsSetup, unit: string, kind: string, language: 'en' | 'zh-HK') {
  const programme = setup.units.find((u) => u.code === unit)?.programme;
  const found = setup.programmes
    .find((p) => p.code === programme)
    ?.activityKinds.find((k) => k.code === kind);
  return localised(found?.name, language, kind);
}

function EventTable({
  events,
  setup,
  year,
}: {
  events: ServiceEvent[];
  setup: RecordsSetup;
  year: string;
}) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  if (!events.length) return <p>{t('events.none', { year })}</p>;
  return (
    <div className="table-scroll">
      <table className="records-table">
        <caption>{t('events.caption', { year, count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.dateColumn')}</th>
            <th scope="col">{t('events.unit')}</th>
            <th scope="col">{t('events.kind')}</th>
            <th scope="col" className="numeric">
              {t('events.sessions')}
            </th>
            <th scope="col" className="numeric">
              {t('events.participants')}
            </th>
            <th scope="col">{t('events.form')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{e.date}</td>
              <td className="nowrap">{e.unit}</td>
              <th scope="row">{kindName(setup, e.unit, e.kind, language)}</th>
              <td className="numeric">{e.sessions}</td>
              <td className="numeric">{e.openEvent ? t('events.open') : (e.participants ?? '')}</td>
              <td>{t(`forms.${e.form}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewEvent({ setup, onSaved }: { setup: RecordsSetup; onSaved: () => void }) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const [unit, setUnit] = useState(setup.units.length === 1 ? setup.units[0]!.code : '');
  const [kind, setKind] = useState('');
  const [date, setDate] = useState(todayInHongKong);
  const [sessions, setSessions] = useState('1');
  const [participants, setParticipants] = useState('');
  const [form, setForm] = useState<string>('group');
  const [open, setOpen] = useState(false);
  const labels: Record<string, string> = {
    unit: t('events.unit'),
    kind: t('events.kind'),
    date: t('events.date'),
    sessions: t('events.sessions'),
    participants: t('events.participants'),
    form: t('events.form'),
  };
  const submitter = useRecordForm(labels);
  const programme = setup.programmes.find(
    (p) => p.code === setup.units.find((u) => u.code === unit)?.programme,
  );
  const id = (path: string) => `new-event-${path}`;
  const checks = () => {
    const errors: Record<string, string> = {};
    if (!unit) errors.unit = t('form.required');
    if (!kind) errors.kind = t('form.required');
    const bad = dateProblem(t, date);
    if (bad) errors.date = bad;
    if (!/^[1-9]\d{0,3}$/.test(sessions)) errors.sessions = t('form.wholeNumber');
    if (!open && !/^\d{1,6}$/.test(participants)) errors.participants = t('form.wholeNumber');
    return errors;
  };
  return (
    <section aria-labelledby="new-event" className="panel">
      <h2 id="new-event">{t('events.add')}</h2>
      <form
        noValidate
        aria-busy={submitter.busy}
        onSubmit={(event) =>
          void submitter
            .submit(event, checks(), () =>
              recordsApi.createEvent({
                unit,
                kind,
                date,
                sessions: Number(sessions),
                participants: open ? null : Number(participants),
                form: form as (typeof EVENT_FORMS)[number],
                openEvent: open,
              }),
            )
            .then((saved) => saved && onSaved())
        }
      >
        <ErrorSummary problem={submitter.problem} fieldId={id} />
        <div className="field-row">
          <SelectField
            id={id('unit')}
            label={labels.unit!}
            value={unit}
            error={submitter.fieldErrors.unit}
            onChange={(event) => {
              setUnit(event.target.value);
              setKind('');
            }}
          >
            <option value="">{t('form.choose')}</option>
            {setup.units.map((u) => (
              <option key={u.code} value={u.code}>
                {unitLabel(u, setup.programmes, language)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={id('kind')}
            label={labels.kind!}
            value={kind}
            disabled={!programme}
            error={submitter.fieldErrors.kind}
            onChange={(event) => setKind(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {programme?.activityKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {localised(k.name, language, k.code)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={id('date')}
            label={labels.date!}
            hint={t('events.dateHint')}
            type="date"
            value={date}
            max={todayInHongKong()}
            error={submitter.fieldErrors.date}
            onChange={(event) => setDate(event.target.value)}
          />
        </div>
        <div className="field-row">
          <TextField
            id={id('sessions')}
            label={labels.sessions!}
            type="number"
            min={1}
            value={sessions}
            error={submitter.fieldErrors.sessions}
            onChange={(event) => setSessions(event.target.value)}
          />
          <TextField
            id={id('participants')}
            label={labels.participants!}
            type="number"
            min={0}
            value={open ? '' : participants}
            disabled={open}
            error={submitter.fieldErrors.participants}
            onChange={(event) => setParticipants(event.target.value)}
          />
          <SelectField
            id={id('form')}
            label={labels.form!}
            value={form}
            onChange={(event) => setForm(event.target.value)}
          >
            {EVENT_FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`forms.${f}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={open}
            onChange={(event) => setOpen(event.target.checked)}
          />
          {t('events.openEvent')}
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={submitter.busy}>
            {t('events.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
