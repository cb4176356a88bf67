import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, paths } from '../app/router.tsx';
import { useSessionUser } from '../app/session.ts';
import { useLanguage } from '../i18n/index.ts';
import { recordsApi, type ActivitySession, type CaseDetail } from './api.ts';
import { CaseForms, EnrolmentPanel } from './CaseForms.tsx';
import { FirstContactBadge, listName, loadSetup, type RecordsSetup } from './shared.tsx';

/** One case: its referral and first contact, modules and attendance, referrals on. */
export default function Case({ id }: { id: string }) {
  const { t } = useTranslation('records');
  const me = useSessionUser();
  const setup = useResource(() => loadSetup(me.operator));
  const found = useResource(() => recordsApi.case(id));
  const activities = useResource(() => recordsApi.activities());
  return (
    <>
      <p className="back-link">
        <Link to={paths.cases}>{t('case.back')}</Link>
      </p>
      <Loaded resource={setup}>
        {(s) => (
          <Loaded resource={activities}>
            {({ items }) => (
              <Loaded resource={found}>
                {(c) => (
                  <CaseRecord record={c} setup={s} activities={items} reload={found.reload} />
                )}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

function CaseRecord({
  record,
  setup,
  activities,
  reload,
}: {
  record: CaseDetail;
  setup: RecordsSetup;
  activities: ActivitySession[];
  reload: () => void;
}) {
  const { t } = useTranslation('records');
  const language = useLanguage();
  const programme = setup.units.find((u) => u.code === record.unit)?.programme ?? '';
  return (
    <>
      <PageHeading>{t('case.title', { reference: record.reference })}</PageHeading>
      <dl className="record-summary">
        <div>
          <dt>{t('cases.table.unit')}</dt>
          <dd>{record.unit}</dd>
        </div>
        <div>
          <dt>{t('cases.table.category')}</dt>
          <dd>{listName(setup, programme, 'serviceUserCategories', record.category, language)}</dd>
        </div>
        <div>
          <dt>{t('cases.table.referredOn')}</dt>
          <dd>
            {t('case.referredBy', {
              date: record.referredOn,
              source: t(`sources.${record.referralSource}`),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('cases.table.dueOn')}</dt>
          <dd>{record.contactDueOn}</dd>
        </div>
        <div>
          <dt>{t('cases.table.firstContact')}</dt>
          <dd>
            <FirstContactBadge status={record.firstContact} />{' '}
            <span className="nowrap">{record.firstContactOn ?? t('case.noContact')}</span>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="contacts" className="panel">
        <h2 id="contacts">{t('case.contacts.heading')}</h2>
        <p className="hint">{t('case.contacts.hint')}</p>
        {record.contacts.length ? (
          <ul className="record-list">
            {record.contacts.map((c) => (
              <li key={c.id}>
                {t('case.contacts.item', {
                  date: c.date,
                  means: t(`means.${c.means as 'letter'}`),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('case.contacts.none')}</p>
        )}
        <CaseForms.Contact record={record} onSaved={reload} />
      </section>

      <section aria-labelledby="enrolments" className="panel">
        <h2 id="enrolments">{t('case.enrolments.heading')}</h2>
        {record.enrolments.length ? (
          record.enrolments.map((e) => (
            <EnrolmentPanel
              key={e.id}
              record={record}
              enrolment={e}
              programme={programme}
              activities={activities}
              onSaved={reload}
            />
          ))
        ) : (
          <p>{t('case.enrolments.none')}</p>
        )}
        <CaseForms.Enrol record={record} onSaved={reload} />
      </section>

      <section aria-labelledby="referrals" className="panel">
        <h2 id="referrals">{t('case.referrals.heading')}</h2>
        {record.referrals.length ? (
          <ul className="record-list">
            {record.referrals.map((r) => (
              <li key={r.id}>
                {t('case.referrals.item', {
                  date: r.date,
                  service: listName(
                    setup,
                    programme,
                    'communitySupportServices',
                    r.service,
                    language,
                  ),
                  means: t(`referralMeans.${r.means as 'oral'}`),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('case.referrals.none')}</p>
        )}
        <CaseForms.Refer record={record} setup={setup} programme={programme} onSaved={reload} />
      </section>
    </>
  );
}
