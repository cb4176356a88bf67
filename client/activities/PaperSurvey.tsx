import { useEffect, useMemo, useRef, useState } from 'react';
import * as SurveyCore from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import { registerLikert, toSurveyJson } from '../../server/domain/likert.ts';
import { directionOf, loadSurveyLocale } from '../survey/locales.ts';

registerLikert(SurveyCore);

/**
 * A blank SurveyJS form of the questionnaire in the paper's language, every question on one
 * page, for typing in what a participant wrote. A new `form` number gives a fresh blank form.
 * Null until SurveyJS's strings for the language are loaded.
 */
export function usePaperForm(
  definition: QuestionnaireDefinition | null,
  locale: string,
  form: number,
): SurveyCore.SurveyModel | null {
  const [ready, setReady] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void loadSurveyLocale(locale).then(() => current && setReady(locale));
    return () => {
      current = false;
    };
  }, [locale]);
  // What was typed survives a change of language (the coordinator picked the wrong one).
  const previous = useRef<{ definition: unknown; form: number; model: SurveyCore.SurveyModel }>(
    null,
  );
  return useMemo(() => {
    if (!definition || ready !== locale) return null;
    const survey = new SurveyCore.Model(toSurveyJson(definition, locale));
    const before = previous.current;
    if (before && before.definition === definition && before.form === form)
      survey.data = before.model.data;
    previous.current = { definition, form, model: survey };
    // All questions at once, no Next/Complete: the page's own button saves the form. Nothing
    // is required here: a participant may skip any question, and the paper is what it is.
    survey.questionsOnPageMode = 'singlePage';
    survey.showNavigationButtons = false;
    survey.showCompletePage = false;
    survey.clearInvisibleValues = 'onHidden';
    survey.checkErrorsMode = 'onComplete';
    survey.onCompleting.add((_, options) => {
      options.allow = false;
    });
    return survey;
    // `form` is in the list so a saved form is replaced by a new blank one.
  }, [definition, locale, ready, form]);
}

/** The answers typed so far, without SurveyJS's empty values. */
export function answersOf(model: SurveyCore.SurveyModel): Record<string, unknown> {
  const data = (model.data ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, value]) =>
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/** Renders the paper form in the paper's language and direction. */
export function PaperSurvey({ model, locale }: { model: SurveyCore.SurveyModel; locale: string }) {
  return (
    <div dir={directionOf(locale)} lang={locale} className="paper-survey">
      <Survey model={model} />
    </div>
  );
}
