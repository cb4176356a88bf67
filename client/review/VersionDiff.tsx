// The side-by-side difference between the last approved version and the one under review, or,
// for a first version, its items with their outcome standards.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allElements } from '../../server/domain/definition.ts';
import { localised } from '../i18n/index.ts';
import type { QuestionnaireVersion, VersionStatus } from './api.ts';
import { DiffValue, useFieldLabel, useTypeLabel } from './DiffValue.tsx';
import { diffDefinitions, isEmptyDiff, type FieldChange, type ItemChangeKind } from './diff.ts';
import type { Names } from './names.ts';

type ChangeKind = Exclude<ItemChangeKind, 'unchanged'>;

/** "Added", "Removed" or "Changed" in words (colour only repeats it). */
function ChangeTag({ kind }: { kind: ChangeKind }) {
  const { t } = useTranslation('review');
  return <span className={`change-tag change-${kind}`}>{t(`diff.${kind}`)}</span>;
}

const kindOf = (change: FieldChange): ChangeKind =>
  change.before === undefined ? 'added' : change.after === undefined ? 'removed' : 'changed';

function useVersionLabel() {
  const { t } = useTranslation('review');
  return (version: number, status: VersionStatus) =>
    t('diff.versionStatus', { version, status: t(`statusInline.${status}`) });
}

/** Changes from `previous` (approved) to `current`, as a table SWD reads row by row. */
export function VersionDiff({
  previous,
  current,
  names,
}: {
  previous: QuestionnaireVersion;
  current: QuestionnaireVersion;
  names: Names;
}) {
  const { t } = useTranslation('review');
  const fieldLabel = useFieldLabel(names);
  const versionLabel = useVersionLabel();
  const diff = useMemo(
    () => diffDefinitions(previous.definition, current.definition),
    [previous.definition, current.definition],
  );
  const programme = current.programme;
  const before = versionLabel(previous.version, previous.status);
  const after = versionLabel(current.version, current.status);
  const value = (field: string, v: unknown, other: unknown) => (
    <DiffValue field={field} value={v} other={other} programme={programme} names={names} />
  );
  if (isEmptyDiff(diff))
    return <p>{t('diff.same', { before: previous.version, after: current.version })}</p>;
  const unchanged = diff.items.filter((item) => item.kind === 'unchanged').map((i) => i.name);
  return (
    <>
      <div className="table-scroll">
        <table className="diff-table">
          <caption>
            {t('diff.caption', { before: previous.version, after: current.version })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('diff.item')}</th>
              <th scope="col">{before}</th>
              <th scope="col">{after}</th>
            </tr>
          </thead>
          <tbody>
            {diff.questionnaire.map((change, i) => (
              <tr key={`q${i}`}>
                <th scope="row">
                  {fieldLabel(change, 'questionnaire')} <ChangeTag kind={kindOf(change)} />
                </th>
                <td className="diff-before" lang={change.locale} dir="auto">
                  {value(change.field, change.before, change.after)}
                </td>
                <td className="diff-after" lang={change.locale} dir="auto">
                  {value(change.field, change.after, change.before)}
                </td>
              </tr>
            ))}
            {diff.order && (
              <tr>
                <th scope="row">
                  {t('diff.order')} <ChangeTag kind="changed" />
                </th>
                <td className="diff-before">
                  {value('order', diff.order.before, diff.order.after)}
                </td>
                <td className="diff-after">
                  {value('order', diff.order.after, diff.order.before)}
                </td>
              </tr>
            )}
            {diff.items.map((item) => {
              if (item.kind === 'unchanged') return null;
              const title = item.element.title;
              const fields = (side: 'before' | 'after') =>
                (item.kind === 'added' && side === 'before') ||
                (item.kind === 'removed' && side === 'after') ? (
                  <span className="muted">{t('diff.absent')}</span>
                ) : (
                  <dl className="diff-fields">
                    {item.fields.map((change, i) => (
                      <div key={i}>
                        <dt>{fieldLabel(change, 'item')}</dt>
                        <dd lang={change.locale} dir={change.locale ? 'auto' : undefined}>
                          {value(
                            change.field,
                            change[side],
                            change[side === 'before' ? 'after' : 'before'],
                          )}
                        </dd>
                      </div>
                    ))}
                  </dl>
                );
              return (
                <tr key={`i:${item.name}`} className={`diff-row-${item.kind}`}>
                  <th scope="row">
                    <code>{item.name}</code> <ChangeTag kind={item.kind} />
                    {title && typeof title === 'object' && (
                      <span className="diff-item-title">{localised(title, names.language)}</span>
                    )}
                  </th>
                  <td className="diff-before">{fields('before')}</td>
                  <td className="diff-after">{fields('after')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        {unchanged.length
          ? t('diff.unchanged', { names: unchanged.join(t('listSeparator')) })
          : t('diff.noneUnchanged')}
      </p>
    </>
  );
}

/** A first version's items with their types and outcome standards. */
export function FirstVersionItems({
  current,
  names,
}: {
  current: QuestionnaireVersion;
  names: Names;
}) {
  const { t } = useTranslation('review');
  const typeLabel = useTypeLabel();
  const elements = allElements(current.definition);
  if (!elements.length) return <p>{t('first.noItems')}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('first.caption', { version: current.version })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diff.item')}</th>
            <th scope="col">{t('first.question')}</th>
            <th scope="col">{t('fields.type')}</th>
            <th scope="col">{t('fields.outcomeStandard')}</th>
          </tr>
        </thead>
        <tbody>
          {elements.map(({ path, element }) => (
            <tr key={path}>
              <th scope="row">
                <code>{element.name ?? path}</code>
              </th>
              <td>
                {localised(
                  (element.title ?? element.html) as Record<string, string> | undefined,
                  names.language,
                )}
              </td>
              <td>{typeLabel(element.type)}</td>
              <td>
                {typeof element.outcomeStandard === 'number'
                  ? names.standard(current.programme, element.outcomeStandard)
                  : t('first.notMeasured')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
