// How one compared property is named and shown in the difference table.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ELEMENT_TYPES, SCORING_RULES } from '../../server/domain/definition.ts';
import { canonicalJson, changedEntries, type FieldChange } from './diff.ts';
import type { Names } from './names.ts';

const LABELLED_FIELDS = [
  'type',
  'outcomeStandard',
  'title',
  'description',
  'html',
  'placeholder',
  'choices',
  'choiceValues',
  'isRequired',
  'programme',
  'population',
  'locales',
  'scoring',
  'likertStyle',
] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];
const isLabelled = (field: string): field is LabelledField =>
  (LABELLED_FIELDS as readonly string[]).includes(field);

/** A question type's name, e.g. "Agreement (five-point scale)". */
export function useTypeLabel() {
  const { t } = useTranslation('review');
  return (type: unknown) =>
    typeof type === 'string' && (ELEMENT_TYPES as readonly string[]).includes(type)
      ? t(`types.${type as (typeof ELEMENT_TYPES)[number]}`)
      : String(type);
}

/** The name of a property: "Title (English)", "Survey title (Urdu)", "Page page1: Title". */
export function useFieldLabel(names: Names) {
  const { t } = useTranslation('review');
  return (change: FieldChange, level: 'questionnaire' | 'item'): string => {
    const { field, locale, page } = change;
    let label: string = isLabelled(field) ? t(`fields.${field}`) : field;
    if (level === 'questionnaire' && !page && (field === 'title' || field === 'description'))
      label = t(field === 'title' ? 'fields.surveyTitle' : 'fields.surveyDescription');
    if (page) label = t('diff.pageField', { page, field: label });
    return locale ? t('diff.inLocale', { field: label, locale: names.localeOnly(locale) }) : label;
  };
}

/**
 * One side of a property: its value in words, or "None" when that version lacks it. When both
 * versions have a list (choices, languages, scoring), the entries that differ from the other's at
 * the same place are marked, so that one changed choice stands out of the whole list.
 */
export function DiffValue({
  field,
  value,
  other,
  programme,
  names,
}: {
  field: string;
  value: unknown;
  other?: unknown;
  programme: string;
  names: Names;
}): ReactNode {
  const { t } = useTranslation('review');
  const typeLabel = useTypeLabel();
  const none = <span className="muted">{t('diff.none')}</span>;
  // A definition without the setting shows the scale in words.
  if (field === 'likertStyle')
    return t(value === 'faces' ? 'likertStyle.faces' : 'likertStyle.words');
  if (value === undefined || value === null || value === '') return none;
  const changed = changedEntries(value, other);
  const list = (items: ReactNode[]) => (
    <ol className="diff-list">
      {items.map((item, i) => (
        <li key={i} className={changed[i] ? 'diff-entry-changed' : undefined}>
          {item === '' ? none : item}
          {changed[i] && <span className="visually-hidden"> {t('diff.entryChanged')}</span>}
        </li>
      ))}
    </ol>
  );
  if (field === 'type') return typeLabel(value);
  if (field === 'outcomeStandard' && typeof value === 'number')
    return names.standard(programme, value);
  if (field === 'programme' && typeof value === 'string') return names.programme(value);
  if (field === 'population' && typeof value === 'string')
    return names.population(programme, value);
  if (field === 'locales' && Array.isArray(value))
    return list(value.map((code) => names.locale(String(code))));
  if (field === 'scoring' && typeof value === 'object' && !Array.isArray(value))
    return list(
      Object.entries(value as Record<string, unknown>).map(([standard, rule]) =>
        t('scoring.rule', {
          standard: names.standard(programme, Number(standard)),
          rule: (SCORING_RULES as readonly unknown[]).includes(rule)
            ? t(`scoring.${rule as 'all' | 'majority' | 'mean'}`)
            : String(rule),
        }),
      ),
    );
  if (Array.isArray(value))
    return list(value.map((v) => (typeof v === 'string' ? v : canonicalJson(v))));
  if (typeof value === 'boolean') return value ? t('values.yes') : t('values.no');
  if (typeof value === 'string') return <span className="diff-text">{value}</span>;
  if (typeof value === 'number') return String(value);
  return <code className="diff-json">{canonicalJson(value)}</code>;
}
