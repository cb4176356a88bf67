import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allQuestions, type SurveyElement } from '../../server/domain/definition.ts';
import { likertLabels, type LikertValue } from '../../server/domain/likert.ts';
import { localised, useLanguage, type Language } from '../i18n/index.ts';
import { activitiesApi, type QuestionnaireVersion } from './api.ts';
import { formatInstant, languageName } from './names.ts';

/** What a quarantined body claims to be; anything may be missing or malformed. */
interface Claimed {
  questionnaire?: { id: string; version: number };
  locale?: string;
  completedAt?: string;
  answers?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads what it can of a submission the server refused. */
export function readClaimed(body: unknown): Claimed {
  if (!isObject(body)) return {};
  const claimed: Claimed = {};
  const q = body.questionnaire;
  if (isObject(q) && typeof q.id === 'string' && typeof q.version === 'number')
    claimed.questionnaire = { id: q.id, version: q.version };
  if (typeof body.locale === 'string') claimed.locale = body.locale;
  if (typeof body.completedAt === 'string') claimed.completedAt = body.completedAt;
  if (isObject(body.answers)) claimed.answers = body.answers;
  return claimed;
}

// Definitions of versions already fetched on this page, by `id/version`.
const definitions = new Map<string, Promise<QuestionnaireVersion | null>>();

function useVersion(ref: Claimed['questionnaire']): QuestionnaireVersion | null {
  const [version, setVersion] = useState<QuestionnaireVersion | null>(null);
  useEffect(() => {
    if (!ref) return;
    const key = `${ref.id}/${ref.version}`;
    let loading = definitions.get(key);
    if (!loading) {
      // An unknown or foreign version simply leaves the answers named by their keys.
      loading = activitiesApi.version(ref.id, ref.version).catch(() => null);
      definitions.set(key, loading);
    }
    let current = true;
    void loading.then((v) => current && setVersion(v));
    return () => {
      current = false;
    };
  }, [ref?.id, ref?.version]);
  return version;
}

function choiceText(element: SurveyElement, value: unknown, language: Language): string | null {
  if (element.type === 'likert' && typeof value === 'string') {
    const labels = likertLabels(language);
    return labels[value as LikertValue] ?? null;
  }
  for (const choice of element.choices ?? []) {
    if (isObject(choice) && choice.value === value && isObject(choice.text))
      return localised(choice.text as Record<string, string>, language) || null;
    if (choice === value) return String(choice);
  }
  return null;
}

function answerText(element: SurveyElement | undefined, value: unknown, language: Language) {
  const one = (v: unknown) =>
    (element && choiceText(element, v, language)) ??
    (typeof v === 'string' ? v : JSON.stringify(v));
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/** The questionnaire, language, time and answers a refused submission carried. */
export function QuarantineAnswers({ body }: { body: unknown }) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  const claimed = readClaimed(body);
  const version = useVersion(claimed.questionnaire);
  const elements = new Map(
    version ? allQuestions(version.definition).map(({ element }) => [element.name, element]) : [],
  );
  const answers = Object.entries(claimed.answers ?? {});
  return (
    <>
      <dl className="claimed">
        <dt>{t('quarantine.questionnaire')}</dt>
        <dd>
          {version
            ? t('questionnaire', {
                title: localised(version.title, language, t('untitled')),
                version: version.version,
              })
            : claimed.questionnaire
              ? `${claimed.questionnaire.id} v${claimed.questionnaire.version}`
              : t('quarantine.missing')}
        </dd>
        <dt>{t('quarantine.language')}</dt>
        <dd>{claimed.locale ? languageName(t, claimed.locale) : t('quarantine.missing')}</dd>
        <dt>{t('quarantine.completedAt')}</dt>
        <dd>
          {claimed.completedAt
            ? formatInstant(claimed.completedAt, language)
            : t('quarantine.missing')}
        </dd>
      </dl>
      {answers.length === 0 ? (
        <p>{t('quarantine.noAnswers')}</p>
      ) : (
        <table className="claimed-answers">
          <caption>{t('quarantine.answersCaption', { count: answers.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quarantine.question')}</th>
              <th scope="col">{t('quarantine.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {answers.map(([name, value]) => {
              const element = elements.get(name);
              const title = element?.title ? localised(element.title, language) : '';
              return (
                <tr key={name}>
                  <th scope="row">
                    {title || name}
                    {title && <span className="muted"> ({name})</span>}
                  </th>
                  <td>{answerText(element, value, language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
