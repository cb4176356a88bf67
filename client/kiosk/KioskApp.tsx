import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { SUPPORTED_LOCALES, type LocaleCode } from '../../server/domain/definition.ts';
import {
  DEFAULT_LOCALE,
  isLocale,
  LanguageContext,
  switchLanguage,
  translator,
  type KioskKey,
  type Language,
} from './i18n.ts';
import { askBeforeLeaving, trapHistory } from './history.ts';
import { IdleDialog } from './IdleDialog.tsx';
import {
  expired,
  loadKiosk,
  offeredLocales,
  type KioskLoad,
  type KioskQuestionnaire,
} from './kioskData.ts';
import { Modal } from './Modal.tsx';
import { markOffline, outboxState, startOutbox, subscribeOutbox } from './outbox.ts';
import { keep, submission } from './response.ts';
import { Chooser, Message, Picker, StaffButton, Thanks } from './Screens.tsx';
import { StaffDialog } from './StaffDialog.tsx';
import type { ResponseSubmission } from './store.ts';
import { useIdle } from './useIdle.ts';
import { prepareLanguage, warmUp, type FormLibrary } from './warm.ts';

/** A form untouched this long asks "are you still there?" … */
const IDLE_MS = 90_000;
/** … and is cleared after this many more seconds. */
const IDLE_COUNTDOWN_S = 30;
/** How often the chooser refreshes the kiosk (its clock correction, whether it closed). */
const REFRESH_MS = 5 * 60_000;

type Ready = Extract<KioskLoad, { kind: 'ready' }>;

type Screen =
  | { kind: 'loading' }
  | { kind: 'message'; text: KioskKey; retry?: boolean }
  | { kind: 'chooser' }
  | { kind: 'picker'; locale: LocaleCode }
  | { kind: 'form'; locale: LocaleCode; questionnaire: KioskQuestionnaire; session: number }
  | { kind: 'notSaved'; body: ResponseSubmission }
  | { kind: 'thanks' };

/** The screen a kiosk load leads to, between participants. */
function screenOf(load: KioskLoad): Screen {
  if (load.kind === 'ready') {
    if (expired(load)) return { kind: 'message', text: 'problem.closed' };
    return offeredLocales(load.kiosk, SUPPORTED_LOCALES).length > 0
      ? { kind: 'chooser' }
      : { kind: 'message', text: 'problem.noForm' };
  }
  if (load.kind === 'not-found') return { kind: 'message', text: 'problem.notFound' };
  if (load.kind === 'closed') return { kind: 'message', text: 'problem.closed' };
  return { kind: 'message', text: 'problem.unavailable', retry: true };
}

/**
 * Shows the kiosk in `root`; `first` is its data, asked for before this code arrived, and
 * `arrived` that data when it is already in (the chooser painted without React: firstPaint.ts).
 */
export function mount(
  root: HTMLElement,
  code: string,
  first: Promise<KioskLoad>,
  arrived?: KioskLoad,
) {
  createRoot(root).render(<KioskApp code={code} first={first} arrived={arrived} />);
}

/**
 * The whole tablet kiosk for one kiosk code. With `arrived`, its first render is already the
 * screen that data leads to (in the default language, whose strings are in the first bundle),
 * so a chooser painted before React is replaced by the same one, not by a blank page.
 */
