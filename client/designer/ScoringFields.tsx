import { useTranslation } from 'react-i18next';
import {
  outcomeItems,
  SCORING_RULES,
  type QuestionnaireDefinition,
  type ScoringRule,
} from '../../server/domain/definition.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import type { ProgrammeRules } from './api.ts';
import { setScoring } from './definitionEdits.ts';
import { fieldIdFor } from './labels.ts';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;

/** For each outcome measured by two or more questions: how one person's answers combine. */
export function ScoringFields({
  definition,
  programme,
  edit,
}: {
  definition: QuestionnaireDefinition;
  programme: ProgrammeRules | undefined;
  edit: Edit;
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const combined = [...outcomeItems(definition)].filter(([, items]) => items.length >= 2);
  const scoring = definition.scoring ?? {};
  return (
    <fieldset className="scoring" id={fieldIdFor('scoring')} tabIndex={-1}>
      <legend>{t('scoring.legend')}</legend>
      <p className="hint">{t('scoring.hint')}</p>
      <dl className="scoring-rules">
        {SCORING_RULES.map((rule) => (
          <div key={rule}>
            <dt>{t(`scoring.rules.${rule}`)}</dt>
            <dd>{t(`scoring.explain.${rule}`)}</dd>
          </div>
        ))}
      </dl>
      {combined.length === 0 && <p>{t('scoring.none')}</p>}
      {combined.map(([number, items]) => {
        const id = fieldIdFor(`scoring.${number}`);
        const name = localised(
          programme?.outcomeStandards.find((s) => s.number === number)?.name,
          language,
        );
        const rule = scoring[String(number)];
        return (
          <div className="field" key={number}>
            <label htmlFor={id}>{t('scoring.label', { number })}</label>
            <p className="hint" id={`${id}-hint`}>
              {t('scoring.measuredBy', {
                name,
                questions: items.map((i) => i.element.name).join(t('listSeparator')),
              })}
            </p>
            <select
              id={id}
              aria-describedby={`${id}-hint`}
              value={rule ?? ''}
              onChange={(event) => {
                const value = event.target.value as ScoringRule | '';
                edit((d) => setScoring(d, number, value || null));
              }}
            >
              <option value="">{t('scoring.choose')}</option>
              {SCORING_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`scoring.rules.${r}`)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
