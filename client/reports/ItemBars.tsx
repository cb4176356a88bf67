import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { localised, useLanguage } from '../i18n/index.ts';
import { likertLabels } from '../../server/domain/likert.ts';
import type { BreakdownCut, ItemBreakdown } from './api.ts';
import { SEGMENTS, segmentsOf, type Segment } from './format.ts';
import './charts.css';

/** The name of each bar segment in the staff app's language: the five answers and "no answer". */
function useSegmentLabels(): Record<Segment, string> {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  return { ...likertLabels(language), blank: t('items.blank') };
}

/**
 * One stacked horizontal bar per item: how many gave each of the five answers and how many left
 * it blank. Each segment prints its count; a legend names them; screen readers get the counts
 * as text (the bar itself is hidden from them). Where SWD's counts are cut (`cut`), a note says
 * which period is counted, and a suppressed item says why instead of showing a bar.
 */
export function ItemBars({ items, cut }: { items: ItemBreakdown[]; cut: BreakdownCut | null }) {
  const { t } = useTranslation('reports');
  const language = useLanguage();
  const labels = useSegmentLabels();
  const headingId = useId();
  return (
    <div className="item-bars">
      <h3 id={headingId}>{t('items.heading')}</h3>
      {items.length === 0 ? (
        <p>{t('items.none')}</p>
      ) : (
        <>
          <p className="hint">{t('items.hint')}</p>
          {cut && (
            <p className="hint">
              {cut.through
                ? t('items.cut', {
                    from: cut.from,
                    through: cut.through,
                    count: cut.minRespondents,
                  })
                : t('items.cutNoneEnded')}
            </p>
          )}
          <ul className="bar-legend" aria-label={t('items.legend')}>
            {SEGMENTS.map((segment) => (
              <li key={segment}>
                <span className={`swatch segment-${segment}`} aria-hidden="true" />
                {labels[segment]}
              </li>
            ))}
          </ul>
          <ul className="item-bar-list" aria-labelledby={headingId}>
            {items.map((item) => {
              const title = localised(item.title, language, item.name);
              const key = `${item.questionnaire.id}-${item.questionnaire.version}-${item.name}`;
              const heading = (
                <p className="item-title">
                  {title}{' '}
                  <span className="muted">
                    {t('items.source', {
                      name: item.name,
                      version: item.questionnaire.version,
                    })}
                  </span>
                </p>
              );
              if (item.suppressed)
                return (
                  <li key={key} className="item-suppressed">
                    {heading}
                    <p className="muted">
                      {t('items.suppressed', { count: cut?.minRespondents ?? 0 })}
                    </p>
                  </li>
                );
              const { total, segments } = segmentsOf(item);
              return (
                <li key={key}>
                  {heading}
                  <div className="item-bar" aria-hidden="true">
                    {segments
                      .filter((s) => s.count > 0)
                      .map((s) => (
                        <span
                          key={s.segment}
                          className={`segment segment-${s.segment}`}
                          style={{ flexGrow: s.count }}
                          title={`${labels[s.segment]}: ${s.count}`}
                        >
                          {s.count}
                        </span>
                      ))}
                  </div>
                  <p className="visually-hidden">
                    {t('items.spoken', {
                      total,
                      counts: segments
                        .map((s) => t('items.count', { label: labels[s.segment], count: s.count }))
                        .join(t('items.separator')),
                    })}
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
