import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import * as SurveyCore from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import './survey.css';
import { Survey } from 'survey-react-ui';
import type { LocaleCode } from '../../server/domain/definition.ts';
import { likertStyleOf, registerLikert, toSurveyJson } from '../../server/domain/likert.ts';
import { FACE_VARIABLES } from '../survey/faces.ts';
import { addStrings, isLocale, LanguageContext, translator, useT } from './i18n.ts';
import { titleIn, type KioskQuestionnaire } from './kioskData.ts';
import { speak, stopSpeaking, voiceFor } from './speech.ts';

registerLikert(SurveyCore);

// Loaded with the form (warm.ts): survey-core's dictionaries need survey-core itself.
export { loadSurveyLocale } from '../survey/locales.ts';

// The strings only a form shows, one chunk per language, outside the chooser's first bundle.
const formStrings = import.meta.glob<{ default: object }>('./form-locales/*.json');

/** Loads the form's own strings in one language (part of preparing that language). */
export async function loadFormStrings(code: LocaleCode): Promise<void> {
  const load = formStrings[`./form-locales/${code}.json`];
  if (!load) throw new Error(`No form strings for ${code}`);
  addStrings(code, (await load()).default);
}

/**
 * "Leave now": one tap, no question asked, and the form is gone (the kiosk clears it, keeping
 * nothing). Someone who must leave at once, perhaps watched, needs no second step to read.
 */
export function LeaveButton({ onLeave, disabled }: { onLeave: () => void; disabled?: boolean }) {
  const t = useT();
  return (
    <button type="button" className="kiosk-button leave-now" disabled={disabled} onClick={onLeave}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {/* A door with an arrow going out. */}
        <path d="M13 4H6v16h7M10 12h10M16 8l4 4-4 4" />
      </svg>
      {t('leave.now')}
    </button>
  );
}

/** What "read aloud" says for a question: its title, then each choice. */
function spokenText(question: SurveyCore.Question): string {
  const inner =
    question.getType() === 'likert'
      ? (question as SurveyCore.QuestionCustomModel).contentQuestion
      : question;
  const choices = (inner as Partial<SurveyCore.QuestionSelectBase>).visibleChoices ?? [];
  const parts = [question.processedTitle, ...choices.map((choice) => choice.text)];
  return parts.filter(Boolean).join('. ');
}

/**
 * A fresh SurveyJS model for one participant: never reused for the next one. `readAloud` is
 * the read-aloud button's label, or null to show none.
 */
function participantModel(
  questionnaire: KioskQuestionnaire,
  locale: string,
  readAloud: string | null,
) {
  const survey = new SurveyCore.Model(toSurveyJson(questionnaire.definition, locale));
  survey.showCompletePage = false; // the kiosk's own thank-you screen follows
  survey.showTitle = false; // the form's own heading says it (FormHeading)
  survey.showProgressBar = true;
  survey.progressBarLocation = 'top';
  survey.progressBarType = 'questions';
  survey.autoFocusFirstQuestion = false; // a keyboard popping up on a tablet is unwelcome
  survey.widthMode = 'responsive';
  // The five-point scale gets its own big-button layout (survey.css). A likert question is a
  // SurveyJS custom component wrapping a radiogroup, whose root is the scale's element.
  const scales = new WeakSet<object>(
    survey
      .getAllQuestions()
      .filter((q) => q.getType() === 'likert')
      .map((q) => (q as SurveyCore.QuestionCustomModel).contentQuestion),
  );
  // The children's scale: the same radios, each label showing its face (faces.css).
  const scaleClass =
    likertStyleOf(questionnaire.definition) === 'faces'
      ? ' kiosk-likert kiosk-faces likert-faces'
      : ' kiosk-likert';
  survey.onUpdateQuestionCssClasses.add((_, options) => {
    if (scales.has(options.question)) options.cssClasses.root += scaleClass;
  });
  // Read aloud, where the tablet has its own voice for the language (speech.ts); none where not.
  const voice = readAloud && isLocale(locale) ? voiceFor(locale) : null;
  if (voice)
    survey.onGetQuestionTitleActions.add((_, options) => {
      options.actions.push({
        id: 'read-aloud',
        title: readAloud!,
        showTitle: true,
        innerCss: 'read-aloud',
        action: () => speak(spokenText(options.question), voice),
      });
    });
  survey.onAfterRenderSurvey.add((_, options) => {
    // survey-react-ui labels its root with SurveyJS's code (zh-tw, fil); screen readers and
    // our fonts need ours. React leaves the attribute alone while its own value is unchanged.
    options.htmlElement.setAttribute('lang', locale);
  });
  survey.onAfterRenderQuestion.add((_, options) => {
    // A shared tablet must not offer one participant's typing to the next.
    for (const field of options.htmlElement.querySelectorAll('input, textarea'))
      field.setAttribute('autocomplete', 'off');
  });
  return survey;
}

