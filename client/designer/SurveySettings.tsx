import { useTranslation } from 'react-i18next';
import { TextField } from '../app/forms.tsx';
import { likertStyleOf } from '../../server/domain/likert.ts';
import {
  SOURCE_LOCALE,
  SUPPORTED_LOCALES,
  type LikertStyle,
  type QuestionnaireDefinition,
} from '../../server/domain/definition.ts';
import type { LocaleStatus } from './api.ts';
import { orderedLocales, setText, textIn } from './definitionEdits.ts';
import { setLocales } from './localeEdits.ts';
import { fieldIdFor, languageName } from './labels.ts';
import { LocaleStatusBadge } from './StatusBadge.tsx';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;

const ALWAYS = new Set<string>([SOURCE_LOCALE, 'en']);

/** The questionnaire's title in Chinese and English, and the languages it is offered in. */
export function SurveySettings({
  definition,
  statuses,
  edit,
}: {
  definition: QuestionnaireDefinition;
  statuses: Record<string, LocaleStatus>;
  edit: Edit;
}) {
  const { t } = useTranslation('designer');
  const listed = new Set(orderedLocales(definition));
  const title = definition.survey?.title;
  return (
    <section aria-labelledby="designer-settings-heading" className="designer-section">
      <h2 id="designer-settings-heading">{t('settings.heading')}</h2>
      {(['zh-HK', 'en'] as const).map((locale) => (
        <TextField
          key={locale}
          id={fieldIdFor('survey.title', locale)}
          label={t(locale === 'zh-HK' ? 'settings.titleZh' : 'settings.titleEn')}
          lang={locale}
          value={textIn(title, locale)}
          onChange={(event) => {
            const text = event.target.value;
            edit((d) => setText(d, 'survey.title', locale, text));
          }}
        />
      ))}
      <fieldset className="languages" id={fieldIdFor('locales')} tabIndex={-1}>
        <legend>{t('settings.languages')}</legend>
        <p className="hint">{t('settings.languagesHint')}</p>
        <ul className="language-options">
          {SUPPORTED_LOCALES.map((locale) => {
            const always = ALWAYS.has(locale);
            const checked = listed.has(locale);
            return (
              <li key={locale}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={always}
                    onChange={(event) => {
                      const on = event.target.checked;
                      edit((d) =>
                        setLocales(
                          d,
                          on
                            ? [...orderedLocales(d), locale]
                            : orderedLocales(d).filter((l) => l !== locale),
                        ),
                      );
                    }}
                  />
                  <span>
                    {languageName(t, locale)} <span className="muted">({locale})</span>
                  </span>
                </label>
                {checked && locale !== SOURCE_LOCALE && (
                  <LocaleStatusBadge status={statuses[locale]} />
                )}
                {locale === SOURCE_LOCALE && (
                  <span className="badge locale-source">{t('localeStatus.source')}</span>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            id={fieldIdFor('survey.likertStyle')}
            checked={likertStyleOf(definition) === 'faces'}
            onChange={(event) => {
              const faces = event.target.checked;
              edit((d) => withLikertStyle(d, faces ? 'faces' : 'words'));
            }}
          />
          <span>{t('settings.faces')}</span>
        </label>
        <p className="hint">{t('settings.facesHint')}</p>
      </div>
    </section>
  );
}

/** The definition with its scale shown as `style` (`words`, the default, leaves no setting). */
function withLikertStyle(
  definition: QuestionnaireDefinition,
  style: LikertStyle,
): QuestionnaireDefinition {
  const { likertStyle: _previous, ...survey } = definition.survey ?? {};
  return {
    ...definition,
    survey: style === 'faces' ? { ...survey, likertStyle: style } : survey,
  };
}
