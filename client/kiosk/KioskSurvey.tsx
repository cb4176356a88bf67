import { useEffect, useMemo } from 'react';
import * as SurveyCore from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import './survey.css';
import { Survey } from 'survey-react-ui';
import { registerLikert, toSurveyJson } from '../../server/domain/likert.ts';
import type { KioskQuestionnaire } from './kioskData.ts';

registerLikert(SurveyCore);

/** A fresh SurveyJS model for one participant: never reused for the next one. */
function participantModel(questionnaire: KioskQuestionnaire, locale: string) {
  const survey = new SurveyCore.Model(toSurveyJson(questionnaire.definition, locale));
  survey.showCompletePage = false; // the kiosk's own thank-you screen follows
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
  survey.onUpdateQuestionCssClasses.add((_, options) => {
    if (scales.has(options.question)) options.cssClasses.root += ' kiosk-likert';
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

/**
 * The questionnaire as survey-react-ui renders it. `onComplete` receives the answers; the
 * model is cleared and dropped when this component unmounts.
 */
export function KioskSurvey({
  questionnaire,
  locale,
  onComplete,
  onAnswered,
}: {
  questionnaire: KioskQuestionnaire;
  locale: string;
  onComplete: (answers: Record<string, unknown>) => void;
  onAnswered?: (answered: boolean) => void;
}) {
  const model = useMemo(() => participantModel(questionnaire, locale), [questionnaire, locale]);
  useEffect(() => {
    const complete = (survey: SurveyCore.SurveyModel) => onComplete({ ...survey.data });
    const changed = (survey: SurveyCore.SurveyModel) =>
      onAnswered?.(Object.keys(survey.data).length > 0);
    model.onComplete.add(complete);
    model.onValueChanged.add(changed);
    return () => {
      model.onComplete.remove(complete);
      model.onValueChanged.remove(changed);
    };
  }, [model, onComplete, onAnswered]);
  // Nothing of this participant's answers may outlive the form.
  useEffect(() => () => model.clear(true, true), [model]);
  return (
    <div className="kiosk-survey">
      <Survey model={model} />
    </div>
  );
}
