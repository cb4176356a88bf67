import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import { LeaveGuard } from '../app/LeaveDialog.tsx';
import { ApiError, type ErrorDetail } from '../app/api.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import {
  designerApi,
  type LocaleStatus,
  type ProgrammeRules,
  type QuestionnaireVersion,
} from './api.ts';
import { orderedLocales } from './definitionEdits.ts';
import { ItemsEditor } from './ItemsEditor.tsx';
import { describePath, focusTargetFor, ruleMessage } from './labels.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { RulePanel } from './RulePanel.tsx';
import { SurveySettings } from './SurveySettings.tsx';
import { TranslationGrid } from './TranslationGrid.tsx';
import { useDebounced, useRuleCheck } from './useRuleCheck.ts';

type Busy = 'saving' | 'submitting' | 'translations' | null;

/**
 * A draft being edited: the form, the live rule check and preview, and the translation grid.
 * Edits stay in the browser until saved; Save (and Submit) send them, and the server's answer
 * (stale translations, problems) replaces what was saved before.
 */
export function DraftEditor({
  saved,
  programmes,
  onSaved,
  onSubmitted,
}: {
  saved: QuestionnaireVersion;
  programmes: ProgrammeRules[];
  onSaved: (version: QuestionnaireVersion) => void;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation('designer');
  const { t: tStaff } = useTranslation();
  const id = saved.questionnaire;
  const number = saved.version;
  const [definition, setDefinition] = useState<QuestionnaireDefinition>(saved.definition);
  const [revision, setRevision] = useState(0);
  const [savedRevision, setSavedRevision] = useState(0);
  const [savedOnce, setSavedOnce] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const latest = useRef({ definition, revision });
  latest.current = { definition, revision };
  const dirty = revision !== savedRevision;
  const problemBox = useRef<HTMLDivElement>(null);

  // A failure is announced (role=alert) and brought into view.
  useEffect(() => {
    if (problem) problemBox.current?.scrollIntoView({ block: 'nearest' });
  }, [problem]);
  const check = useRuleCheck(definition, { id, version: number }, saved);
  const previewed = useDebounced(definition);

  const edit = useCallback(
    (change: (current: QuestionnaireDefinition) => QuestionnaireDefinition) => {
      setDefinition((current) => change(current));
      setRevision((n) => n + 1);
    },
    [],
  );

  // Leaving the page with unsaved edits asks first: closing the tab here, in-app links by LeaveGuard.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const labelFor = (path: string) => describePath(t, latest.current.definition, path);
  const failed = (error: unknown, headline?: string) => {
    const said = (detail: ErrorDetail) => ruleMessage(t, detail).text;
    let described = describeError(tStaff, error, labelFor, said).problem;
    // Someone else moved the version on (submitted it, say): said here rather than in English.
    if (error instanceof ApiError && ['wrong_status', 'not_a_draft'].includes(error.code))
      described = { ...described, items: [{ message: t('submit.notADraft') }] };
    setProblem(headline ? { ...described, message: headline } : described);
  };

  /** Saves the edits (if any); the saved version, or null when saving failed. */
  async function save(): Promise<QuestionnaireVersion | null> {
    const { definition: sent, revision: at } = latest.current;
    setBusy('saving');
    setProblem(null);
    try {
      // A language added here starts as a draft (the server would take it as reviewed).
      const locales = Object.fromEntries(
        orderedLocales(sent).map((l) => [l, saved.translations.locales[l] ?? 'draft'] as const),
      );
      const version = await designerApi.save(id, number, sent, locales);
      onSaved(version);
      setSavedRevision(at);
      setSavedOnce(true);
      return version;
    } catch (error) {
      failed(error, t('save.failed'));
      return null;
    } finally {
      setBusy(null);
    }
  }

  const ensureSaved = async () => (dirty ? (await save()) !== null : true);

  /** Confirms stale translations (per language, all or the given strings), or sets a status. */
  async function translations(
    changes: { locale: string; status?: LocaleStatus; confirm?: true; paths?: string[] }[],
  ) {
    if (!(await ensureSaved())) return;
    setBusy('translations');
    setProblem(null);
    try {
      for (const change of changes) onSaved(await designerApi.translations(id, number, change));
    } catch (error) {
      failed(error, t('grid.failed'));
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    setProblem(null);
    if (!(await ensureSaved())) return;
    setBusy('submitting');
    try {
      await designerApi.submit(id, number);
      onSubmitted();
    } catch (error) {
      failed(error, t('submit.failed'));
      designerApi.version(id, number).then(onSaved, () => undefined);
    } finally {
      setBusy(null);
    }
  }

  const programme = programmes.find((p) => p.code === saved.programme);
  const population = programme?.populations.find((p) => p.code === saved.population);
  const saveState = busy === 'saving' ? 'saving' : dirty ? 'unsaved' : savedOnce ? 'saved' : null;

  return (
    <>
      <LeaveGuard dirty={dirty} save={async () => (await save()) !== null} />
      <div className="draft-toolbar">
        <button type="button" disabled={busy !== null} onClick={() => void save()}>
          {t('save.button')}
        </button>
        <p role="status" className={`save-state ${saveState ?? ''}`}>
          {saveState ? t(`save.${saveState}`) : ''}
        </p>
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => void submit()}
        >
          {busy === 'submitting' ? t('submit.submitting') : t('submit.button')}
        </button>
      </div>
      <div ref={problemBox}>
        <ErrorSummary problem={problem} fieldId={focusTargetFor} />
      </div>
      <div className="designer-columns">
        <div className="designer-form">
          <SurveySettings
            definition={definition}
            statuses={saved.translations.locales}
            edit={edit}
          />
          <ItemsEditor
            definition={definition}
            programme={programme}
            population={population}
            edit={edit}
          />
        </div>
        <div className="designer-side">
          <RulePanel definition={definition} check={check} saved={saved} dirty={dirty} />
          <PreviewPanel definition={previewed} />
        </div>
      </div>
      <TranslationGrid
        definition={definition}
        saved={saved}
        dirty={dirty}
        busy={busy !== null}
        edit={edit}
        onTranslations={(changes) => void translations(changes)}
      />
    </>
  );
}
