import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SelectField, StatusMessage, TextField } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, navigate, pathTo, paths, patterns } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { fiscalYearNow } from '../app/time.ts';
import { useLanguage } from '../i18n/index.ts';
import { fiscalYearLabel } from '../../server/domain/fiscal-year.ts';
import { REFERRAL_SOURCES } from '../../server/domain/service-records.ts';
import { recordsApi, type CaseQuery, type CaseSummary, type FirstContact } from './api.ts';
import {
  dateProblem,
  FirstContactBadge,
  listName,
  loadSetup,
  todayInHongKong,
  unitLabel,
  useRecordForm,
  type RecordsSetup,
} from './shared.tsx';

const STATUSES: FirstContact[] = ['in_time', 'late', 'overdue', 'waiting'];

/** The coordinator's cases: find one by reference, add one, open one to record its service. */
export default function Cases() {
  const { t } = useTranslation('records');
  const me = useSessionUser();
  const resource = useResource(() => loadSetup(me.operator));
  return (
    <>
      <PageHeading>{t('cases.title')}</PageHeading>
      <p>{t('cases.intro')}</p>
      <Loaded resource={resource}>
        {(setup) => (
          <>
            <NewCase setup={setup} />
            <p>
              <Link to={paths.recordsImport}>{t('cases.importLink')}</Link>
            </p>
            <CaseSearch setup={setup} />
          </>
        )}
      </Loaded>
    </>
  );
}

