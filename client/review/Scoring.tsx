// How each outcome standard the version measures is scored: its items and the rule that turns
// one person's answers into "agrees" or not. The rule decides the ratio, so SWD reads it on
// every review, the first one included.
import { useTranslation } from 'react-i18next';
import { allElements } from '../../server/domain/definition.ts';
import type { QuestionnaireVersion } from './api.ts';
import type { Names } from './names.ts';

/** The standards the version measures, in order, each with the names of its items. */
export function measuredStandards(version: QuestionnaireVersion) {
  const standards = new Map<number, string[]>();
  for (const { path, element } of allElements(version.definition)) {
    if (element.type !== 'likert' || typeof element.outcomeStandard !== 'number') continue;
    const items = standards.get(element.outcomeStandard) ?? [];
    items.push(String(element.name ?? path));
    standards.set(element.outcomeStandard, items);
  }
  return [...standards.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, items]) => ({
      number,
      items,
      rule: version.definition.scoring?.[String(number)] ?? null,
    }));
}

/** One row per outcome standard: its items and, in words, when a person counts as agreeing. */
export function ScoringRules({ version, names }: { version: QuestionnaireVersion; names: Names }) {
  const { t } = useTranslation('review');
  const standards = measuredStandards(version);
  return (
    <section aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">{t('scoringRules.heading')}</h2>
      <p>{t('scoringRules.intro')}</p>
      {standards.length === 0 ? (
        <p>{t('scoringRules.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="scoring-table">
            <caption className="visually-hidden">{t('scoringRules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.outcomeStandard')}</th>
                <th scope="col">{t('scoringRules.items')}</th>
                <th scope="col">{t('scoringRules.rule')}</th>
              </tr>
            </thead>
            <tbody>
              {standards.map(({ number, items, rule }) => (
                <tr key={number}>
                  <th scope="row">{names.standard(version.programme, number)}</th>
                  <td>
                    {t('scoringRules.itemCount', { count: items.length })}:{' '}
                    {items.map((name, i) => (
                      <span key={name}>
                        {i > 0 && t('listSeparator')}
                        <code>{name}</code>
                      </span>
                    ))}
                  </td>
                  <td>
                    {items.length === 1 && !rule ? (
                      t('scoringRules.single')
                    ) : rule ? (
                      <>
                        <strong>{t(`scoringRules.name.${rule}`)}</strong>
                        {t('scoringRules.colon')}
                        {t(`scoringRules.explain.${rule}`)}
                      </>
                    ) : (
                      <span className="translation-note">{t('scoringRules.missing')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
