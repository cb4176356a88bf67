import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SelectField, type FieldErrors, type FormProblem } from '../app/forms.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { defaultLikertStyle } from '../../server/domain/likert.ts';
import type { ProgrammeRules } from './api.ts';
import type { Create } from './NewQuestionnaire.tsx';

/** A new, empty questionnaire for a programme's population, in Chinese and English. */
export function StartFromScratch({
  programmes,
  create,
}: {
  programmes: ProgrammeRules[];
  create: Create;
}) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const [programmeCode, setProgrammeCode] = useState(programmes[0]?.code ?? '');
  const [population, setPopulation] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const programme = programmes.find((p) => p.code === programmeCode);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!programmeCode || !population) {
      const errors: FieldErrors = {};
      if (!programmeCode) errors['scratch-programme'] = t('start.programmeRequired');
      if (!population) errors['scratch-population'] = t('start.populationRequired');
      setFieldErrors(errors);
      setProblem({
        message: t('start.incomplete'),
        items: Object.entries(errors).map(([path, message]) => ({ path, message })),
      });
      return;
    }
    setFieldErrors({});
    setBusy(true);
    setProblem(null);
    const failed = await create({
      definition: {
        programme: programmeCode,
        population,
        locales: ['zh-HK', 'en'],
        survey: {
          title: { 'zh-HK': '', en: '' },
          // Children answer on faces unless the coordinator says otherwise (SurveySettings).
          ...(defaultLikertStyle(population) === 'faces' ? { likertStyle: 'faces' } : {}),
          pages: [{ name: 'page1', elements: [] }],
        },
      },
    });
    if (failed) {
      setProblem(failed);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="scratch-heading" className="panel">
      <h3 id="scratch-heading">{t('start.scratch')}</h3>
      <p className="hint">{t('start.scratchHint')}</p>
      <ErrorSummary problem={problem} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <SelectField
          id="scratch-programme"
          label={t('start.programme')}
          error={fieldErrors['scratch-programme']}
          value={programmeCode}
          onChange={(event) => {
            setProgrammeCode(event.target.value);
            setPopulation('');
          }}
        >
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {localised(p.name, language, p.code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="scratch-population"
          label={t('start.population')}
          error={fieldErrors['scratch-population']}
          value={population}
          onChange={(event) => setPopulation(event.target.value)}
        >
          <option value="">{t('start.choosePopulation')}</option>
          {(programme?.populations ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {localised(p.name, language, p.code)}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={busy}>
          {t('start.create')}
        </button>
      </form>
    </section>
  );
}