function CaseSearch({ setup }: { setup: RecordsSetup }) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const years = [0, 1, 2].map((back) => fiscalYearNow() - back);
  const [form, setForm] = useState<CaseQuery>({ fiscalYear: years[0] });
  const [query, setQuery] = useState<CaseQuery>(form);
  // Each search is a new list (a new key), so the same search again also asks the server again.
  const [searches, setSearches] = useState(0);
  const search = (next: CaseQuery) => {
    setQuery(next);
    setSearches((n) => n + 1);
  };
  return (
    <section aria-labelledby="case-search" className="panel">
      <h2 id="case-search">{t('cases.search.heading')}</h2>
      <form
        className="field-row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          search({ ...form, reference: form.reference?.trim() || undefined });
        }}
      >
        <TextField
          id="case-search-reference"
          label={t('cases.search.reference')}
          value={form.reference ?? ''}
          maxLength={40}
          onChange={(event) => setForm({ ...form, reference: event.target.value })}
        />
        <SelectField
          id="case-search-unit"
          label={t('cases.search.unit')}
          value={form.unit ?? ''}
          onChange={(event) => setForm({ ...form, unit: event.target.value || undefined })}
        >
          <option value="">{t('cases.search.allUnits')}</option>
          {setup.units.map((u) => (
            <option key={u.code} value={u.code}>
              {unitLabel(u, setup.programmes, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="case-search-year"
          label={t('cases.search.year')}
          value={form.fiscalYear ? String(form.fiscalYear) : ''}
          onChange={(event) =>
            setForm({ ...form, fiscalYear: Number(event.target.value) || undefined })
          }
        >
          <option value="">{t('cases.search.anyYear')}</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {fiscalYearLabel(year)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="case-search-contact"
          label={t('cases.search.firstContact')}
          value={form.firstContact ?? ''}
          onChange={(event) =>
            setForm({
              ...form,
              firstContact: (event.target.value || undefined) as FirstContact | undefined,
            })
          }
        >
          <option value="">{t('cases.search.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`firstContact.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="submit" className="primary">
            {t('cases.search.submit')}
          </button>
        </div>
      </form>
      <CaseResults key={searches} query={query} setup={setup} />
    </section>
  );
}

function CaseResults({ query, setup }: { query: CaseQuery; setup: RecordsSetup }) {
  const language = useLanguage();
  const cases = useResource(() => recordsApi.cases(query));
  return (
    <Loaded resource={cases}>
      {({ items }) => <CaseTable cases={items} setup={setup} language={language} />}
    </Loaded>
  );
}

function CaseTable({
  cases,
  setup,
  language,
}: {
  cases: CaseSummary[];
  setup: RecordsSetup;
  language: ReturnType<typeof useLanguage>;
}) {
  const { t } = useTranslation('records');
  if (!cases.length) return <p>{t('cases.none')}</p>;
  const programmeOf = new Map(setup.units.map((u) => [u.code, u.programme]));
  return (
    <div className="table-scroll">
      <table className="records-table">
        <caption>{t('cases.table.caption', { count: cases.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.table.reference')}</th>
            <th scope="col">{t('cases.table.unit')}</th>
            <th scope="col">{t('cases.table.category')}</th>
            <th scope="col">{t('cases.table.referredOn')}</th>
            <th scope="col">{t('cases.table.dueOn')}</th>
            <th scope="col">{t('cases.table.firstContact')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="nowrap">
                <Link to={pathTo(patterns.case, { id: c.id })}>{c.reference}</Link>
              </th>
              <td className="nowrap">{c.unit}</td>
              <td>
                {listName(
                  setup,
                  programmeOf.get(c.unit) ?? '',
                  'serviceUserCategories',
                  c.category,
                  language,
                )}
              </td>
              <td className="nowrap">{c.referredOn}</td>
              <td className="nowrap">{c.contactDueOn}</td>
              <td>
                <FirstContactBadge status={c.firstContact} />
                {c.firstContactOn && <span className="nowrap"> {c.firstContactOn}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewCase({ setup }: { setup: RecordsSetup }) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const [unit, setUnit] = useState(setup.units.length === 1 ? setup.units[0]!.code : '');
  const [reference, setReference] = useState('');
  const [category, setCategory] = useState('');
  const [referredOn, setReferredOn] = useState(todayInHongKong);
  const [source, setSource] = useState('');
  const labels: Record<string, string> = {
    unit: t('cases.create.unit'),
    reference: t('cases.create.reference'),
    category: t('cases.create.category'),
    referredOn: t('cases.create.referredOn'),
    referralSource: t('cases.create.source'),
  };
  const form = useRecordForm(labels);
  const programme = setup.units.find((u) => u.code === unit)?.programme;
  const categories = (programme && setup.lists.get(programme)?.lists.serviceUserCategories) || [];

  function checks() {
    const errors: Record<string, string> = {};
    if (!unit) errors.unit = t('form.required');
    // The reference's rules (no HKID, phone or e-mail shape) are the server's to say.
    if (!reference.trim()) errors.reference = t('form.required');
    if (!category) errors.category = t('form.required');
    const date = dateProblem(t, referredOn);
    if (date) errors.referredOn = date;
    if (!source) errors.referralSource = t('form.required');
    return errors;
  }

  return (
    <section aria-labelledby="new-case" className="panel">
      <h2 id="new-case">{t('cases.create.heading')}</h2>
      <form
        noValidate
        aria-busy={form.busy}
        onSubmit={(event) =>
          void form.submit(event, checks(), () =>
            recordsApi
              .createCase({
                unit,
                reference: reference.trim(),
                category,
                referredOn,
                referralSource: source as (typeof REFERRAL_SOURCES)[number],
              })
              .then(({ id }) => navigate(pathTo(patterns.case, { id }))),
          )
        }
      >
        <ErrorSummary problem={form.problem} fieldId={(path) => `new-case-${path}`} />
        <div className="field-row">
          <SelectField
            id="new-case-unit"
            label={labels.unit!}
            value={unit}
            error={form.fieldErrors.unit}
            onChange={(event) => {
              setUnit(event.target.value);
              setCategory('');
            }}
          >
            <option value="">{t('form.choose')}</option>
            {setup.units.map((u) => (
              <option key={u.code} value={u.code}>
                {unitLabel(u, setup.programmes, language)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="new-case-reference"
            label={labels.reference!}
            hint={t('cases.create.referenceHint')}
            value={reference}
            maxLength={40}
            autoComplete="off"
            error={form.fieldErrors.reference}
            onChange={(event) => setReference(event.target.value)}
          />
        </div>
        <div className="field-row">
          <SelectField
            id="new-case-category"
            label={labels.category!}
            value={category}
            disabled={!programme}
            error={form.fieldErrors.category}
            onChange={(event) => setCategory(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {listName(setup, programme!, 'serviceUserCategories', c.code, language)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="new-case-referredOn"
            label={labels.referredOn!}
            type="date"
            value={referredOn}
            max={todayInHongKong()}
            error={form.fieldErrors.referredOn}
            onChange={(event) => setReferredOn(event.target.value)}
          />
          <SelectField
            id="new-case-referralSource"
            label={labels.referralSource!}
            value={source}
            error={form.fieldErrors.referralSource}
            onChange={(event) => setSource(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {REFERRAL_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`sources.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={form.busy}>
            {t('cases.create.submit')}
          </button>
        </div>
        <StatusMessage>{form.busy ? t('form.saving') : ''}</StatusMessage>
      </form>
    </section>
  );
}
