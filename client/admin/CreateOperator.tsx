import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type NewOperator } from '../app/api.ts';
import {
  describeError,
  ErrorSummary,
  isCode,
  TextField,
  type FieldErrors,
  type FormProblem,
  checksFailed,
} from '../app/forms.tsx';
import type { District, Operator, Programme } from '../app/types.ts';
import { unitFieldId, UnitFields, type UnitDraft } from './UnitFields.tsx';

const UNITS_BUTTON = 'new-operator-add-unit';
const UNIT_FIELDS = ['code', 'programme', 'region', 'districts'] as const;
const UNIT_PATH = /^units\.(\d+)\.(\w+)/;

/** Admin: registers an operator with one or more units. */
export function CreateOperator({
  programmes,
  districts,
  onCreated,
}: {
  programmes: Programme[];
  districts: District[];
  onCreated: (operator: Operator) => void;
}) {
  const { t } = useTranslation();
  const nextKey = useRef(1);
  const newUnit = (): UnitDraft => ({
    key: nextKey.current++,
    code: '',
    programme: programmes.length === 1 ? programmes[0]!.code : '',
    region: '',
    districts: [],
  });
  const [code, setCode] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [units, setUnits] = useState<UnitDraft[]>(() => [newUnit()]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const topFields: Record<string, { id: string; label: string }> = {
    code: { id: 'new-operator-code', label: t('operators.code') },
    'name.en': { id: 'new-operator-name-en', label: t('operators.nameEn') },
    'name.zh-HK': { id: 'new-operator-name-zh-HK', label: t('operators.nameZh') },
    units: { id: UNITS_BUTTON, label: t('operators.units') },
  };
  const unitLabels: Record<(typeof UNIT_FIELDS)[number], string> = {
    code: t('units.code'),
    programme: t('units.programme'),
    region: t('units.area'),
    districts: t('units.districts'),
  };
  const fieldId = (path: string) => {
    const match = UNIT_PATH.exec(path);
    const unit = match && units[Number(match[1])];
    if (unit) return unitFieldId(unit.key, match[2]!);
    return topFields[path]?.id ?? path;
  };
  const labelFor = (path: string) => {
    const match = UNIT_PATH.exec(path);
    if (match) {
      const field = unitLabels[match[2] as keyof typeof unitLabels] ?? match[2];
      return t('units.fieldLabel', { number: Number(match[1]) + 1, field });
    }
    return topFields[path]?.label;
  };
  const unitErrors = (index: number): FieldErrors =>
    Object.fromEntries(
      Object.entries(fieldErrors)
        .map(([path, message]) => [UNIT_PATH.exec(path), message] as const)
        .filter(([match]) => match && Number(match[1]) === index)
        .map(([match, message]) => [match![2]!, message]),
    );

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!code.trim()) errors.code = t('form.required');
    else if (!isCode(code.trim())) errors.code = t('form.invalidCode');
    if (!nameEn.trim()) errors['name.en'] = t('form.required');
    if (!nameZh.trim()) errors['name.zh-HK'] = t('form.required');
    if (!units.length) errors.units = t('units.atLeastOne');
    units.forEach((unit, i) => {
      if (!unit.code.trim()) errors[`units.${i}.code`] = t('form.required');
      else if (!isCode(unit.code.trim())) errors[`units.${i}.code`] = t('form.invalidCode');
      if (!unit.programme) errors[`units.${i}.programme`] = t('form.required');
    });
    return errors;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    const failed = checksFailed(t('errors.status.422'), errors, labelFor);
    if (failed) {
      setProblem(failed);
      return;
    }
    setBusy(true);
    setProblem(null);
    const operator: NewOperator = {
      code: code.trim(),
      name: { en: nameEn.trim(), 'zh-HK': nameZh.trim() },
      units: units.map((u) => ({
        code: u.code.trim(),
        programme: u.programme,
        ...(u.region ? { region: u.region } : {}),
        districts: u.districts,
      })),
    };
    try {
      const created = await api.createOperator(operator);
      setCode('');
      setNameEn('');
      setNameZh('');
      setUnits([newUnit()]);
      onCreated(created);
    } catch (error) {
      const described = describeError(t, error, labelFor);
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  function addUnit() {
    const unit = newUnit();
    setUnits([...units, unit]);
    requestAnimationFrame(() => document.getElementById(unitFieldId(unit.key, 'code'))?.focus());
  }

  function removeUnit(key: number) {
    setUnits(units.filter((u) => u.key !== key));
    setFieldErrors({});
    document.getElementById(UNITS_BUTTON)?.focus();
  }

  const topField = (path: string, value: string, set: (value: string) => void) => (
    <TextField
      id={topFields[path]!.id}
      label={topFields[path]!.label}
      value={value}
      autoComplete="off"
      onChange={(event) => set(event.target.value)}
      error={fieldErrors[path]}
      required
    />
  );

  return (
    <section aria-labelledby="create-operator" className="panel">
      <h2 id="create-operator">{t('operators.create')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <ErrorSummary problem={problem} fieldId={fieldId} />
        {topField('code', code, setCode)}
        {topField('name.en', nameEn, setNameEn)}
        {topField('name.zh-HK', nameZh, setNameZh)}
        <h3>{t('operators.units')}</h3>
        {fieldErrors.units && <p className="field-error">{fieldErrors.units}</p>}
        {units.map((unit, index) => (
          <UnitFields
            key={unit.key}
            unit={unit}
            number={index + 1}
            programmes={programmes}
            districts={districts}
            errors={unitErrors(index)}
            onChange={(changed) => setUnits(units.map((u) => (u.key === unit.key ? changed : u)))}
            onRemove={units.length > 1 ? () => removeUnit(unit.key) : null}
          />
        ))}
        <div className="actions">
          <button type="button" id={UNITS_BUTTON} className="secondary" onClick={addUnit}>
            {t('units.add')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('operators.submitting') : t('operators.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
