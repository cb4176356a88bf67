import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { StatusMessage } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import type { District, Operator, Programme } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { CreateOperator } from './CreateOperator.tsx';
import { AddUnit, EditUnitArea, RenameOperator } from './OperatorEdits.tsx';

/** The one change open on the page, and the button that opened it (focused again after). */
type Editing =
  | { kind: 'rename' | 'addUnit'; operator: string }
  | { kind: 'unit'; operator: string; unit: string };

const buttonId = (editing: Editing) =>
  editing.kind === 'unit'
    ? `edit-unit-${editing.unit}`
    : `${editing.kind === 'rename' ? 'rename' : 'add-unit'}-button-${editing.operator}`;

/** Admin: the operators with their units, changes to them, and a form to register another. */
export function Operators() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [status, setStatus] = useState<string | null>(null);
  const resource = useResource(() =>
    Promise.all([api.operators(), api.programmes(), api.districts()]).then(
      ([operators, programmes, districts]) => ({
        operators: operators.items,
        programmes: programmes.items,
        districts: districts.items,
      }),
    ),
  );
  return (
    <>
      <PageHeading>{t('operators.title')}</PageHeading>
      <StatusMessage>{status}</StatusMessage>
      <Loaded resource={resource}>
        {({ operators, programmes, districts }) => (
          <>
            <OperatorList
              operators={operators}
              programmes={programmes}
              districts={districts}
              onChanged={(message) => {
                setStatus(message);
                resource.reload();
              }}
            />
            <CreateOperator
              programmes={programmes}
              districts={districts}
              onCreated={(operator) => {
                setStatus(
                  t('operators.created', {
                    name: localised(operator.name, language, operator.code),
                  }),
                );
                resource.reload();
              }}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function OperatorList({
  operators,
  programmes,
  districts,
  onChanged,
}: {
  operators: Operator[];
  programmes: Programme[];
  districts: District[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { t: tAdmin } = useTranslation('admin');
  const language = useLanguage();
  const [editing, setEditing] = useState<Editing | null>(null);
  if (!operators.length) return <p>{t('operators.none')}</p>;
  const dcNames = new Map(
    districts
      .flatMap((d) => d.dcDistricts)
      .map((dc) => [dc.code, localised(dc.name, language, dc.code)]),
  );
  const close = () => {
    const opener = editing && buttonId(editing);
    setEditing(null);
    if (opener) requestAnimationFrame(() => document.getElementById(opener)?.focus());
  };
  const saved = (message: string) => {
    close();
    onChanged(message);
  };
  const isEditing = (operator: string, kind: Editing['kind'], unit?: string) =>
    editing?.operator === operator &&
    editing.kind === kind &&
    (editing.kind !== 'unit' || editing.unit === unit);
  return (
    <ul className="operator-list">
      {operators.map((operator) => {
        const name = localised(operator.name, language, operator.code);
        return (
          <li key={operator.code} className="panel">
            <h2 id={`operator-${operator.code}`}>
              {name} <span className="muted">({operator.code})</span>{' '}
              {operator.demo && <span className="badge">{t('operators.demo')}</span>}
            </h2>
            {operator.units.length === 0 ? (
              <p>{t('operators.noUnits')}</p>
            ) : (
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">
                    {t('operators.unitsCaption', { name })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('units.code')}</th>
                      <th scope="col">{t('units.programme')}</th>
                      <th scope="col">{t('units.area')}</th>
                      <th scope="col">{t('units.districts')}</th>
                      <th scope="col">{tAdmin('operatorEdit.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {operator.units.map((unit) => {
                      const programme = programmes.find((p) => p.code === unit.programme);
                      const area = programme?.areas.find((a) => a.code === unit.region);
                      const open = isEditing(operator.code, 'unit', unit.code);
                      return (
                        <Fragment key={unit.code}>
                          <tr>
                            <th scope="row">{unit.code}</th>
                            <td>{localised(programme?.name, language, unit.programme)}</td>
                            <td>
                              {unit.region
                                ? localised(area?.name, language, unit.region)
                                : t('units.empty')}
                            </td>
                            <td>
                              {unit.districts.length
                                ? unit.districts
                                    .map((d) => dcNames.get(d) ?? d)
                                    .join(t('app.listSeparator'))
                                : t('units.empty')}
                            </td>
                            <td>
                              <button
                                type="button"
                                id={`edit-unit-${unit.code}`}
                                className="secondary"
                                aria-expanded={open}
                                aria-label={tAdmin('operatorEdit.editUnitLabel', {
                                  unit: unit.code,
                                })}
                                onClick={() =>
                                  open
                                    ? close()
                                    : setEditing({
                                        kind: 'unit',
                                        operator: operator.code,
                                        unit: unit.code,
                                      })
                                }
                              >
                                {tAdmin('operatorEdit.editUnit')}
                              </button>
                            </td>
                          </tr>
                          {open && (
                            <tr>
                              <td colSpan={5}>
                                <EditUnitArea
                                  operator={operator}
                                  unit={unit}
                                  programmes={programmes}
                                  districts={districts}
                                  onCancel={close}
                                  onSaved={() =>
                                    saved(tAdmin('operatorEdit.unitSaved', { unit: unit.code }))
                                  }
                                />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <div className="actions">
              <button
                type="button"
                id={`rename-button-${operator.code}`}
                className="secondary"
                aria-expanded={isEditing(operator.code, 'rename')}
                aria-label={tAdmin('operatorEdit.renameLabel', { name })}
                onClick={() => setEditing({ kind: 'rename', operator: operator.code })}
              >
                {tAdmin('operatorEdit.rename')}
              </button>
              <button
                type="button"
                id={`add-unit-button-${operator.code}`}
                className="secondary"
                aria-expanded={isEditing(operator.code, 'addUnit')}
                aria-label={tAdmin('operatorEdit.addUnitLabel', { name })}
                onClick={() => setEditing({ kind: 'addUnit', operator: operator.code })}
              >
                {tAdmin('operatorEdit.addUnit')}
              </button>
            </div>
            {isEditing(operator.code, 'rename') && (
              <RenameOperator
                operator={operator}
                onCancel={close}
                onSaved={(renamed) =>
                  saved(
                    tAdmin('operatorEdit.renamed', {
                      code: renamed.code,
                      name: localised(renamed.name, language, renamed.code),
                    }),
                  )
                }
              />
            )}
            {isEditing(operator.code, 'addUnit') && (
              <AddUnit
                operator={operator}
                programmes={programmes}
                districts={districts}
                onCancel={close}
                onSaved={(changed, unit) =>
                  saved(
                    tAdmin('operatorEdit.unitAdded', {
                      unit,
                      name: localised(changed.name, language, changed.code),
                    }),
                  )
                }
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
