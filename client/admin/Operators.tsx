import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { StatusMessage } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import type { District, Operator, Programme } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { CreateOperator } from './CreateOperator.tsx';

/** Admin: the operators with their units, and a form to register another. */
export function Operators() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [created, setCreated] = useState<Operator | null>(null);
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
      <StatusMessage>
        {created
          ? t('operators.created', { name: localised(created.name, language, created.code) })
          : null}
      </StatusMessage>
      <Loaded resource={resource}>
        {({ operators, programmes, districts }) => (
          <>
            <OperatorList operators={operators} programmes={programmes} districts={districts} />
            <CreateOperator
              programmes={programmes}
              districts={districts}
              onCreated={(operator) => {
                setCreated(operator);
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
}: {
  operators: Operator[];
  programmes: Programme[];
  districts: District[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!operators.length) return <p>{t('operators.none')}</p>;
  const dcNames = new Map(
    districts
      .flatMap((d) => d.dcDistricts)
      .map((dc) => [dc.code, localised(dc.name, language, dc.code)]),
  );
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
                    </tr>
                  </thead>
                  <tbody>
                    {operator.units.map((unit) => {
                      const programme = programmes.find((p) => p.code === unit.programme);
                      const area = programme?.areas.find((a) => a.code === unit.region);
                      return (
                        <tr key={unit.code}>
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
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