export function KioskApp({
  code,
  first,
  arrived,
}: {
  code: string;
  first?: Promise<KioskLoad>;
  arrived?: KioskLoad | undefined;
}) {
  const [language, setLanguage] = useState<Language | null>(() =>
    arrived ? { code: DEFAULT_LOCALE, t: translator(DEFAULT_LOCALE) } : null,
  );
  const [screen, setScreen] = useState<Screen>(() =>
    arrived ? screenOf(arrived) : { kind: 'loading' },
  );
  const [ready, setReady] = useState<Ready | null>(() =>
    arrived?.kind === 'ready' ? arrived : null,
  );
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const [askIdle, setAskIdle] = useState(false);
  const [askLeave, setAskLeave] = useState(false);
  const [askBlank, setAskBlank] = useState(false);
  const [staffOpen, setStaffOpen] = useState(false);
  // The form library, fetched while the chooser is on screen (warm.ts): set before any form.
  const [form, setForm] = useState<FormLibrary | null>(null);
  const answered = useRef(false);
  const sessions = useRef(0);
  const { offline } = useSyncExternalStore(subscribeOutbox, outboxState);

  const speak = useCallback(async (locale: LocaleCode) => {
    const t = await switchLanguage(locale);
    setLanguage({ code: locale, t });
  }, []);

  const applyLoad = useCallback((load: KioskLoad) => {
    if (load.kind === 'ready') {
      markOffline(load.offline);
      setReady(load);
    }
    const next = screenOf(load);
    // A refresh that lands after someone has started must not take their form away.
    setScreen((current) =>
      ['loading', 'message', 'chooser'].includes(current.kind) ? next : current,
    );
  }, []);

  const reload = useCallback(() => void loadKiosk(code).then(applyLoad), [code, applyLoad]);

  useEffect(() => {
    startOutbox();
    void Promise.all([speak(DEFAULT_LOCALE).catch(() => undefined), first ?? loadKiosk(code)]).then(
      ([, load]) => applyLoad(load),
    );
  }, [code, first, speak, applyLoad]);

  // Once the first screen is up, the rest of the kiosk loads behind it.
  const offered = ready ? offeredLocales(ready.kiosk, SUPPORTED_LOCALES).filter(isLocale) : null;
  const started = screen.kind !== 'loading';
  useEffect(() => {
    if (started)
      void warmUp(
        ready ? offeredLocales(ready.kiosk, SUPPORTED_LOCALES).filter(isLocale) : [],
        ready?.kiosk.questionnaires[0],
      );
  }, [started, ready]);

  // Only between participants: a form in progress keeps the data it started with.
  useEffect(() => {
    if (screen.kind !== 'chooser') return;
    const timer = setInterval(reload, REFRESH_MS);
    window.addEventListener('online', reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', reload);
    };
  }, [screen.kind, reload]);

  /** Back to a blank chooser in the default language, for the next person. */
  const restart = useCallback(() => {
    answered.current = false;
    setAskIdle(false);
    setAskLeave(false);
    setAskBlank(false);
    setSaving(false);
    setScreen({ kind: 'chooser' });
    void speak(DEFAULT_LOCALE).catch(() => undefined);
  }, [speak]);

  // Leave at once: no dialog, the answers dropped with the form (KioskSurvey clears its model
  // on unmount) and nothing kept or queued: only a completed form is ever stored.
  const leaveNow = restart;

  const startForm = (locale: LocaleCode, questionnaire: KioskQuestionnaire) => {
    answered.current = false;
    sessions.current += 1;
    setScreen({ kind: 'form', locale, questionnaire, session: sessions.current });
  };

  async function choose(locale: LocaleCode) {
    if (!ready) return;
    if (expired(ready)) return setScreen({ kind: 'message', text: 'problem.closed' });
    setBusy(true);
    try {
      const [library] = await Promise.all([prepareLanguage(locale), speak(locale)]);
      setForm(library);
    } catch {
      return; // its files could not be fetched (offline before they were cached): stay here
    } finally {
      setBusy(false);
    }
    const offered = ready.kiosk.questionnaires.filter((q) => q.locales.includes(locale));
    if (offered.length === 1) startForm(locale, offered[0]!);
    else setScreen({ kind: 'picker', locale });
  }

  async function persist(body: ResponseSubmission) {
    setSaving(true);
    const kept = await keep(code, body);
    setSaving(false);
    // Only now does the form go: its answers are safe on the tablet (or on the server).
    setScreen(kept ? { kind: 'thanks' } : { kind: 'notSaved', body });
  }

  const complete = useCallback(
    (answers: Record<string, unknown>) => {
      if (screen.kind !== 'form' || !ready) return;
      void persist(submission(screen.questionnaire, screen.locale, answers, ready.clockOffset));
    },
    [screen, ready],
  );
  const onAnswered = useCallback((yes: boolean) => (answered.current = yes), []);
  const onBlank = useCallback(() => setAskBlank(true), []);

  // Back (a button, a swipe, history.go) never leaves the kiosk; on a form it means "change
  // language", asked first when there are answers to lose. With a dialog open it does nothing.
  const back = useRef(() => {});
  back.current = () => {
    if (staffOpen || askIdle || askLeave || askBlank || saving) return;
    if (screen.kind === 'form') {
      if (answered.current) setAskLeave(true);
      else restart();
    } else if (screen.kind === 'picker') restart();
  };
  useEffect(() => trapHistory(() => back.current()), []);
  // Staff leave through their dialog (sign in, close kiosk mode) without the browser's prompt.
  useEffect(() => (staffOpen ? undefined : askBeforeLeaving()), [staffOpen]);

  const participantBusy = screen.kind === 'form' || screen.kind === 'picker';
  useIdle(participantBusy && !askIdle && !saving && !staffOpen, IDLE_MS, () => setAskIdle(true));

  if (!language) return <div className="kiosk" aria-busy="true" />;
  const { t } = language;

  let body;
  switch (screen.kind) {
    case 'loading':
      body = <Message key="loading" text="app.loading" />;
      break;
    case 'message':
      body = (
        <Message
          key={screen.text}
          text={screen.text}
          action={screen.retry ? { label: 'problem.retry', run: reload } : undefined}
        />
      );
      break;
    case 'chooser':
      body = (
        <Chooser
          activity={ready?.kiosk.activity.title ?? ''}
          locales={offered ?? []}
          busy={busy}
          onChoose={(locale) => void choose(locale)}
        />
      );
      break;
    case 'picker':
      body = (
        <Picker
          questionnaires={ready!.kiosk.questionnaires.filter((q) =>
            q.locales.includes(screen.locale),
          )}
          locale={screen.locale}
          onPick={(q) => startForm(screen.locale, q)}
          onBack={restart}
        />
      );
      break;
    case 'form':
      if (!form) throw new Error('The form opened before its library was loaded');
      body = (
        <section className="kiosk-form" aria-busy={saving}>
          <div className="form-bar">
            <form.LeaveButton onLeave={leaveNow} disabled={saving} />
            <button
              type="button"
              className="kiosk-button quiet"
              disabled={saving}
              onClick={() => (answered.current ? setAskLeave(true) : restart())}
            >
              {t('form.changeLanguage')}
            </button>
          </div>
          <form.KioskSurvey
            key={screen.session}
            questionnaire={screen.questionnaire}
            locale={screen.locale}
            onComplete={complete}
            onBlank={onBlank}
            onAnswered={onAnswered}
          />
          {saving && (
            <p className="saving" role="status">
              {t('app.saving')}
            </p>
          )}
        </section>
      );
      break;
    case 'notSaved':
      body = (
        <Message
          key="notSaved"
          text="problem.notSaved"
          action={{ label: 'problem.retry', run: () => void persist(screen.body) }}
        />
      );
      break;
    case 'thanks':
      body = <Thanks onDone={restart} />;
  }

  return (
    <LanguageContext.Provider value={language}>
      <div className="kiosk">
        <main className="kiosk-main">{body}</main>
        {offline && (
          <p className="offline-notice" role="status">
            {t('offline.notice')}
          </p>
        )}
        <StaffButton onClick={() => setStaffOpen(true)} />
        {staffOpen && (
          <StaffDialog
            code={code}
            hasPin={ready?.kiosk.hasPin ?? false}
            onClose={() => setStaffOpen(false)}
          />
        )}
        {askIdle && (
          <IdleDialog
            seconds={IDLE_COUNTDOWN_S}
            onContinue={() => setAskIdle(false)}
            onTimeout={restart}
          />
        )}
        {askLeave && (
          <Modal titleId="leave-title" describedBy="leave-body" onCancel={() => setAskLeave(false)}>
            <h2 id="leave-title">{t('form.leaveTitle')}</h2>
            <p id="leave-body">{t('form.leaveBody')}</p>
            <div className="kiosk-actions">
              <button type="button" className="kiosk-button" onClick={restart}>
                {t('form.leaveYes')}
              </button>
              <button
                type="button"
                className="kiosk-button primary"
                onClick={() => setAskLeave(false)}
                autoFocus
              >
                {t('form.leaveNo')}
              </button>
            </div>
          </Modal>
        )}
        {/* A blank form is not sent: it would count as a respondent who said nothing. */}
        {askBlank && (
          <Modal titleId="blank-title" describedBy="blank-body" onCancel={() => setAskBlank(false)}>
            <h2 id="blank-title">{t('form.blankTitle')}</h2>
            <p id="blank-body">{t('form.blankBody')}</p>
            <div className="kiosk-actions">
              <button type="button" className="kiosk-button" onClick={restart}>
                {t('form.blankLeave')}
              </button>
              <button
                type="button"
                className="kiosk-button primary"
                onClick={() => setAskBlank(false)}
                autoFocus
              >
                {t('form.blankAnswer')}
              </button>
            </div>
          </Modal>
        )}
      </div>
    </LanguageContext.Provider>
  );
}
