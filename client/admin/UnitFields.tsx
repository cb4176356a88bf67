import { useTranslation } from 'react-i18next';
import { SelectField, TextField, type FieldErrors } from '../app/forms.tsx';
import type { District, Programme } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';

/** A unit being entered; `key` tells units apart while some are added and removed. */
export interface UnitDraft {
  key: number;
  code: string;
  programme: string;
  region: string;
  districts: string[];
}

/** The element id of a unit's field (the target of an error summary's link). */
export const unitFieldId = (key: number, field: string) => `unit-${key}-${field}`;

/** One unit's fields: code, programme, region or team, and District Council districts. */
export function UnitFields({
  unit,
  number,
  programmes,
  districts,
  errors,
  onChange,
  onRemove,
}: {
  unit: UnitDraft;
  number: number;
  programmes: Programme[];
  districts: District[];
  errors: FieldErrors;
  onChange: (unit: UnitDraft) => void;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = (field: string) => unitFieldId(unit.key, field);
  const programme = programmes.find((p) => p.code === unit.programme);

  function chooseArea(region: string) {
    // A new unit usually serves its whole area: start from the area's districts.
    const area = programme?.areas.find((a) => a.code === region);
    const districts = unit.districts.length ? unit.districts : (area?.districts ?? []);
    onChange({ ...unit, region, districts });
  }

  return (
    <fieldset className="unit">
      <legend>{t('units.legend', { number })}</legend>
      <TextField
        id={id('code')}
        label={t('units.code')}
        value={unit.code}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange({ ...unit, code: event.target.value })}
        error={errors.code}
        required
      />
      <SelectField
        id={id('programme')}
        label={t('units.programme')}
        value={unit.programme}
        onChange={(event) => onChange({ ...unit, programme: event.target.value, region: '' })}
        error={errors.programme}
        required
      >
        <option value="">{t('form.choose')}</option>
        {programmes.map((p) => (
          <option key={p.code} value={p.code}>
            {localised(p.name, language, p.code)}
          </option>
        ))}
      </SelectField>
      {programme && (
        <SelectField
          id={id('region')}
          label={t(programme.areaKind === 'team' ? 'units.team' : 'units.region')}
          hint={t('form.optional')}
          value={unit.region}
          onChange={(event) => chooseArea(event.target.value)}
          error={errors.region}
        >
          <option value="">{t('units.noArea')}</option>
          {programme.areas.map((a) => (
            <option key={a.code} value={a.code}>
              {localised(a.name, language, a.code)}
            </option>
          ))}
        </SelectField>
      )}
      <DistrictChoices
        id={id('districts')}
        districts={districts}
        selected={unit.districts}
        error={errors.districts}
        onChange={(chosen) => onChange({ ...unit, districts: chosen })}
      />
      {onRemove && (
        <button type="button" className="secondary" onClick={onRemove}>
          {t('units.remove', { number })}
        </button>
      )}
    </fieldset>
  );
}

/** The District Council districts a unit serves, as checkboxes grouped by SWD district. */
export function DistrictChoices({
  id,
  districts,
  selected,
  error,
  onChange,
}: {
  id: string;
  districts: District[];
  selected: string[];
  error: string | undefined;
  onChange: (districts: string[]) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const toggle = (code: string, checked: boolean) =>
    onChange(checked ? [...selected, code] : selected.filter((d) => d !== code));
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className="districts"
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{t('units.districts')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('units.districtsHint')}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="district-groups">
        {districts.map((swd) => (
          <fieldset key={swd.code} className="district-group">
            <legend>{localised(swd.name, language, swd.code)}</legend>
            {swd.dcDistricts.map((dc) => (
              <div key={dc.code} className="checkbox">
                <input
                  type="checkbox"
                  id={`${id}-${dc.code}`}
                  checked={selected.includes(dc.code)}
                  onChange={(event) => toggle(dc.code, event.target.checked)}
                />
                <label htmlFor={`${id}-${dc.code}`}>{localised(dc.name, language, dc.code)}</label>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
