import { useEffect, useMemo, useState } from 'react';
import * as SurveyCore from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import { likertStyleOf, registerLikert, toSurveyJson } from '../../server/domain/likert.ts';
import { FACE_VARIABLES } from './faces.ts';
import { directionOf, loadSurveyLocale } from './locales.ts';

registerLikert(SurveyCore);

/**
 * A questionnaire rendered by survey-react-ui exactly as a participant would see it, in one of
 * its locales, right-to-left where the language is. Answers typed here go nowhere.
 */
export function SurveyPreview({
  definition,
  locale,
  mode = 'edit',
}: {
  definition: QuestionnaireDefinition;
  locale: string;
  mode?: 'edit' | 'display';
}) {
  const [ready, setReady] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void loadSurveyLocale(locale).then(() => current && setReady(locale));
    return () => {
      current = false;
    };
  }, [locale]);
  const model = useMemo(() => {
    if (ready !== locale) return null;
    const survey = new SurveyCore.Model(toSurveyJson(definition, locale));
    survey.mode = mode;
    survey.showCompletePage = false;
    survey.onCompleting.add((_, options) => {
      options.allow = false; // a preview never completes
    });
    // The children's scale shows its faces here too, as the kiosk and the paper form do.
    if (likertStyleOf(definition) === 'faces') {
      const scales = new WeakSet<object>(
        survey
          .getAllQuestions()
          .filter((q) => q.getType() === 'likert')
          .map((q) => (q as SurveyCore.QuestionCustomModel).contentQuestion),
      );
      survey.onUpdateQuestionCssClasses.add((_, options) => {
        if (scales.has(options.question)) options.cssClasses.root += ' likert-faces';
      });
    }
    return survey;
  }, [definition, locale, mode, ready]);
  if (!model) return null;
  return (
    <div dir={directionOf(locale)} lang={locale} className="survey-preview" style={FACE_VARIABLES}>
      <Survey model={model} />
    </div>
  );
}
