import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, ErrorSummary, type FormProblem } from '../app/forms.tsx';
import { useSessionUser } from '../app/session.ts';
import { recordsApi, type Conversion, type Outputs } from './api.ts';

/**
 * The conversion mechanism for one unit: what the actual of one standard does to another's level
 * (as at 31 March, or what today's figures would give), and the no-refusal declaration that an
 * upward move needs.
 */
export function ConversionSection({
  outputs,
  query,
  onChanged,
}: {
  outputs: Outputs;
  query: { fiscalYear: number; unit: string };
  onChanged: () => void;
}) {
  const { t } = useTranslation('records');
  return (
    <section aria-labelledby="glance-conversion" className="panel">
      <h2 id="glance-conversion">{t('outputs.conversion.heading')}</h2>
      <p className="hint">
        {outputs.final
          ? t('outputs.conversion.final')
          : t('outputs.conversion.provisional', { date: outputs.asAt })}
      </p>
      <ul className="conversion-list">
        {outputs.conversions.map((c) => (
          <li key={`${c.from}-${c.moves}`}>
            <ConversionLine conversion={c} outputs={outputs} />
          </li>
        ))}
      </ul>
      <Declaration outputs={outputs} query={query} onChanged={onChanged} />
    </section>
  );
}

function ConversionLine({ conversion: c, outputs }: { conversion: Conversion; outputs: Outputs }) {
  const { t } = useTranslation('records');
  const fromLevel = outputs.standards.find((s) => s.number === c.from)?.agreedLevel ?? null;
  const values = {
    from: c.from,
    moves: c.moves,
    actual: c.actual,
    level: fromLevel ?? '',
    percent: fromLevel ? Math.round((c.actual * 100) / fromLevel) : 0,
    agreed: c.agreedLevel ?? '',
    adjusted: c.adjustedLevel ?? '',
    adjust: c.adjustPercent > 0 ? `+${c.adjustPercent}` : String(c.adjustPercent),
    range:
      c.band === null
        ? ''
        : c.band.to === null
          ? t('outputs.conversion.rangeOpen', { from: c.band.from })
          : t('outputs.conversion.range', { from: c.band.from, to: c.band.to }),
  };
  if (fromLevel === null || c.agreedLevel === null)
    return <p>{t('outputs.conversion.noLevels', values)}</p>;
  return (
    <>
      <p>{t('outputs.conversion.actual', values)}</p>
      <p>
        <strong>
          {c.band === null
            ? t('outputs.conversion.noBand', values)
            : c.upwardWithheld
              ? t('outputs.conversion.withheld', values)
              : c.adjustPercent === 0
                ? t('outputs.conversion.unchanged', values)
                : t('outputs.conversion.moved', values)}
        </strong>
      </p>
    </>
  );
}

function Declaration({
  outputs,
  query,
  onChanged,
}: {
  outputs: Outputs;
  query: { fiscalYear: number; unit: string };
  onChanged: () => void;
}) {
  const { t } = useTranslation('records');
  const { t: staffT } = useTranslation();
  const user = useSessionUser();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const declared = outputs.noRefusalDeclared === true;
  const canDeclare = user.role === 'coordinator' || user.role === 'admin';
  async function change() {
    setBusy(true);
    setProblem(null);
    try {
      await recordsApi.declareNoRefusal(query.unit, query.fiscalYear, !declared);
      onChanged();
    } catch (error) {
      setProblem(describeError(staffT, error).problem);
      setBusy(false);
    }
  }
  return (
    <div className="declaration">
      <h3>{t('outputs.declaration.heading', { year: outputs.fiscalYear })}</h3>
      <p>
        {declared
          ? t('outputs.declaration.declared', { unit: query.unit })
          : t('outputs.declaration.notDeclared', { unit: query.unit })}
      </p>
      <ErrorSummary problem={problem} />
      {canDeclare && (
        <button type="button" disabled={busy} onClick={() => void change()}>
          {declared ? t('outputs.declaration.withdraw') : t('outputs.declaration.declare')}
        </button>
      )}
    </div>
  );
}
