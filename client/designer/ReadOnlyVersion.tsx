import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import { navigate, pathTo, patterns } from '../app/router.tsx';
import { allQuestions } from '../../server/domain/definition.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { designerApi, type ProgrammeRules, type QuestionnaireVersion } from './api.ts';
import { orderedLocales, textIn } from './definitionEdits.ts';
import { languageName, questionName, typeName } from './labels.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { LocaleStatusBadge } from './StatusBadge.tsx';

/** A version that no longer changes: what it asks, its languages, a preview; new version, retire. */
export function ReadOnlyVersion({
  version,
  programmes,
  onChanged,
}: {
  version: QuestionnaireVersion;
  programmes: ProgrammeRules[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('designer');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const [busy, setBusy] = useState(false);
  const [confirmingRetire, setConfirmingRetire] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const id = version.questionnaire;
  const programme = programmes.find((p) => p.code === version.programme);
  const definition = version.definition;

  async function newVersion() {
    setBusy(true);
    setProblem(null);
    try {
      const created = await designerApi.newVersion(id);
      navigate(pathTo(patterns.designer, { id, v: created.version }));
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
      setBusy(false);
    }
  }

  async function retire() {
    setBusy(true);
    setProblem(null);
    try {
      await designerApi.retire(id, version.version);
      onChanged(t('readOnly.retired', { version: version.version }));
    } catch (error) {
      setProblem(describeError(tStaff, error).problem);
    } finally {
      setBusy(false);
      setConfirmingRetire(false);
    }
  }

  return (
    <div className="read-only">
      <p className="read-only-note">{t(`readOnly.explain.${version.status as 'submitted'}`)}</p>
      {version.status === 'rejected' && version.decisionReason && (
        <p className="decision-reason">
          <strong>{t('readOnly.reason')}</strong> {version.decisionReason}
        </p>
      )}
      <ErrorSummary problem={problem} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void newVersion()}>
          {t('readOnly.newVersion')}
        </button>
        {version.status === 'approved' && !confirmingRetire && (
          <button type="button" disabled={busy} onClick={() => setConfirmingRetire(true)}>
            {t('readOnly.retire')}
          </button>
        )}
      </div>
      {confirmingRetire && (
        <div role="group" aria-labelledby="retire-question" className="confirm panel">
          <p id="retire-question">{t('readOnly.retireQuestion', { version: version.version })}</p>
          <button
            type="button"
            className="danger"
            autoFocus
            disabled={busy}
            onClick={() => void retire()}
          >
            {t('readOnly.retireYes')}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirmingRetire(false)}>
            {t('readOnly.cancel')}
          </button>
        </div>
      )}
      <div className="designer-columns">
        <div className="designer-form">
          <section aria-labelledby="read-only-items" className="designer-section">
            <h2 id="read-only-items">{t('items.heading')}</h2>
            <ol className="read-only-items">
              {allQuestions(definition).map(({ path, element }, i) => {
                const outcome = element.outcomeStandard;
                return (
                  <li key={path}>
                    <p className="read-only-item-head">
                      <strong>{questionName(t, element.name, i + 1)}</strong>{' '}
                      <span className="muted">{typeName(t, element.type)}</span>
                    </p>
                    {typeof outcome === 'number' && (
                      <p className="read-only-outcome">
                        {t('readOnly.measures', {
                          number: outcome,
                          name: localised(
                            programme?.outcomeStandards.find((s) => s.number === outcome)?.name,
                            language,
                          ),
                        })}
                      </p>
                    )}
                    <p lang="zh-HK">{textIn(element.title, 'zh-HK')}</p>
                    <p lang="en">{textIn(element.title, 'en')}</p>
                  </li>
                );
              })}
            </ol>
          </section>
          <section aria-labelledby="read-only-languages" className="designer-section">
            <h2 id="read-only-languages">{t('settings.languages')}</h2>
            <ul className="read-only-languages">
              {orderedLocales(definition).map((locale) => (
                <li key={locale}>
                  {languageName(t, locale)}{' '}
                  {locale === 'zh-HK' ? (
                    <span className="badge locale-source">{t('localeStatus.source')}</span>
                  ) : (
                    <LocaleStatusBadge status={version.translations.locales[locale]} />
                  )}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="designer-side">
          <PreviewPanel definition={definition} />
        </div>
      </div>
    </div>
  );
}
