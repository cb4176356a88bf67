import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import type { Population, ProgrammeRules } from './api.ts';
import {
  addItem,
  EDITABLE_TYPES,
  elementPath,
  moveItem,
  pagesOf,
  removeItem,
} from './definitionEdits.ts';
import { ItemFields } from './ItemFields.tsx';
import { fieldIdFor, questionName, typeName } from './labels.ts';
import { ScoringFields } from './ScoringFields.tsx';

type Edit = (change: (definition: QuestionnaireDefinition) => QuestionnaireDefinition) => void;

/** The questions: each with its fields, moved, removed and added; then how outcomes score. */
export function ItemsEditor({
  definition,
  programme,
  population,
  edit,
}: {
  definition: QuestionnaireDefinition;
  programme: ProgrammeRules | undefined;
  population: Population | undefined;
  edit: Edit;
}) {
  const { t } = useTranslation('designer');
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const pages = pagesOf(definition);
  const count = pages.reduce((n, p) => n + (Array.isArray(p.elements) ? p.elements.length : 0), 0);

  // After adding, moving or removing, the focus follows the question (or goes to the heading).
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, definition]);

  function move(page: number, index: number, delta: -1 | 1, name: string) {
    const moved = moveItem(definition, page, index, delta);
    if (!moved) return;
    edit(() => moved.definition);
    const last = pagesOf(moved.definition)[moved.page]?.elements?.length ?? 0;
    const atEdge =
      delta < 0
        ? moved.page === 0 && moved.index === 0
        : moved.page === pages.length - 1 && moved.index === last - 1;
    const button = delta < 0 ? (atEdge ? 'down' : 'up') : atEdge ? 'up' : 'down';
    setFocusId(fieldIdFor(`${elementPath(moved.page, moved.index)}.move-${button}`));
    setAnnouncement(
      t(delta < 0 ? 'items.movedUp' : 'items.movedDown', { name, position: moved.index + 1 }),
    );
  }

  let number = 0;
  return (
    <section aria-labelledby="designer-items-heading" className="designer-section">
      <h2 id="designer-items-heading" tabIndex={-1}>
        {t('items.heading')}
      </h2>
      <p className="hint">{t('items.hint')}</p>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {count === 0 && <p>{t('items.none')}</p>}
      {pages.map((page, p) => (
        <div key={p} className="items-page">
          {pages.length > 1 && <h3>{t('items.page', { number: p + 1 })}</h3>}
          <ol className="items" start={number + 1}>
            {(Array.isArray(page.elements) ? page.elements : []).map((element, i) => {
              number += 1;
              const path = elementPath(p, i);
              const name = questionName(t, element.name, number);
              return (
                <li key={`${p}.${i}`}>
                  <ItemFields
                    element={element}
                    path={path}
                    number={number}
                    definition={definition}
                    programme={programme}
                    population={population}
                    first={p === 0 && i === 0}
                    last={p === pages.length - 1 && i === (page.elements?.length ?? 0) - 1}
                    edit={edit}
                    onMove={(delta) => move(p, i, delta, name)}
                    onRemove={() => {
                      edit((d) => removeItem(d, p, i));
                      setFocusId('designer-items-heading');
                      setAnnouncement(t('items.removed', { name }));
                    }}
                  />
                </li>
              );
            })}
          </ol>
        </div>
      ))}
      <fieldset className="add-question">
        <legend>{t('items.add')}</legend>
        <div className="actions">
          {EDITABLE_TYPES.map((type, i) => (
            <button
              key={type}
              type="button"
              id={i === 0 ? fieldIdFor('survey') : undefined}
              onClick={() => {
                const added = addItem(definition, type);
                edit(() => added.definition);
                setFocusId(fieldIdFor(`${added.path}.name`));
                setAnnouncement(t('items.added', { type: typeName(t, type) }));
              }}
            >
              {t('items.addType', { type: typeName(t, type) })}
            </button>
          ))}
        </div>
      </fieldset>
      <ScoringFields definition={definition} programme={programme} edit={edit} />
    </section>
  );
}
