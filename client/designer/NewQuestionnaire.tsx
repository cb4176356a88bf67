import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, SelectField, type FormProblem } from '../app/forms.tsx';
import { navigate, pathTo, patterns } from '../app/router.tsx';
import type { Operator } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import {
  designerApi,
  type NewQuestionnaire as NewBody,
  type ProgrammeRules,
  type Template,
} from './api.ts';
import { ImportQuestionnaire } from './ImportQuestionnaire.tsx';
import { languageName } from './labels.ts';
import { StartFromScratch } from './StartFromScratch.tsx';

/** Creates a questionnaire and opens its first draft; the error (if any) goes back to the form. */
export type Create = (body: NewBody) => Promise<FormProblem | null>;

/** The three ways to start a questionnaire: a template, from scratch, or an imported file. */
export function NewQuestionnaire({
  templates,
  programmes,
  operators,
}: {
  templates: Template[];
  programmes: ProgrammeRules[];
  operators: Operator[];
}) {
  const { t } = useTranslation('designer');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const isAdmin = operators.length > 0;
  const [operator, setOperator] = useState('');
  const [operatorError, setOperatorError] = useState<string | undefined>();

  const create: Create = async (body) => {
    if (isAdmin && !operator) {
      setOperatorError(t('start.operatorRequired'));
      document.getElementById('new-operator')?.focus();
      return { message: t('start.operatorRequired'), items: [] };
    }
    setOperatorError(undefined);
    try {
      const created = await designerApi.create(isAdmin ? { ...body, operator } : body);
      navigate(pathTo(patterns.designer, { id: created.id, v: created.version }));
      return null;
    } catch (error) {
      return describeError(tStaff, error).problem;
    }
  };

  return (
    <section aria-labelledby="new-heading" className="new-questionnaire">
      <h2 id="new-heading">{t('start.heading')}</h2>
      {isAdmin && (
        <SelectField
          id="new-operator"
          label={t('start.operator')}
          hint={t('start.operatorHint')}
          error={operatorError}
          value={operator}
          onChange={(event) => setOperator(event.target.value)}
        >
          <option value="">{t('start.chooseOperator')}</option>
          {operators.map((o) => (
            <option key={o.code} value={o.code}>
              {localised(o.name, language, o.code)} ({o.code})
            </option>
          ))}
        </SelectField>
      )}
      <TemplateCards templates={templates} programmes={programmes} create={create} />
      <StartFromScratch programmes={programmes} create={create} />
      <ImportQuestionnaire create={create} />
    </section>
  );
}

function TemplateCards({
  templates,
  programmes,
  create,
}: {
  templates: Template[];
  programmes: ProgrammeRules[];
  create: Create;
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function use(template: Template) {
    setBusy(template.key);
    setProblem(null);
    const failed = await create({ template: template.key });
    if (failed) {
      setProblem(failed);
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="templates-heading" className="panel">
      <h3 id="templates-heading">{t('start.templates')}</h3>
      <p className="hint">{t('start.templatesHint')}</p>
      <ErrorSummary problem={problem} />
      <ul className="cards template-cards">
        {templates.map((template) => {
          const name = localised(template.name, language, template.key);
          const programme = programmes.find((p) => p.code === template.programme);
          const population = programme?.populations.find((p) => p.code === template.population);
          return (
            <li key={template.key} className="card template-card" data-template={template.key}>
              <h4>{name}</h4>
              <p>{localised(template.description, language)}</p>
              <dl>
                <dt>{t('start.population')}</dt>
                <dd>{localised(population?.name, language, template.population)}</dd>
                <dt>{t('start.languages')}</dt>
                <dd>
                  {template.locales
                    .map((l) =>
                      template.translationStatus[l] === 'draft'
                        ? t('start.languageDraft', { language: languageName(t, l) })
                        : languageName(t, l),
                    )
                    .join(t('listSeparator'))}
                </dd>
              </dl>
              <button
                type="button"
                className="primary"
                disabled={busy !== null}
                aria-busy={busy === template.key || undefined}
                onClick={() => void use(template)}
              >
                {t('start.useTemplate')}
                <span className="visually-hidden"> {t('start.useTemplateName', { name })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
