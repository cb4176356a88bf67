// The languages of the version under review: each one's translation status, and the preview.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SurveyPreview } from '../survey/SurveyPreview.tsx';
import type { QuestionnaireVersion } from './api.ts';
import type { Names } from './names.ts';

const statusOf = (version: QuestionnaireVersion, locale: string) =>
  version.translations.locales[locale] ?? 'draft';

/** Every language of the version with its translation status; draft ones flagged in words. */
export function Languages({ version, names }: { version: QuestionnaireVersion; names: Names }) {
  const { t } = useTranslation('review');
  const locales = version.definition.locales ?? [];
  const stale = (locale: string) => version.translations.stale.filter((s) => s.locale === locale);
  return (
    <section aria-labelledby="languages-heading">
      <h2 id="languages-heading">{t('languages.heading')}</h2>
      <p>{t('languages.intro')}</p>
      <div className="table-scroll">
        <table className="languages-table">
          <caption className="visually-hidden">{t('languages.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('languages.language')}</th>
              <th scope="col">{t('languages.translation')}</th>
            </tr>
          </thead>
          <tbody>
            {locales.map((locale) => {
              const status = statusOf(version, locale);
              const outOfDate = stale(locale).length;
              return (
                <tr key={locale}>
                  <th scope="row">{names.locale(locale)}</th>
                  <td>
                    <span className={`badge translation-${status}`}>
                      {t(`languages.${status}`)}
                    </span>{' '}
                    {status === 'draft' && (
                      <span className="translation-note">{t('languages.draftNote')}</span>
                    )}
                    {outOfDate > 0 && (
                      <span className="translation-note">
                        {t('languages.stale', { count: outOfDate })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The questionnaire as a participant sees it, in any of its languages. */
export function PreviewSection({
  version,
  names,
}: {
  version: QuestionnaireVersion;
  names: Names;
}) {
  const { t } = useTranslation('review');
  const locales = version.definition.locales ?? [];
  const [locale, setLocale] = useState(() =>
    locales.includes(names.language) ? names.language : (locales[0] ?? 'zh-HK'),
  );
  return (
    <section aria-labelledby="preview-heading" className="review-preview">
      <h2 id="preview-heading">{t('preview.heading')}</h2>
      <div className="field">
        <label htmlFor="preview-language">{t('preview.language')}</label>
        <select
          id="preview-language"
          value={locale}
          onChange={(event) => setLocale(event.target.value)}
        >
          {locales.map((code) => (
            <option key={code} value={code}>
              {statusOf(version, code) === 'draft'
                ? t('preview.draftOption', { language: names.locale(code) })
                : names.locale(code)}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('preview.hint')}</p>
      <div className="preview-frame">
        <SurveyPreview definition={version.definition} locale={locale} mode="display" />
      </div>
    </section>
  );
}
