import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.ts';
import { Link, paths } from './router.tsx';
import type { SessionUser } from './types.ts';

/** The skip link, product name, navigation, account and language switch on every page. */
export function Header({
  user,
  location,
  onSignOut,
  signingOut,
}: {
  user: SessionUser | null;
  location: string;
  onSignOut: () => void;
  signingOut: boolean;
}) {
  const { t } = useTranslation();
  const pathname = location.split('?')[0];
  const links = user
    ? [
        { to: paths.home, label: t('nav.home') },
        ...(user.role === 'admin'
          ? [
              { to: paths.users, label: t('nav.users') },
              { to: paths.operators, label: t('nav.operators') },
              { to: paths.agreedLevels, label: t('nav.agreedLevels') },
              { to: paths.closureDays, label: t('nav', { ns: 'closures' }) },
              { to: paths.audit, label: t('nav.audit') },
            ]
          : []),
        ...(user.role === 'swd'
          ? [{ to: paths.reviews, label: t('nav.reviews') }]
          : [{ to: paths.questionnaires, label: t('nav.questionnaires') }]),
        ...(user.role === 'coordinator'
          ? [
              { to: paths.activities, label: t('nav.activities') },
              { to: paths.cases, label: t('nav.cases', { ns: 'records' }) },
              { to: paths.serviceEvents, label: t('nav.events', { ns: 'records' }) },
            ]
          : []),
        ...(user.role !== 'admin'
          ? [
              { to: paths.reports, label: t('nav.reports') },
              { to: paths.outputs, label: t('nav.outputs', { ns: 'records' }) },
            ]
          : []),
        { to: paths.tokens, label: t('nav.tokens') },
        { to: paths.changePassword, label: t('nav.changePassword') },
      ]
    : [];
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-row">
          <Link to={paths.home} className="product-name">
            {t('app.name')}
          </Link>
          <LanguageSwitch />
        </div>
        {user && (
          <div className="site-header-row">
            <nav aria-label={t('nav.label')}>
              <ul>
                {links.map((link) => (
                  <li key={link.to}>
                    <Link to={link.to} aria-current={pathname === link.to ? 'page' : undefined}>
                      {link.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <section className="account" aria-label={t('app.account')}>
              <span className="account-email">{user.email}</span>
              <span className="account-role">{t(`roles.${user.role}`)}</span>
              <button type="button" onClick={onSignOut} disabled={signingOut}>
                {t('app.signOut')}
              </button>
            </section>
          </div>
        )}
      </header>
    </>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div role="group" aria-label={t('language.label')} className="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