/** True when no question has an answer (a comment of only spaces is no answer). */
export function isBlank(answers: Record<string, unknown>): boolean {
  return Object.values(answers).every(
    (value) =>
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0),
  );
}

/**
 * The questionnaire as survey-react-ui renders it. `onComplete` receives the answers; a form
 * completed with no answer at all calls `onBlank` instead (the kiosk asks before sending
 * nothing). The model is cleared and dropped when this component unmounts.
 */
export function KioskSurvey({
  questionnaire,
  locale,
  onComplete,
  onBlank,
  onAnswered,
}: {
  questionnaire: KioskQuestionnaire;
  locale: string;
  onComplete: (answers: Record<string, unknown>) => void;
  onBlank: () => void;
  onAnswered?: (answered: boolean) => void;
}) {
  const t = useT();
  const readAloud = t('aloud.read');
  const model = useMemo(
    () => participantModel(questionnaire, locale, readAloud),
    [questionnaire, locale, readAloud],
  );
  useEffect(() => {
    const completing = (survey: SurveyCore.SurveyModel, options: SurveyCore.CompletingEvent) => {
      if (!isBlank(survey.data)) return;
      options.allow = false;
      onBlank();
    };
    const complete = (survey: SurveyCore.SurveyModel) => onComplete({ ...survey.data });
    const changed = (survey: SurveyCore.SurveyModel) => onAnswered?.(!isBlank(survey.data));
    model.onCompleting.add(completing);
    model.onComplete.add(complete);
    model.onValueChanged.add(changed);
    return () => {
      model.onCompleting.remove(completing);
      model.onComplete.remove(complete);
      model.onValueChanged.remove(changed);
    };
  }, [model, onComplete, onBlank, onAnswered]);
  // Nothing of this participant's answers may outlive the form.
  useEffect(
    () => () => {
      model.clear(true, true);
      stopSpeaking();
    },
    [model],
  );
  const [page, setPage] = useState({ number: 1, count: model.visiblePageCount });
  useEffect(() => {
    const changed = (survey: SurveyCore.SurveyModel) =>
      setPage({ number: survey.currentPageNo + 1, count: survey.visiblePageCount });
    model.onCurrentPageChanged.add(changed);
    return () => model.onCurrentPageChanged.remove(changed);
  }, [model]);
  return (
    <div className="kiosk-survey" style={FACE_VARIABLES}>
      <FormHeading title={titleIn(questionnaire, locale)} page={page} />
      <Survey model={model} />
    </div>
  );
}

/**
 * The form's heading: its title, and which page of how many. Every new page (the first one after
 * the language choice, each after Next or Previous) moves focus here and names the page in the
 * document's title, so a screen reader announces the new screen instead of starting again from
 * the top of the page.
 */
function FormHeading({ title, page }: { title: string; page: { number: number; count: number } }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  const count = page.count > 1 ? t('page.count', page) : '';
  useEffect(() => {
    const heading = ref.current;
    if (!heading?.isConnected) return; // a rehearsal, off screen
    document.title = count ? `${title} – ${count}` : title;
    heading.focus();
    // Focus alone does not scroll up to a heading under the sticky form bar.
    window.scrollTo({ top: 0 });
  }, [title, count, page.number]);
  return (
    <h1 className="form-heading" tabIndex={-1} ref={ref} dir="auto">
      {title}
      {count && <span className="form-page">{count}</span>}
    </h1>
  );
}

/**
 * Renders a form once, in an element outside the page, and throws it away: the first
 * participant's form then opens without paying for the first render's one-off work (compiling
 * SurveyJS's code paths, building its components). Nothing of it reaches the screen.
 */
export function rehearse(questionnaire: KioskQuestionnaire, locale: string): void {
  if (!isLocale(locale)) return;
  const root = createRoot(document.createElement('div'));
  const nothing = () => undefined;
  flushSync(() =>
    root.render(
      <LanguageContext.Provider value={{ code: locale, t: translator(locale) }}>
        <KioskSurvey
          questionnaire={questionnaire}
          locale={locale}
          onComplete={nothing}
          onBlank={nothing}
        />
      </LanguageContext.Provider>,
    ),
  );
  root.unmount();
}
