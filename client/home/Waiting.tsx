import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hongKongTime } from '../admin/time.ts';
import { Link, paths, pathTo, patterns } from '../app/router.tsx';
import type { LocalisedText } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import type { Waiting as WaitingItems } from './api.ts';

/** A titled list of what waits, left out when empty. */
function WaitingList({ heading, children }: { heading: string; children: ReactNode[] }) {
  if (!children.length) return null;
  return (
    <section className="waiting-group">
      <h3>{heading}</h3>
      <ul className="waiting-list">{children}</ul>
    </section>
  );
}

/** What needs the signed-in person, as lists with links; "nothing" when nothing does. */
export function Waiting({ items }: { items: WaitingItems }) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const when = (iso: string) => hongKongTime(iso, language);
  const versionLink = (title: LocalisedText, version: number) =>
    t('home.versionLink', { title: localised(title, language) || t('home.untitled'), version });
  const { reviews = [], decisions = [], quarantine = [], kiosks = [] } = items;
  const { passwordResets = [], auditCheck } = items;
  const auditNeedsYou = 'auditCheck' in items && (!auditCheck || auditCheck.broken !== null);
  const count =
    reviews.length +
    decisions.length +
    quarantine.length +
    kiosks.length +
    passwordResets.length +
    (auditNeedsYou ? 1 : 0);

  return (
    <section aria-labelledby="waiting-heading" className="panel waiting">
      <h2 id="waiting-heading">{t('home.waiting')}</h2>
      {count === 0 && <p className="waiting-none">{t('home.nothing')}</p>}
      <WaitingList heading={t('home.toReview', { count: reviews.length })}>
        {reviews.map((r) => (
          <li key={`${r.questionnaire}/${r.version}`}>
            <Link to={pathTo(patterns.review, { id: r.questionnaire, v: r.version })}>
              {versionLink(r.title, r.version)}
            </Link>
            {t('home.reviewDetails', {
              operator: localised(r.operator.name, language, r.operator.code),
              when: when(r.submittedAt),
            })}
          </li>
        ))}
      </WaitingList>
      <WaitingList heading={t('home.decisions')}>
        {decisions.map((d) => (
          <li key={`${d.questionnaire}/${d.version}`}>
            <span className={`badge ${d.decision === 'approved' ? 'badge-on' : 'badge-off'}`}>
              {t(d.decision === 'approved' ? 'home.approved' : 'home.rejected')}
            </span>{' '}
            <Link to={pathTo(patterns.designer, { id: d.questionnaire, v: d.version })}>
              {versionLink(d.title, d.version)}
            </Link>
            {t('home.decidedDetails', { when: when(d.decidedAt) })}
            {d.reason && <p className="waiting-reason">{t('home.reason', { reason: d.reason })}</p>}
          </li>
        ))}
      </WaitingList>
      <WaitingList
        heading={t('home.quarantine', {
          count: quarantine.reduce((sum, a) => sum + a.waiting, 0),
        })}
      >
        {quarantine.map((a) => (
          <li key={a.activity}>
            <Link to={pathTo(patterns.activity, { id: a.activity })}>
              {t('home.activityLink', { activity: a.title, date: a.date })}
            </Link>
            {t('home.quarantineDetails', { count: a.waiting })}
          </li>
        ))}
      </WaitingList>
      <WaitingList heading={t('home.kiosks', { count: kiosks.length })}>
        {kiosks.map((k) => (
          <li key={k.id}>
            <Link to={pathTo(patterns.activity, { id: k.activity })}>
              {t('home.activityLink', { activity: k.title, date: k.date })}
            </Link>
            {t('home.kioskDetails', { when: when(k.expiresAt) })}
          </li>
        ))}
      </WaitingList>
      <WaitingList heading={t('home.mustChange', { count: passwordResets.length })}>
        {passwordResets.map((u) => (
          <li key={u.id}>
            <Link to={paths.users}>{u.email}</Link>
            {t('home.mustChangeDetails', { role: tStaff(`roles.${u.role}`) })}
          </li>
        ))}
      </WaitingList>
      {'auditCheck' in items && (
        <section className="waiting-group">
          <h3>{t('home.audit')}</h3>
          <p>
            {!auditCheck
              ? t('home.auditNever')
              : auditCheck.broken
                ? t('home.auditBroken', { when: when(auditCheck.at), seq: auditCheck.broken.seq })
                : t('home.auditIntact', { when: when(auditCheck.at) })}{' '}
            <Link to={paths.audit}>{t('home.checkAudit')}</Link>
          </p>
        </section>
      )}
    </section>
  );
}
