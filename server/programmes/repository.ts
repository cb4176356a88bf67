import type { Db, Transaction } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import type { DistrictsFile, ProgrammeDefinition, ProgrammeFile } from './reference.ts';

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

/** Inserts the SWD and District Council districts that are missing; existing rows stay. */
export async function insertMissingDistricts(trx: Transaction, districts: DistrictsFile) {
  for (const [position, d] of districts.swdDistricts.entries()) {
    await trx
      .insertInto('swd_districts')
      .values({ code: d.code, name: JSON.stringify(d.name), position })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const swdOf = new Map(
    districts.swdDistricts.flatMap((s) => s.dcDistricts.map((d) => [d, s.code])),
  );
  for (const [position, d] of districts.dcDistricts.entries()) {
    const swd = swdOf.get(d.code);
    if (!swd) throw new Error(`surveys/districts.json: ${d.code} is in no SWD district`);
    await trx
      .insertInto('dc_districts')
      .values({ code: d.code, name: JSON.stringify(d.name), swd_district: swd, position })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

/**
 * Inserts a programme, its outcome standards and their first agreed levels where missing, so
 * an admin's changes (agreed levels) survive every restart.
 */
export async function insertMissingProgramme(trx: Transaction, p: ProgrammeFile) {
  const definition: ProgrammeDefinition = {
    source: p.source,
    areas: p.areas,
    populations: p.populations,
    activityKinds: p.activityKinds,
  };
  await trx
    .insertInto('programmes')
    .values({
      code: p.code,
      name: JSON.stringify(p.name),
      illustrative: p.illustrative,
      area_kind: p.areaKind,
      definition: JSON.stringify(definition),
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const s of p.outcomeStandards) {
    await trx
      .insertInto('outcome_standards')
      .values({
        programme_code: p.code,
        number: s.number,
        name: JSON.stringify(s.name),
        populations: JSON.stringify(s.populations),
        illustrative: s.illustrative,
      })
      .onConflict((oc) => oc.columns(['programme_code', 'number']).doNothing())
      .execute();
    await trx
      .insertInto('agreed_levels')
      .values({
        programme_code: p.code,
        number: s.number,
        from_fiscal_year: 0,
        agreed_percent: s.agreedPercent,
      })
      .onConflict((oc) => oc.columns(['programme_code', 'number', 'from_fiscal_year']).doNothing())
      .execute();
  }
}
