// The admin's changes to an operator already registered: its name, new units, a unit's area.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import {
  checksFailed,
  describeError,
  ErrorSummary,
  isCode,
  SelectField,
  TextField,
  type FieldErrors,
  type FormProblem,
} from '../app/forms.tsx';
import type { District, Operator, Programme, Unit } from '../app/types.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import { unitApi } from './units-api.ts';
import { DistrictChoices, unitFieldId, UnitFields, type UnitDraft } from './UnitFields.tsx';

/** Sends a change; the summary of what went wrong, or null once it is saved. */
function useSubmit() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  async function run(
    checks: FieldErrors,
    labelFor: (path: string) => string | undefined,
    send: () => Promise<void>,
  ) {
    setFieldErrors(checks);
    const failed = checksFailed(t('errors.status.422'), checks, labelFor);
    setProblem(failed);
    if (failed) return;
    setBusy(true);
    try {
      await send();
    } catch (error) {
      const described = describeError(t, error, labelFor);
      setProblem(described.problem);
      setFieldErrors(described.fieldErrors);
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, fieldErrors, run };
}

/** A form in a panel of its own, with Save and Cancel. */
function EditForm({
  id,
  heading,
  busy,
  problem,
  fieldId,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  id: string;
  heading: string;
  busy: boolean;
  problem: FormProblem | null;
  fieldId?: (path: string) => string;
  submitLabel?: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section aria-labelledby={id} className="edit-form">
      <h3 id={id} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <form
        noValidate
        aria-busy={busy}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <ErrorSummary problem={problem} {...(fieldId ? { fieldId } : {})} />
        {children}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('operatorEdit.saving') : (submitLabel ?? t('operatorEdit.save'))}
          </button>
          <button type="button" disabled={busy} onClick={onCancel}>
            {t('operatorEdit.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Renames an operator in both staff languages. */
export function RenameOperator({
  operator,
  onSaved,
  onCancel,
}: {
  operator: Operator;
  onSaved: (operator: Operator) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const [en, setEn] = useState(operator.name.en ?? '');
  const [zh, setZh] = useState(operator.name['zh-HK'] ?? '');
  const { busy, problem, fieldErrors, run } = useSubmit();
  const ids: Record<string, string> = {
    'name.en': `rename-${operator.code}-en`,
    'name.zh-HK': `rename-${operator.code}-zh-HK`,
  };
  const labels: Record<string, string> = {
    'name.en': tStaff('operators.nameEn'),
    'name.zh-HK': tStaff('operators.nameZh'),
  };
  const save = () => {
    const checks: FieldErrors = {};
    if (!en.trim()) checks['name.en'] = tStaff('form.required');
    if (!zh.trim()) checks['name.zh-HK'] = tStaff('form.required');
    void run(
      checks,
      (path) => labels[path],
      async () =>
        onSaved(
          await api.updateOperator(operator.code, { name: { en: en.trim(), 'zh-HK': zh.trim() } }),
        ),
    );
  };
  return (
    <EditForm
      id={`rename-${operator.code}`}
      heading={t('operatorEdit.renameHeading', {
        name: localised(operator.name, language, operator.code),
      })}
      busy={busy}
      problem={problem}
      fieldId={(path) => ids[path] ?? path}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        id={ids['name.zh-HK']!}
        label={labels['name.zh-HK']!}
        value={zh}
        autoComplete="off"
        onChange={(event) => setZh(event.target.value)}
        error={fieldErrors['name.zh-HK']}
        required
      />
      <TextField
        id={ids['name.en']!}
        label={labels['name.en']!}
        value={en}
        autoComplete="off"
        onChange={(event) => setEn(event.target.value)}
        error={fieldErrors['name.en']}
        required
      />
    </EditForm>
  );
}

const ADDED_UNIT = /^addUnits\.0\.(\w+)/;
// Unit keys apart from the create form's (which counts from 1), so field ids never clash.
let nextUnitKey = 100_000;

/** Adds one unit to an operator (units are never removed: responses refer to them). */
export function AddUnit({
  operator,
  programmes,
  districts,
  onSaved,
  onCancel,
}: {
  operator: Operator;
  programmes: Programme[];
  districts: District[];
  onSaved: (operator: Operator, unit: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const [key] = useState(() => nextUnitKey++);
  const [unit, setUnit] = useState<UnitDraft>({
    key,
    code: '',
    programme: programmes.length === 1 ? programmes[0]!.code : '',
    region: '',
    districts: [],
  });
  const { busy, problem, fieldErrors, run } = useSubmit();
  const labels: Record<string, string> = {
    code: tStaff('units.code'),
    programme: tStaff('units.programme'),
    region: tStaff('units.area'),
    districts: tStaff('units.districts'),
  };
  const field = (path: string) => ADDED_UNIT.exec(path)?.[1] ?? path;
  const unitErrors = Object.fromEntries(
    Object.entries(fieldErrors).map(([path, message]) => [field(path), message]),
  );
  const save = () => {
    const checks: FieldErrors = {};
    if (!unit.code.trim()) checks.code = tStaff('form.required');
    else if (!isCode(unit.code.trim())) checks.code = tStaff('form.invalidCode');
    if (!unit.programme) checks.programme = tStaff('form.required');
    void run(
      checks,
      (path) => labels[field(path)],
      async () => {
        const code = unit.code.trim();
        const saved = await api.updateOperator(operator.code, {
          addUnits: [
            {
              code,
              programme: unit.programme,
              ...(unit.region ? { region: unit.region } : {}),
              districts: unit.districts,
            },
          ],
        });
        onSaved(saved, code);
      },
    );
  };
  return (
    <EditForm
      id={`add-unit-${operator.code}`}
      heading={t('operatorEdit.addUnitHeading', {
        name: localised(operator.name, language, operator.code),
      })}
      busy={busy}
      problem={problem}
      fieldId={(path) => unitFieldId(key, field(path))}
      submitLabel={t('operatorEdit.addUnitSubmit')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <UnitFields
        unit={unit}
        number={operator.units.length + 1}
        programmes={programmes}
        districts={districts}
        errors={unitErrors}
        onChange={setUnit}
        onRemove={null}
      />
    </EditForm>
  );
}

/** Changes a unit's region or team and its districts; its code and programme stay. */
export function EditUnitArea({
  operator,
  unit,
  programmes,
  districts,
  onSaved,
  onCancel,
}: {
  operator: Operator;
  unit: Unit;
  programmes: Programme[];
  districts: District[];
  onSaved: (unit: Unit) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tStaff } = useTranslation();
  const language = useLanguage();
  const programme = programmes.find((p) => p.code === unit.programme);
  const [region, setRegion] = useState(unit.region ?? '');
  const [chosen, setChosen] = useState(unit.districts);
  const { busy, problem, fieldErrors, run } = useSubmit();
  const id = (field: string) => `edit-${unit.code}-${field}`;
  const labels: Record<string, string> = {
    region: tStaff('units.area'),
    districts: tStaff('units.districts'),
  };
  const save = () =>
    void run(
      {},
      (path) => labels[path],
      async () =>
        onSaved(
          await unitApi.updateArea(operator.code, unit.code, {
            region: region || null,
            districts: chosen,
          }),
        ),
    );
  return (
    <EditForm
      id={id('heading')}
      heading={t('operatorEdit.editUnitHeading', { unit: unit.code })}
      busy={busy}
      problem={problem}
      fieldId={id}
      onSubmit={save}
      onCancel={onCancel}
    >
      <p className="hint">{t('operatorEdit.fixed')}</p>
      {programme && (
        <SelectField
          id={id('region')}
          label={tStaff(programme.areaKind === 'team' ? 'units.team' : 'units.region')}
          value={region}
          onChange={(event) => setRegion(event.target.value)}
          error={fieldErrors.region}
        >
          <option value="">{tStaff('units.noArea')}</option>
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
        selected={chosen}
        error={fieldErrors.districts}
        onChange={setChosen}
      />
    </EditForm>
  );
}
