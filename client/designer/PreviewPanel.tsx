import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import { SurveyPreview } from '../survey/SurveyPreview.tsx';
import { useLanguage } from '../i18n/index.ts';
import { orderedLocales } from './definitionEdits.ts';
import { languageName } from './labels.ts';

/** The questionnaire as a participant sees it, in any of its languages (Urdu right to left). */
export function PreviewPanel({
  definition,
  mode = 'edit',
}: {
  definition: QuestionnaireDefinition;
  mode?: 'edit' | 'display';
}) {
  const { t } = useTranslation('designer');
  const interfaceLanguage = useLanguage();
  const locales = orderedLocales(definition);
  const [chosen, setChosen] = useState<string>(interfaceLanguage);
  const locale = locales.includes(chosen) ? chosen : locales[0]!;
  return (
    <section className="preview-panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('preview.heading')}</h2>
      <div className="field">
        <label htmlFor="preview-language">{t('preview.language')}</label>
        <select
          id="preview-language"
          value={locale}
          onChange={(event) => setChosen(event.target.value)}
        >
          {locales.map((code) => (
            <option key={code} value={code}>
              {languageName(t, code)}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('preview.hint')}</p>
      <div className="preview-frame">
        <SurveyPreview definition={definition} locale={locale} mode={mode} />
      </div>
    </section>
  );
}
