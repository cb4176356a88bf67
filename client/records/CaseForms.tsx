import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SelectField, StatusMessage, TextField } from '../app/forms.tsx';
import {
  CONTACT_MEANS,
  MODULE_HOURS,
  MODULE_LEVELS,
  MODULE_PROGRAMMES,
  REFERRAL_MEANS,
  type ModuleProgramme,
} from '../../server/domain/service-records.ts';
import { useLanguage } from '../i18n/index.ts';
import { recordsApi, type CaseDetail, type Enrolment } from './api.ts';
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
  onSaved,
}: FormProps & { enrolment: Enrolment }) {
  const { t } = useTranslation('records');
  const total = MODULE_HOURS[enrolment.programme];
  const name = t('case.enrolments.name', {
    programme: t(`programmes.${enrolment.programme}`),
    module: t(`modules.${enrolment.module}`),
  });
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
            <li key={s.id}>{t('case.attendance.item', { date: s.date, hours: s.hours })}</li>
          ))}
        </ul>
      )}
      {enrolment.hours < total && (
        <Attendance record={record} enrolment={enrolment} onSaved={onSaved} />
      )}
      {!enrolment.endedOn && <EndModule record={record} enrolment={enrolment} onSaved={onSaved} />}
    </article>
  );
}

function Attendance({ record, enrolment, onSaved }: FormProps & { enrolment: Enrolment }) {
  const { t } = useTranslation('records');
  const [date, setDate] = useState(todayInHongKong);
  const [hours, setHours] = useState('');
  const labels = { date: t('case.attendance.date'), hours: t('case.attendance.hours') };
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
  return (
    <form
      noValidate
      aria-labelledby={id('heading')}
      aria-busy={form.busy}
      onSubmit={(event) =>
        void form
          .submit(event, checks(), () =>
            recordsApi.attend(record.id, enrolment.id, { date, hours: Number(hours) }),
          )
          .then((saved) => saved && (setHours(''), onSaved()))
      }
    >
      <h4 id={id('heading')}>{t('case.attendance.add')}</h4>
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
