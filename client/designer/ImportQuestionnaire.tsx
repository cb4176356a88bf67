import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FormProblem } from '../app/forms.tsx';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import type { LocaleStatus, NewQuestionnaire } from './api.ts';
import type { Create } from './NewQuestionnaire.tsx';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What to create from a file: our export (`{format, definition, translations}`) or a bare
 * definition; null for anything else (plain SurveyJS JSON names no programme or population).
 */
export function importBody(file: unknown): NewQuestionnaire | null {
  if (isObject(file) && isObject(file.definition)) {
    const locales = isObject(file.translations) ? file.translations.locales : undefined;
    const definition = file.definition as unknown as QuestionnaireDefinition;
    return isObject(locales)
      ? { definition, translations: { locales: locales as Record<string, LocaleStatus> } }
      : { definition };
  }
  if (isObject(file) && typeof file.programme === 'string' && isObject(file.survey))
    return { definition: file as unknown as QuestionnaireDefinition };
  return null;
}

/** Creates a questionnaire from a file exported by this product (its JSON). */
export function ImportQuestionnaire({ create }: { create: Create }) {
  const { t } = useTranslation('designer');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!file) {
      setProblem({ message: t('import.noFile'), items: [] });
      document.getElementById('import-file')?.focus();
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setProblem({ message: t('import.notJson'), items: [] });
      return;
    }
    const body = importBody(parsed);
    if (!body) {
      setProblem({ message: t('import.notOurs'), items: [] });
      return;
    }
    setBusy(true);
    const failed = await create(body);
    if (failed) {
      setProblem({ ...failed, message: t('import.failed', { reason: failed.message }) });
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="import-heading" className="panel">
      <h3 id="import-heading">{t('import.heading')}</h3>
      <p className="hint">{t('import.hint')}</p>
      <ErrorSummary problem={problem} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('import.submit')}
        </button>
      </form>
    </section>
  );
}
