// The simple screens around the form: the language chooser, the questionnaire picker, the
// thank-you screen and the problems a participant may meet.
import { useEffect, useRef } from 'react';
import type { LocaleCode } from '../../server/domain/definition.ts';
import {
  directionOf,
  INVITATIONS,
  NATIVE_NAMES,
  STAFF_LABEL,
  useT,
  type KioskKey,
} from './i18n.ts';
import { titleIn, type KioskQuestionnaire } from './kioskData.ts';

/** How long the thank-you screen stays before the next person's language chooser. */
export const THANKS_MS = 5000;

/**
 * Moves focus to a screen's heading, so screen readers announce the new screen, and names the
 * screen in the document's title (in the language on screen).
 */
function useFocusHeading(title: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return ref;
}

/**
 * Between participants: the activity's name (so they know what they are answering) and one
 * button per language, each inviting in its own language. Nothing here is in one language only.
 */
export function Chooser({
  activity,
  locales,
  busy,
  onChoose,
}: {
  activity: string;
  locales: LocaleCode[];
  busy: boolean;
  onChoose: (code: LocaleCode) => void;
}) {
  const t = useT();
  const heading = useFocusHeading(activity ? `${activity} – ${t('app.title')}` : t('app.title'));
  return (
    <section className="kiosk-screen chooser" aria-labelledby="chooser-title">
      {/* The coordinator's own words for the session, in whatever language they were typed. */}
      <h1 id="chooser-title" tabIndex={-1} ref={heading} dir="auto" lang="">
        {activity}
      </h1>
      <GlobeIcon />
      <ul className="choice-grid" aria-label={t('chooser.languages')}>
        {locales.map((code) => (
          <li key={code}>
            {/* Each name in its own language and script, so screen readers say it right. */}
            <button
              type="button"
              className="big-choice language"
              lang={code}
              dir={directionOf(code)}
              disabled={busy}
              onClick={() => onChoose(code)}
            >
              <span className="language-name">{NATIVE_NAMES[code]}</span>
              <span className="language-invite">{INVITATIONS[code]}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The usual sign for "languages": a globe. */
function GlobeIcon() {
  return (
    <svg className="globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.5" />
      <ellipse cx="12" cy="12" rx="4.2" ry="9.5" />
      <path d="M2.5 12h19M4 7h16M4 17h16" />
    </svg>
  );
}

/** The way into the staff dialog: an icon and "職員 Staff", on every screen. */
export function StaffButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="staff-button" onClick={onClick}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {/* A padlock: the way out is locked for participants. */}
        <rect x="5" y="10.5" width="14" height="10" rx="2" />
        <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
      </svg>
      {STAFF_LABEL.map(({ lang, text }) => (
        <span key={lang} lang={lang}>
          {text}
        </span>
      ))}
    </button>
  );
}

export function Picker({
  questionnaires,
  locale,
  onPick,
  onBack,
}: {
  questionnaires: KioskQuestionnaire[];
  locale: string;
  onPick: (questionnaire: KioskQuestionnaire) => void;
  onBack: () => void;
}) {
  const t = useT();
  const heading = useFocusHeading(`${t('picker.title')} – ${t('app.title')}`);
  return (
    <section className="kiosk-screen picker" aria-labelledby="picker-title">
      <h1 id="picker-title" tabIndex={-1} ref={heading}>
        {t('picker.title')}
      </h1>
      <ul className="choice-grid single">
        {questionnaires.map((q) => (
          <li key={`${q.id}/${q.version}`}>
            <button type="button" className="big-choice" onClick={() => onPick(q)}>
              {titleIn(q, locale)}
            </button>
          </li>
        ))}
      </ul>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-button" onClick={onBack}>
          {t('picker.back')}
        </button>
      </div>
    </section>
  );
}

export function Thanks({ onDone }: { onDone: () => void }) {
  const t = useT();
  const heading = useFocusHeading(`${t('thanks.title')} – ${t('app.title')}`);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const timer = setTimeout(() => done.current(), THANKS_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    // The whole screen is a tap target: the next person need not find the button.
    <section className="kiosk-screen thanks" aria-labelledby="thanks-title" onClick={onDone}>
      <h1 id="thanks-title" tabIndex={-1} ref={heading}>
        {t('thanks.title')}
      </h1>
      <p>{t('thanks.body')}</p>
      <button
        type="button"
        className="kiosk-button primary"
        onClick={(event) => {
          event.stopPropagation();
          onDone();
        }}
      >
        {t('thanks.next')}
      </button>
    </section>
  );
}

/** A problem, or the kiosk loading: the message is the screen's heading. */
export function Message({
  text,
  action,
}: {
  text: KioskKey;
  action?: { label: KioskKey; run: () => void } | undefined;
}) {
  const t = useT();
  const heading = useFocusHeading(t('app.title'));
  return (
    <section className="kiosk-screen message" role={action ? 'alert' : 'status'}>
      <h1 tabIndex={-1} ref={heading}>
        {t(text)}
      </h1>
      {action && (
        <button type="button" className="kiosk-button primary" onClick={action.run}>
          {t(action.label)}
        </button>
      )}
    </section>
  );
}
