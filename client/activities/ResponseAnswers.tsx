import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allQuestions, type SurveyElement } from '../../server/domain/definition.ts';
import { likertLabels, type LikertValue } from '../../server/domain/likert.ts';
import { localised, useLanguage, type Language } from '../i18n/index.ts';
import { activitiesApi, type QuestionnaireVersion, type StoredResponse } from './api.ts';

// Versions already fetched on this page, by `id/version`: every response of a version shares one.
const loaded = new Map<string, Promise<QuestionnaireVersion | null>>();

/** The definition of a questionnaire version, fetched once per page; null when it cannot be read. */
export function useVersionDefinition(ref: { id: string; version: number }) {
  const [state, setState] = useState<QuestionnaireVersion | null | 'loading'>('loading');
  useEffect(() => {
    const key = `${ref.id}/${ref.version}`;
    let loading = loaded.get(key);
    if (!loading) {
      loading = activitiesApi.version(ref.id, ref.version).catch(() => null);
      loaded.set(key, loading);
    }
    let current = true;
    void loading.then((version) => current && setState(version));
    return () => {
      current = false;
    };
  }, [ref.id, ref.version]);
  return state;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** One answer in the questionnaire's words: the choice's text, the scale's label, or as typed. */
function answerText(
  element: SurveyElement | undefined,
  value: unknown,
  language: Language,
  yesNo: { yes: string; no: string },
): string {
  const one = (v: unknown): string => {
    if (element?.type === 'likert' && typeof v === 'string') {
      const label = likertLabels(language)[v as LikertValue];
      if (label) return label;
    }
    if (element?.type === 'boolean' && typeof v === 'boolean') {
      const text = element[v ? 'labelTrue' : 'labelFalse'];
      return (
        localised(isObject(text) ? (text as Record<string, string>) : null, language) ||
        (v ? yesNo.yes : yesNo.no)
      );
    }
    for (const choice of element?.choices ?? []) {
      if (isObject(choice) && choice.value === v)
        return localised(choice.text as Record<string, string> | undefined, language) || String(v);
      if (choice === v) return String(choice);
    }
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

/**
 * What one participant answered, question by question in the questionnaire's order and words
 * (in the page's language), comments included; skipped questions are said to be skipped.
 */
export function ResponseAnswers({ response }: { response: StoredResponse }) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  const version = useVersionDefinition(response.questionnaire);
  if (version === 'loading') return <p>{t('responses.read.loading')}</p>;
  const questions = version
    ? allQuestions(version.definition).filter(
        ({ element }) => element.type !== 'html' && element.name,
      )
    : [];
  const known = new Set(questions.map(({ element }) => element.name));
  // Answers the version does not name (or every answer, when it cannot be read): by their keys.
  const others = Object.entries(response.answers).filter(
    ([name, value]) => !known.has(name) && !isBlank(value),
  );
  const yesNo = { yes: t('responses.read.yes'), no: t('responses.read.no') };
  return (
    <dl className="response-answers" aria-label={t('responses.read.label')}>
      {questions.map(({ element }) => {
        const value = response.answers[element.name!];
        const title = localised(element.title, language) || element.name!;
        return (
          <div key={element.name} className={element.type === 'comment' ? 'comment' : undefined}>
            <dt>{title}</dt>
            <dd className={isBlank(value) ? 'muted' : undefined}>
              {isBlank(value)
                ? t('responses.read.skipped')
                : answerText(element, value, language, yesNo)}
            </dd>
          </div>
        );
      })}
      {others.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{answerText(undefined, value, language, yesNo)}</dd>
        </div>
      ))}
    </dl>
  );
}
