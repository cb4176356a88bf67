import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition, SurveyElement } from '../../server/domain/definition.ts';
import { addChoice, removeChoice, setChoiceValue, setText, textIn } from './definitionEdits.ts';
import { fieldIdFor } from './labels.ts';
import { Input } from './TextArea.tsx';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The choices of a single or multiple choice question: value and Chinese and English text. */
export function ChoicesEditor({
  element,
  path,
  name,
  edit,
}: {
  element: SurveyElement;
  path: string;
  name: string;
  edit: Edit;
}) {
  const { t } = useTranslation('designer');
  const choices = Array.isArray(element.choices) ? element.choices : [];
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, choices.length]);

  return (
    <fieldset className="choices">
      <legend>{t('choices.legend', { name })}</legend>
      <ol>
        {choices.map((choice, i) => {
          const value = isObject(choice) ? choice.value : choice;
          const text = isObject(choice) ? choice.text : undefined;
          const context = t('choices.context', { number: i + 1, name });
          return (
            <li key={i} className="choice">
              <Input
                id={fieldIdFor(`${path}.choices.${i}.value`)}
                label={t('choices.value')}
                context={context}
                value={value === undefined || value === null ? '' : String(value)}
                spellCheck={false}
                onChange={(event) => {
                  const next = event.target.value;
                  edit((d) => setChoiceValue(d, path, i, next));
                }}
              />
              {(['zh-HK', 'en'] as const).map((locale) => (
                <Input
                  key={locale}
                  id={fieldIdFor(`${path}.choices.${i}.text`, locale)}
                  label={t(locale === 'zh-HK' ? 'choices.textZh' : 'choices.textEn')}
                  context={context}
                  lang={locale}
                  value={textIn(text, locale)}
                  onChange={(event) => {
                    const next = event.target.value;
                    edit((d) =>
                      setText(
                        d,
                        isObject(choice) ? `${path}.choices.${i}.text` : `${path}.choices.${i}`,
                        locale,
                        next,
                      ),
                    );
                  }}
                />
              ))}
              <button
                type="button"
                className="remove"
                onClick={() => {
                  edit((d) => removeChoice(d, path, i));
                  setFocusId(fieldIdFor(`${path}.choices.add`));
                }}
              >
                {t('choices.remove')}
                <span className="visually-hidden"> ({context})</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={fieldIdFor(`${path}.choices.add`)}
        onClick={() => {
          edit((d) => addChoice(d, path));
          setFocusId(fieldIdFor(`${path}.choices.${choices.length}.value`));
        }}
      >
        {t('choices.add')}
        <span className="visually-hidden"> ({name})</span>
      </button>
    </fieldset>
  );
}
