import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../app/api.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import type { QuestionnaireVersion } from './api.ts';
import { getAt, isMissing } from './definitionEdits.ts';
import { describePath, focusTargetFor, gridCellId, languageName, ruleMessage } from './labels.ts';
import type { RuleCheck } from './useRuleCheck.ts';

const TRANSLATION = /^translations\.([^.]+)\.(.+)$/;

/** What a problem says; the server's English sentence is marked as English. */
function RuleMessage({ detail }: { detail: ErrorDetail }) {
  const { t } = useTranslation('designer');
  const { text, translated } = ruleMessage(t, detail);
  return translated ? <>{text}</> : <span lang="en">{text}</span>;
}

/** A link that moves the focus to the field a problem is about. */
function ProblemLink({ target, children }: { target: string; children: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(target);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus();
  };
  return (
    <a href={`#${target}`} onClick={follow}>
      {children}
    </a>
  );
}

/**
 * What stops the draft from being submitted, next to the form: the rules, checked live while
 * editing, and the stale translations the server found when it was last saved.
 */
export function RulePanel({
  definition,
  check,
  saved,
  dirty,
}: {
  definition: QuestionnaireDefinition;
  check: RuleCheck;
  saved: QuestionnaireVersion;
  dirty: boolean;
}) {
  const { t } = useTranslation('designer');
  const live = check.problems !== null && !check.failed;
  // The live check gives the rules and the translations saving would leave stale, as submit
  // would; without it, what the server found when the draft was last saved.
  const found = live ? check.problems! : saved.problems;
  const rules: ErrorDetail[] = found.filter((p) => !TRANSLATION.test(p.path));
  // Stale translations, one entry per string with the languages it is stale in. A missing
  // translation is left to the rules ("has no text in …"): writing it clears both.
  const stale = new Map<string, string[]>();
  for (const { path } of found) {
    const match = TRANSLATION.exec(path);
    if (!match || isMissing(getAt(definition, match[2]!), match[1]!)) continue;
    stale.set(match[2]!, [...(stale.get(match[2]!) ?? []), match[1]!]);
  }
  const total = rules.length + stale.size;
  const summary =
    total > 0
      ? t('rules.count', { count: total })
      : check.pending
        ? t('rules.checking')
        : dirty
          ? t('rules.clearUnsaved')
          : t('rules.clear');

  return (
    <aside
      className="rule-panel"
      aria-labelledby="rule-check-heading"
      aria-live="polite"
      data-state={total > 0 ? 'problems' : check.pending || dirty ? 'pending' : 'clear'}
    >
      <h2 id="rule-check-heading">{t('rules.heading')}</h2>
      <p className={total > 0 ? 'rule-summary has-problems' : 'rule-summary'}>{summary}</p>
      {check.pending && total > 0 && <p className="muted">{t('rules.checking')}</p>}
      {check.failed && <p className="muted">{t('rules.checkFailed')}</p>}
      {rules.length > 0 && (
        <>
          <h3>{t('rules.rulesHeading')}</h3>
          <ul className="problems">
            {rules.map((problem, i) => (
              <li key={`${problem.path}-${i}`}>
                <ProblemLink target={focusTargetFor(problem.path)}>
                  {describePath(t, definition, problem.path)}
                </ProblemLink>
                {t('rules.separator')}
                <RuleMessage detail={problem} />
              </li>
            ))}
          </ul>
        </>
      )}
      {stale.size > 0 && (
        <>
          <h3>{t('rules.staleHeading')}</h3>
          <ul className="problems">
            {[...stale].map(([path, locales]) => (
              <li key={path}>
                <ProblemLink target={gridCellId(path, locales[0]!)}>
                  {describePath(t, definition, path)}
                </ProblemLink>
                {t('rules.separator')}
                {t('rules.staleIn', {
                  languages: locales.map((l) => languageName(t, l)).join(t('listSeparator')),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {!live && dirty && stale.size > 0 && <p className="hint">{t('rules.saveToRecheck')}</p>}
    </aside>
  );
}
