import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  localisableValues,
  SOURCE_LOCALE,
  type QuestionnaireDefinition,
} from '../../server/domain/definition.ts';
import { directionOf } from '../survey/locales.ts';
import type { LocaleStatus, QuestionnaireVersion } from './api.ts';
import { isMissing, orderedLocales, setText, textIn } from './definitionEdits.ts';
import { describePath, gridCellId, languageName } from './labels.ts';
import { LocaleStatusBadge } from './StatusBadge.tsx';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;
export type TranslationChange = {
  locale: string;
  status?: LocaleStatus;
  confirm?: true;
  paths?: string[];
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every text participants see (down) in every language of the questionnaire (across), each
 * editable; missing texts and translations made from an older Chinese text are marked.
 */
export function TranslationGrid({
  definition,
  saved,
  dirty,
  busy,
  edit,
  onTranslations,
}: {
  definition: QuestionnaireDefinition;
  saved: QuestionnaireVersion;
  dirty: boolean;
  busy: boolean;
  edit: Edit;
  onTranslations: (changes: TranslationChange[]) => void;
}) {
  const { t } = useTranslation('designer');
  const [onlyAttention, setOnlyAttention] = useState(false);
  const locales = orderedLocales(definition);
  const staleKeys = new Set(saved.translations.stale.map((s) => `${s.locale} ${s.path}`));
  const isStale = (path: string, locale: string) => staleKeys.has(`${locale} ${path}`);
  const staleIn = (locale: string) =>
    saved.translations.stale.filter((s) => s.locale === locale).map((s) => s.path);
  const staleLocales = locales.filter((l) => staleIn(l).length > 0);
  const rows = localisableValues(definition).filter(
    ({ path, value }) =>
      !onlyAttention || locales.some((l) => isMissing(value, l) || isStale(path, l)),
  );

  return (
    <section aria-labelledby="translations-heading" className="designer-section translations">
      <h2 id="translations-heading">{t('grid.heading')}</h2>
      <p className="hint">{t('grid.hint')}</p>
      <div className="grid-tools">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyAttention}
            onChange={(event) => setOnlyAttention(event.target.checked)}
          />
          {t('grid.onlyAttention')}
        </label>
        {staleLocales.length > 0 && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              onTranslations(staleLocales.map((locale) => ({ locale, confirm: true as const })))
            }
          >
            {t('grid.confirmEverything')}
          </button>
        )}
      </div>
      {dirty && saved.translations.stale.length > 0 && (
        <p className="hint">{t('grid.unsavedNote')}</p>
      )}
      <div className="table-scroll grid-scroll">
        <table className="translation-grid">
          <caption>{t('grid.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="grid-string">
                {t('grid.string')}
              </th>
              {locales.map((locale) => (
                <th scope="col" key={locale}>
                  <span className="grid-language">
                    {languageName(t, locale)} <span className="muted">({locale})</span>
                  </span>
                  <LanguageControls
                    locale={locale}
                    status={saved.translations.locales[locale]}
                    stale={staleIn(locale).length}
                    busy={busy}
                    onTranslations={onTranslations}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ path, value }) => {
              const what = describePath(t, definition, path);
              return (
                <tr key={path}>
                  <th scope="row" className="grid-string">
                    {what}
                    {!isObject(value) && (
                      <span className="mark mark-missing">
                        {t('grid.plainText', { text: String(value) })}
                      </span>
                    )}
                  </th>
                  {locales.map((locale) => {
                    const id = gridCellId(path, locale);
                    const missing = isMissing(value, locale);
                    const stale = !missing && isStale(path, locale);
                    const language = languageName(t, locale);
                    return (
                      <td
                        key={locale}
                        className={
                          missing ? 'cell cell-missing' : stale ? 'cell cell-stale' : 'cell'
                        }
                      >
                        <textarea
                          id={id}
                          rows={3}
                          lang={locale}
                          dir={directionOf(locale)}
                          aria-label={t('grid.cell', { what, language })}
                          aria-describedby={missing || stale ? `${id}-mark` : undefined}
                          aria-invalid={missing || undefined}
                          value={textIn(value, locale)}
                          onChange={(event) => {
                            const text = event.target.value;
                            edit((d) => setText(d, path, locale, text));
                          }}
                        />
                        {missing && (
                          <span id={`${id}-mark`} className="mark mark-missing">
                            {t('grid.missing')}
                          </span>
                        )}
                        {stale && (
                          <span className="stale-row">
                            <span id={`${id}-mark`} className="mark mark-stale">
                              {t('grid.stale')}
                            </span>
                            <button
                              type="button"
                              className="small"
                              disabled={busy}
                              onClick={() =>
                                onTranslations([{ locale, confirm: true, paths: [path] }])
                              }
                            >
                              {t('grid.confirm')}
                              <span className="visually-hidden">
                                {' '}
                                ({t('grid.cell', { what, language })})
                              </span>
                            </button>
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A language's column head: its status (draft or reviewed) and confirming all its strings. */
function LanguageControls({
  locale,
  status,
  stale,
  busy,
  onTranslations,
}: {
  locale: string;
  status: LocaleStatus | undefined;
  stale: number;
  busy: boolean;
  onTranslations: (changes: TranslationChange[]) => void;
}) {
  const { t } = useTranslation('designer');
  const language = languageName(t, locale);
  if (locale === SOURCE_LOCALE)
    return <span className="badge locale-source">{t('localeStatus.source')}</span>;
  const id = `grid-status-${locale}`;
  return (
    <div className="language-controls">
      {status ? (
        <>
          <label htmlFor={id} className="visually-hidden">
            {t('grid.statusOf', { language })}
          </label>
          <select
            id={id}
            value={status}
            disabled={busy}
            className={`locale-select locale-${status}`}
            onChange={(event) =>
              onTranslations([{ locale, status: event.target.value as LocaleStatus }])
            }
          >
            <option value="draft">{t('localeStatus.draft')}</option>
            <option value="reviewed">{t('localeStatus.reviewed')}</option>
          </select>
        </>
      ) : (
        <LocaleStatusBadge status={undefined} />
      )}
      {stale > 0 && (
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => onTranslations([{ locale, confirm: true }])}
        >
          {t('grid.confirmAll')}
          <span className="visually-hidden"> ({language})</span>
        </button>
      )}
    </div>
  );
}
