import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../app/ConfirmDialog.tsx';
import { ErrorSummary, SelectField, StatusMessage, TextField } from '../app/forms.tsx';
import { MODULES } from '../../server/domain/case-rules.ts';
import { fiscalYearLabel } from '../../server/domain/fiscal-year.ts';
import {
  attendedEnough,
  CONTACT_MEANS,
  MODULE_HOURS,
  MODULE_LEVELS,
  MODULE_PROGRAMMES,
  REFERRAL_MEANS,
  type ModuleProgramme,
} from '../../server/domain/service-records.ts';
import { useLanguage } from '../i18n/index.ts';
import { recordsApi, type ActivitySession, type CaseDetail, type Enrolment } from './api.ts';
import {
  dateProblem,
  listName,
  todayInHongKong,
  useRecordForm,
  type RecordsSetup,
} from './shared.tsx';

interface FormProps {
  record: CaseDetail;
  onSaved: () => void;
}

/** Which module a category's case usually takes (SPeaR: abusers learn, children attend theirs). */
const usualModule: Record<string, ModuleProgramme> = {
  abuser: 'learning_6h',
  child: 'children_4h',
};

function Contact({ record, onSaved }: FormProps) {
  const { t } = useTranslation('records');
  const [date, setDate] = useState(todayInHongKong);
  const [means, setMeans] = useState('');
  const labels = { date: t('case.contacts.date'), means: t('case.contacts.means') };
  const form = useRecordForm(labels);
  const id = (path: string) => `contact-${path}`;
  const checks = () => {
    const errors: Record<string, string> = {};
    const bad = dateProblem(t, date);
    if (bad) errors.date = bad;
    if (!means) errors.means = t('form.required');
    return errors;
  };
  return (
    <form
      noValidate
      aria-labelledby="add-contact"
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, checks(), () =>
            recordsApi.addContact(record.id, {
              date,
              means: means as (typeof CONTACT_MEANS)[number],
            }),
          )
          .then((saved) => saved && (setMeans(''), onSaved()))
      }
    >
      <h3 id="add-contact">{t('case.contacts.add')}</h3>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <div className="field-row">
        <TextField
          id={id('date')}
          label={labels.date}
          type="date"
          value={date}
          max={todayInHongKong()}
          error={form.fieldErrors.date}
          onChange={(event) => setDate(event.target.value)}
        />
        <SelectField
          id={id('means')}
          label={labels.means}
          value={means}
          error={form.fieldErrors.means}
          onChange={(event) => setMeans(event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {CONTACT_MEANS.map((m) => (
            <option key={m} value={m}>
              {t(`means.${m}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className="primary" disabled={form.busy}>
        {t('case.contacts.submit')}
      </button>
    </form>
  );
}

function Enrol({ record, onSaved }: FormProps) {
  const { t } = useTranslation('records');
  const [programme, setProgramme] = useState<string>(usualModule[record.category] ?? '');
  const [level, setLevel] = useState('basic');
  const labels = { programme: t('case.enrolments.programme'), module: t('case.enrolments.module') };
  const form = useRecordForm(labels);
  const id = (path: string) => `enrol-${path}`;
  return (
    <form
      noValidate
      aria-labelledby="add-enrolment"
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, programme ? {} : { programme: t('form.required') }, () =>
            recordsApi.enrol(record.id, {
              programme: programme as ModuleProgramme,
              module: level as (typeof MODULE_LEVELS)[number],
            }),
          )
          .then((saved) => saved && onSaved())
      }
    >
      <h3 id="add-enrolment">{t('case.enrolments.add')}</h3>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <div className="field-row">
        <SelectField
          id={id('programme')}
          label={labels.programme}
          value={programme}
          error={form.fieldErrors.programme}
          onChange={(event) => setProgramme(event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {MODULE_PROGRAMMES.map((p) => (
            <option key={p} value={p}>
              {t(`programmes.${p}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id('module')}
          label={labels.module}
          value={level}
          onChange={(event) => setLevel(event.target.value)}
        >
          {MODULE_LEVELS.map((m) => (
            <option key={m} value={m}>
              {t(`modules.${m}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className="primary" disabled={form.busy}>
        {t('case.enrolments.submit')}
      </button>
    </form>
  );
}

/** One enrolment: its sessions, a form for the next, and the day the module ended. */
export function EnrolmentPanel({
  record,
  enrolment,
  programme,
  activities,
  onSaved,
}: FormProps & { enrolment: Enrolment; programme: string; activities: ActivitySession[] }) {
  const { t } = useTranslation('records');
  const total = MODULE_HOURS[enrolment.programme];
  const name = t('case.enrolments.name', {
    programme: t(`programmes.${enrolment.programme}`),
    module: t(`modules.${enrolment.module}`),
  });
  // The unit's sessions of this module's kind, newest first: what an attendance may link to.
  const kind = MODULES[programme]?.[enrolment.programme]?.activityKind;
  const sessions = activities
    .filter((a) => a.unit === record.unit && a.kind === kind && a.date <= todayInHongKong())
    .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  const titleOf = new Map(activities.map((a) => [a.id, a.title]));
  return (
    <article className="enrolment" aria-labelledby={`enrolment-${enrolment.id}`}>
      <h3 id={`enrolment-${enrolment.id}`}>{name}</h3>
      <p>
        {t('case.enrolments.hours', { hours: enrolment.hours, total })}{' '}
        {enrolment.endedOn
          ? t('case.enrolments.endedOn', { date: enrolment.endedOn })
          : t('case.enrolments.running')}
      </p>
      {enrolment.sessions.length > 0 && (
        <ul className="record-list">
          {enrolment.sessions.map((s) => (
            <li key={s.id}>
              {s.activity
                ? t('case.attendance.itemIn', {
                    date: s.date,
                    hours: s.hours,
                    activity: titleOf.get(s.activity) ?? t('case.attendance.unknownActivity'),
                  })
                : t('case.attendance.item', { date: s.date, hours: s.hours })}
            </li>
          ))}
        </ul>
      )}
      {enrolment.hours < total && (
        <Attendance record={record} enrolment={enrolment} sessions={sessions} onSaved={onSaved} />
      )}
      {enrolment.endedOn ? (
        <ClearEnd record={record} enrolment={enrolment} onSaved={onSaved} />
      ) : (
        <EndModule record={record} enrolment={enrolment} onSaved={onSaved} />
      )}
    </article>
  );
}

function Attendance({
  record,
  enrolment,
  sessions,
  onSaved,
}: FormProps & { enrolment: Enrolment; sessions: ActivitySession[] }) {
  const { t } = useTranslation('records');
  const [date, setDate] = useState(todayInHongKong);
  const [hours, setHours] = useState('');
  const [activity, setActivity] = useState('');
  const labels = {
    date: t('case.attendance.date'),
    hours: t('case.attendance.hours'),
    activity: t('case.attendance.activity'),
  };
  const form = useRecordForm(labels);
  const id = (path: string) => `attendance-${enrolment.id}-${path}`;
  // Half hours up to what the module has left; the server checks again.
  const left = MODULE_HOURS[enrolment.programme] - enrolment.hours;
  const choices = Array.from({ length: Math.round(left * 2) }, (_, i) => (i + 1) / 2);
  const checks = () => {
    const errors: Record<string, string> = {};
    const bad = dateProblem(t, date);
    if (bad) errors.date = bad;
    if (!hours) errors.hours = t('form.required');
    return errors;
  };
  // Choosing a session sets the date to the day it was held.
  const choose = (chosen: string) => {
    setActivity(chosen);
    const held = sessions.find((s) => s.id === chosen)?.date;
    if (held) setDate(held);
  };
  return (
    <form
      noValidate
      aria-labelledby={id('heading')}
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, checks(), () =>
            recordsApi.attend(record.id, enrolment.id, {
              date,
              hours: Number(hours),
              ...(activity ? { activity } : {}),
            }),
          )
          .then((saved) => saved && (setHours(''), setActivity(''), onSaved()))
      }
    >
      <h4 id={id('heading')}>{t('case.attendance.add')}</h4>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <SelectField
        id={id('activity')}
        label={labels.activity}
        hint={
          sessions.length
            ? t('case.attendance.activityHint', { unit: record.unit })
            : t('case.attendance.noSessions', { unit: record.unit })
        }
        value={activity}
        error={form.fieldErrors.activity}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="">{t('case.attendance.noActivity')}</option>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {t('case.attendance.session', { date: s.date, title: s.title })}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField
          id={id('date')}
          label={labels.date}
          type="date"
          value={date}
          max={todayInHongKong()}
          error={form.fieldErrors.date}
          onChange={(event) => setDate(event.target.value)}
        />
        <SelectField
          id={id('hours')}
          label={labels.hours}
          hint={t('case.attendance.hoursHint', { left })}
          value={hours}
          error={form.fieldErrors.hours}
          onChange={(event) => setHours(event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {choices.map((h) => (
            <option key={h} value={h}>
              {t('case.attendance.hoursValue', { hours: h })}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" disabled={form.busy}>
        {t('case.attendance.submit')}
      </button>
    </form>
  );
}

/** The financial year a date falls in (April to March). */
const fiscalYearOfDate = (date: string) => {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
};

/** What clearing an ended module's date does to the year's output counts, in words. */
function clearingEffect(t: ReturnType<typeof useTranslation<'records'>>['t'], e: Enrolment) {
  const year = fiscalYearLabel(fiscalYearOfDate(e.endedOn!));
  const halfHours = Math.round(e.hours * 2);
  if (e.programme === 'learning_6h')
    return t('case.clearEnd.learning', {
      year,
      share: attendedEnough({ programme: e.programme, halfHours }, 75)
        ? t('case.clearEnd.shareEnough')
        : t('case.clearEnd.shareShort'),
    });
  return attendedEnough({ programme: e.programme, halfHours }, 75)
    ? t('case.clearEnd.children', { year })
    : t('case.clearEnd.childrenTooFew', { year });
}

/** Clears the day an ended module ended, after saying what that does to the year's counts. */
function ClearEnd({ record, enrolment, onSaved }: FormProps & { enrolment: Enrolment }) {
  const { t } = useTranslation('records');
  const [asking, setAsking] = useState(false);
  const form = useRecordForm({ endedOn: t('case.end.date') });
  const id = (path: string) => `clear-end-${enrolment.id}-${path}`;
  const clear = (event: FormEvent) =>
    void form
      .submit(event, {}, () => recordsApi.endModule(record.id, enrolment.id, null))
      .then((saved) => {
        setAsking(false);
        if (saved) onSaved();
      });
  return (
    <div className="clear-end" role="group" aria-labelledby={id('heading')}>
      <h4 id={id('heading')}>{t('case.end.heading')}</h4>
      <p className="hint">{t('case.end.hint')}</p>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <button type="button" onClick={() => setAsking(true)}>
        {t('case.clearEnd.button')}
      </button>
      {asking && (
        <ConfirmDialog
          id={id('dialog')}
          title={t('case.clearEnd.title')}
          confirm={t('case.clearEnd.confirm')}
          cancel={t('case.clearEnd.cancel')}
          danger
          busy={form.busy}
          onConfirm={() => clear({ preventDefault() {} } as FormEvent)}
          onCancel={() => setAsking(false)}
        >
          <p>{t('case.clearEnd.ended', { date: enrolment.endedOn })}</p>
          <p>{clearingEffect(t, enrolment)}</p>
          <p>{t('case.clearEnd.again')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function EndModule({ record, enrolment, onSaved }: FormProps & { enrolment: Enrolment }) {
  const { t } = useTranslation('records');
  const [date, setDate] = useState(todayInHongKong);
  const labels = { endedOn: t('case.end.date') };
  const form = useRecordForm(labels);
  const id = (path: string) => `end-${enrolment.id}-${path}`;
  const bad = () => dateProblem(t, date);
  return (
    <form
      noValidate
      aria-labelledby={id('heading')}
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, bad() ? { endedOn: bad()! } : {}, () =>
            recordsApi.endModule(record.id, enrolment.id, date),
          )
          .then((saved) => saved && onSaved())
      }
    >
      <h4 id={id('heading')}>{t('case.end.heading')}</h4>
      <p className="hint">{t('case.end.hint')}</p>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <TextField
        id={id('endedOn')}
        label={labels.endedOn}
        type="date"
        value={date}
        max={todayInHongKong()}
        error={form.fieldErrors.endedOn}
        onChange={(event) => setDate(event.target.value)}
      />
      <button type="submit" disabled={form.busy}>
        {t('case.end.submit')}
      </button>
    </form>
  );
}

function Refer({
  record,
  setup,
  programme,
  onSaved,
}: FormProps & { setup: RecordsSetup; programme: string }) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const [date, setDate] = useState(todayInHongKong);
  const [service, setService] = useState('');
  const [means, setMeans] = useState('');
  const labels = {
    date: t('case.referrals.date'),
    service: t('case.referrals.service'),
    means: t('case.referrals.means'),
  };
  const form = useRecordForm(labels);
  const id = (path: string) => `refer-${path}`;
  const services = setup.lists.get(programme)?.lists.communitySupportServices ?? [];
  const checks = () => {
    const errors: Record<string, string> = {};
    const bad = dateProblem(t, date);
    if (bad) errors.date = bad;
    if (!service) errors.service = t('form.required');
    if (!means) errors.means = t('form.required');
    return errors;
  };
  return (
    <form
      noValidate
      aria-labelledby="add-referral"
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, checks(), () =>
            recordsApi.refer(record.id, {
              date,
              service,
              means: means as (typeof REFERRAL_MEANS)[number],
            }),
          )
          .then((saved) => saved && (setService(''), onSaved()))
      }
    >
      <h3 id="add-referral">{t('case.referrals.add')}</h3>
      <ErrorSummary problem={form.problem} fieldId={id} />
      <div className="field-row">
        <TextField
          id={id('date')}
          label={labels.date}
          type="date"
          value={date}
          max={todayInHongKong()}
          error={form.fieldErrors.date}
          onChange={(event) => setDate(event.target.value)}
        />
        <SelectField
          id={id('service')}
          label={labels.service}
          value={service}
          error={form.fieldErrors.service}
          onChange={(event) => setService(event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {services.map((s) => (
            <option key={s.code} value={s.code}>
              {listName(setup, programme, 'communitySupportServices', s.code, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={id('means')}
          label={labels.means}
          value={means}
          error={form.fieldErrors.means}
          onChange={(event) => setMeans(event.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {REFERRAL_MEANS.map((m) => (
            <option key={m} value={m}>
              {t(`referralMeans.${m}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className="primary" disabled={form.busy}>
        {t('case.referrals.submit')}
      </button>
      <StatusMessage>{form.busy ? t('form.saving') : ''}</StatusMessage>
    </form>
  );
}

/** The forms that record a case's service as it happens. */
export const CaseForms = { Contact, Enrol, Refer };
