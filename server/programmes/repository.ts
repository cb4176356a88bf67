import type { Db, Transaction } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import type { ProgrammeDefinition } from './reference.ts';

/** One outcome standard with its level history, oldest first. */
export interface OutcomeStandard {
  number: number;
  name: LocalisedText;
  populations: string[];
  illustrative: boolean;
  levels: { fromFiscalYear: number; agreedPercent: number | null }[];
}

/** A programme as the rest of the server uses it. */
export interface Programme extends ProgrammeDefinition {
  code: string;
  name: LocalisedText;
  illustrative: boolean;
  areaKind: string;
  outcomeStandards: OutcomeStandard[];
}

/** The agreed level in force for a financial year: the latest level that started by then. */
export function agreedPercentFor(standard: Pick<OutcomeStandard, 'levels'>, fiscalYear: number) {
  let level: number | null = null;
  for (const l of standard.levels) if (l.fromFiscalYear <= fiscalYear) level = l.agreedPercent;
  return level;
}

export async function listProgrammes(db: Db): Promise<Programme[]> {
  const [programmes, standards, levels] = await Promise.all([
    db.selectFrom('programmes').selectAll().orderBy('code').execute(),
    db
      .selectFrom('outcome_standards')
      .selectAll()
      .orderBy('programme_code')
      .orderBy('number')
      .execute(),
    db.selectFrom('agreed_levels').selectAll().orderBy('from_fiscal_year').execute(),
  ]);
  return programmes.map((p) => ({
    code: p.code,
    name: p.name,
    illustrative: p.illustrative,
    areaKind: p.area_kind,
    ...(p.definition as ProgrammeDefinition),
    outcomeStandards: standards
      .filter((s) => s.programme_code === p.code)
      .map((s) => ({
        number: s.number,
        name: s.name,
        populations: s.populations,
        illustrative: s.illustrative,
        levels: levels
          .filter((l) => l.programme_code === p.code && l.number === s.number)
          .map((l) => ({ fromFiscalYear: l.from_fiscal_year, agreedPercent: l.agreed_percent })),
      })),
  }));
}

export async function findProgramme(db: Db, code: string) {
  return (await listProgrammes(db)).find((p) => p.code === code);
}

/** Sets the level from a financial year on (replacing a level set for that same year). */
export async function setAgreedLevel(
  trx: Transaction,
  level: {
    programme: string;
    number: number;
    fromFiscalYear: number;
    agreedPercent: number | null;
  },
) {
  await trx
    .insertInto('agreed_levels')
    .values({
      programme_code: level.programme,
      number: level.number,
      from_fiscal_year: level.fromFiscalYear,
      agreed_percent: level.agreedPercent,
    })
    .onConflict((oc) =>
      oc
        .columns(['programme_code', 'number', 'from_fiscal_year'])
        .doUpdateSet({ agreed_percent: level.agreedPercent }),
    )
    .execute();
}

export async function listDistricts(db: Db) {
  const [swd, dc] = await Promise.all([
    db.selectFrom('swd_districts').selectAll().orderBy('position').execute(),
    db.selectFrom('dc_districts').selectAll().orderBy('position').execute(),
  ]);
  return swd.map((s) => ({
    code: s.code,
    name: s.name,
    dcDistricts: dc
      .filter((d) => d.swd_district === s.code)
      .map((d) => ({ code: d.code, name: d.name })),
  }));
}

export async function dcDistrictCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('dc_districts').select('code').execute();
  return new Set(rows.map((r) => r.code));
}
