import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { navigate, pathTo, patterns, useLocation } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { allElements, RTL_LOCALES, type SurveyElement } from '../../server/domain/definition.ts';
import { likertStyleOf } from '../../server/domain/likert.ts';
import { reviewApi, type QuestionnaireVersion } from '../review/api.ts';
import { localeName } from '../review/names.ts';
import { PaperElement, textIn } from './PaperQuestion.tsx';
import './print.css';

// Set while this page is shown, so print.css hides the app around the form only here.
const BODY_CLASS = 'paper-form-page';

/** The paper form of one version, in any of its languages, for people who cannot use a tablet. */
export default function PrintForm({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const resource = useResource(() => reviewApi.version(id, version));
  useEffect(() => {
    document.body.classList.add(BODY_CLASS);
    return () => document.body.classList.remove(BODY_CLASS);
  }, []);
  const title =
    resource.state === 'ready'
      ? localised(resource.data.title, language, t('list.untitled'))
      : t('print.untitled');
  return (
    <div className="paper-form">
      <div className="paper-controls">
        <PageHeading>{t('print.title', { title, version })}</PageHeading>
      </div>
      <Loaded resource={resource}>{(data) => <PaperPage version={data} />}</Loaded>
    </div>
  );
}

function PaperPage({ version }: { version: QuestionnaireVersion }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const location = useLocation();
  const definition = version.definition;
  const locales = definition.locales ?? [];
  const requested = new URLSearchParams(location.split('?')[1] ?? '').get('locale');
  const locale =
    requested && locales.includes(requested)
      ? requested
      : locales.includes(language)
        ? language
        : (locales[0] ?? 'zh-HK');
  const numbers = useMemo(() => {
    const numbered = new Map<SurveyElement, number>();
    for (const { element } of allElements(definition))
      if (element.type !== 'html' && element.type !== 'panel')
        numbered.set(element, numbered.size + 1);
    return numbered;
  }, [definition]);
  const approved = version.status === 'approved';
  const draftTranslation = version.translations.locales[locale] === 'draft';
  const choose = (code: string) =>
    navigate(
      `${pathTo(patterns.print, { id: version.questionnaire, v: version.version })}?locale=${encodeURIComponent(code)}`,
      { replace: true },
    );
  const survey = definition.survey ?? {};
  const description = textIn(survey.description, locale);
  const pages = Array.isArray(survey.pages) ? survey.pages : [];
  return (
    <>
      <div className="paper-controls">
        <p>{t('print.intro')}</p>
        {!approved && (
          <p className="paper-warning">
            {t('print.notApproved', { status: t(`statusInline.${version.status}`) })}
          </p>
        )}
        {draftTranslation && <p className="paper-warning">{t('print.draftLanguage')}</p>}
        <div className="paper-toolbar">
          <div className="field">
            <label htmlFor="paper-language">{t('print.language')}</label>
            <select
              id="paper-language"
              value={locale}
              onChange={(event) => choose(event.target.value)}
            >
              {locales.map((code) => (
                <option key={code} value={code}>
                  {localeName(t, code)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('print.print')}
          </button>
        </div>
      </div>
      <article
        className="paper"
        dir={RTL_LOCALES.includes(locale as never) ? 'rtl' : 'ltr'}
        lang={locale}
        aria-label={t('print.paperLabel')}
      >
        {!approved && (
          <p className="paper-not-approved" lang={language} dir="auto">
            {t('print.notApprovedMark')}
          </p>
        )}
        <div className="paper-heading">
          <h2 className="paper-title">{textIn(survey.title, locale)}</h2>
          {description && <p className="paper-intro">{description}</p>}
        </div>
        {pages.map((page, i) => (
          <div key={i} className="paper-page">
            {textIn(page.title, locale) && (
              <h3 className="paper-panel-title">{textIn(page.title, locale)}</h3>
            )}
            {textIn(page.description, locale) && (
              <p className="paper-description">{textIn(page.description, locale)}</p>
            )}
            {(page.elements ?? []).map((element, j) => (
              <PaperElement
                key={j}
                element={element}
                locale={locale}
                numbers={numbers}
                faces={likertStyleOf(definition) === 'faces'}
              />
            ))}
          </div>
        ))}
        <p className="paper-footer" dir="ltr" lang={language}>
          {t('print.footer', {
            id: version.questionnaire.slice(0, 8),
            version: version.version,
            hash: version.contentHash.slice(0, 12),
          })}
        </p>
      </article>
    </>
  );
}
