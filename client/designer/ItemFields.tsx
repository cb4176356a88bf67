import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition, SurveyElement } from '../../server/domain/definition.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import type { Population, ProgrammeRules } from './api.ts';
import { ChoicesEditor } from './ChoicesEditor.tsx';
import {
  droppedScoring,
  EDITABLE_TYPES,
  hasChoices,
  setElementProperty,
  setElementType,
  setOutcome,
  setText,
  textIn,
} from './definitionEdits.ts';
import { fieldIdFor, questionName, typeName } from './labels.ts';
import { Input, TextArea } from './TextArea.tsx';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;

/** One question: its type, name, Chinese and English text, outcome or choices; move, remove. */
export function ItemFields({
  element,
  path,
  number,
  definition,
  programme,
  population,
  first,
  last,
  edit,
  onMove,
  onRemove,
}: {
  element: SurveyElement;
  path: string;
  number: number;
  definition: QuestionnaireDefinition;
  programme: ProgrammeRules | undefined;
  population: Population | undefined;
  first: boolean;
  last: boolean;
  edit: Edit;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const name = questionName(t, element.name, number);
  const type = String(element.type ?? '');
  const types: string[] = (EDITABLE_TYPES as readonly string[]).includes(type)
    ? [...EDITABLE_TYPES]
    : [...EDITABLE_TYPES, type];
  const hasTitle = type !== 'html' && type !== 'panel';
  const allowed = population?.allowedOutcomes ?? [];
  const outcome = typeof element.outcomeStandard === 'number' ? element.outcomeStandard : null;
  const standardName = (n: number) =>
    localised(programme?.outcomeStandards.find((s) => s.number === n)?.name, language);
  const measures = type === 'likert' && outcome !== null;
  // Unmapping the last question of a standard drops its scoring rule: say so, and offer it back.
  const [dropped, setDropped] = useState<{
    rules: { standard: number; rule: string }[];
    before: QuestionnaireDefinition;
  } | null>(null);

  return (
    <fieldset className={measures ? 'item item-outcome' : 'item'}>
      <legend>{t('items.legend', { number, name })}</legend>
      <div className="item-row">
        <div className="field">
          <label htmlFor={fieldIdFor(`${path}.type`)}>
            {t('items.type')}
            <span className="visually-hidden"> ({name})</span>
          </label>
          <select
            id={fieldIdFor(`${path}.type`)}
            value={type}
            onChange={(event) => {
              const next = event.target.value;
              edit((d) => setElementType(d, path, next));
            }}
          >
            {types.map((option) => (
              <option key={option} value={option}>
                {typeName(t, option)}
              </option>
            ))}
          </select>
        </div>
        <Input
          id={fieldIdFor(`${path}.name`)}
          label={t('items.name')}
          context={t('items.questionNumber', { number })}
          hint={t('items.nameHint')}
          value={typeof element.name === 'string' ? element.name : ''}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(event) => {
            const next = event.target.value;
            edit((d) => setElementProperty(d, path, 'name', next));
          }}
        />
      </div>
      {hasTitle &&
        (['zh-HK', 'en'] as const).map((locale) => (
          <TextArea
            key={locale}
            id={fieldIdFor(`${path}.title`, locale)}
            label={t(locale === 'zh-HK' ? 'items.textZh' : 'items.textEn')}
            context={name}
            lang={locale}
            value={textIn(element.title, locale)}
            onChange={(event) => {
              const text = event.target.value;
              edit((d) => setText(d, `${path}.title`, locale, text));
            }}
          />
        ))}
      {!hasTitle && <p className="hint">{t('items.otherTexts')}</p>}
      {type === 'likert' && (
        <div className="field">
          <label htmlFor={fieldIdFor(`${path}.outcomeStandard`)}>
            {t('items.outcome')}
            <span className="visually-hidden"> ({name})</span>
          </label>
          <select
            id={fieldIdFor(`${path}.outcomeStandard`)}
            value={outcome ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              const standard = value ? Number(value) : null;
              const rules = droppedScoring(definition, setOutcome(definition, path, standard));
              setDropped(rules.length ? { rules, before: definition } : null);
              edit((d) => setOutcome(d, path, standard));
            }}
          >
            <option value="">{t('items.noOutcome')}</option>
            {allowed.map((n) => (
              <option key={n} value={n}>
                {t('items.outcomeOption', { number: n, name: standardName(n) })}
              </option>
            ))}
            {outcome !== null && !allowed.includes(outcome) && (
              <option value={outcome}>{t('items.outcomeNotAllowed', { number: outcome })}</option>
            )}
          </select>
          {dropped && (
            <p className="notice" role="status">
              {dropped.rules
                .map(({ standard, rule }) =>
                  t('items.scoringDropped', {
                    number: standard,
                    rule: t(`scoring.rules.${rule}`, { defaultValue: rule }),
                  }),
                )
                .join(' ')}{' '}
              <button
                type="button"
                onClick={() => {
                  const before = dropped.before;
                  setDropped(null);
                  edit(() => before);
                }}
              >
                {t('items.scoringUndo')}
              </button>
            </p>
          )}
        </div>
      )}
      {hasChoices(type) && <ChoicesEditor element={element} path={path} name={name} edit={edit} />}
      <div className="item-actions" role="group" aria-label={t('items.arrange', { name })}>
        <button
          type="button"
          id={fieldIdFor(`${path}.move-up`)}
          disabled={first}
          onClick={() => onMove(-1)}
        >
          {t('items.moveUp')}
          <span className="visually-hidden"> ({name})</span>
        </button>
        <button
          type="button"
          id={fieldIdFor(`${path}.move-down`)}
          disabled={last}
          onClick={() => onMove(1)}
        >
          {t('items.moveDown')}
          <span className="visually-hidden"> ({name})</span>
        </button>
        <button type="button" className="remove" onClick={onRemove}>
          {t('items.remove')}
          <span className="visually-hidden"> ({name})</span>
        </button>
      </div>
    </fieldset>
  );
}
