import { useEffect, useState } from 'react';
import type { ErrorDetail } from '../app/api.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import { designerApi } from './api.ts';

/** The value, once it has stopped changing for `delay` milliseconds. */
export function useDebounced<T>(value: T, delay = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export interface RuleCheck {
  /** The rules the last checked definition breaks; null until the first answer. */
  problems: ErrorDetail[] | null;
  /** True while the definition on screen has not been checked yet. */
  pending: boolean;
  /** True when the server could not be asked (the saved problems are shown instead). */
  failed: boolean;
}

/**
 * Checks the definition against the programme's rules (POST /questionnaires/check) after each
 * pause in editing; nothing is saved. Given the draft it edits, the server also says which
 * translations saving would leave stale: exactly what submitting would refuse.
 */
export function useRuleCheck(
  definition: QuestionnaireDefinition,
  draft?: { id: string; version: number },
  /** Changes when the draft's saved translations change (a save, a confirmation): checked again. */
  savedAt?: unknown,
): RuleCheck {
  const settled = useDebounced(definition);
  const [result, setResult] = useState<{
    checked: QuestionnaireDefinition;
    problems: ErrorDetail[] | null;
    failed: boolean;
  }>({ checked: definition, problems: null, failed: false });

  useEffect(() => {
    const controller = new AbortController();
    designerApi.check(settled, draft, controller.signal).then(
      ({ problems }) => setResult({ checked: settled, problems, failed: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        void error;
        setResult((previous) => ({ ...previous, checked: settled, failed: true }));
      },
    );
    return () => controller.abort();
  }, [settled, draft?.id, draft?.version, savedAt]);

  return {
    problems: result.problems,
    pending: result.checked !== definition || (result.problems === null && !result.failed),
    failed: result.failed,
  };
}
