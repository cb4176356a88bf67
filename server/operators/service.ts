import type { Transaction } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import { conflict, ruleBroken, type ErrorDetail } from '../errors.ts';
import { dcDistrictCodes, listProgrammes } from '../programmes/repository.ts';
import { insertOperator, insertUnits, takenCodes, type NewUnit } from './repository.ts';

export interface UnitInput {
  code: string;
  programme: string;
  region?: string | null | undefined;
  districts?: string[] | undefined;
}

/** Checks units against the programmes' areas and the district list; every problem listed. */
export async function checkUnits(trx: Transaction, units: UnitInput[], pathPrefix = 'units') {
  const programmes = await listProgrammes(trx);
  const districts = await dcDistrictCodes(trx);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    const at = `${pathPrefix}.${i}`;
    if (seen.has(u.code.toLowerCase()))
      details.push({ path: `${at}.code`, message: `The code ${u.code} is used twice.` });
    seen.add(u.code.toLowerCase());
    const programme = programmes.find((p) => p.code === u.programme);
    if (!programme) {
      details.push({ path: `${at}.programme`, message: `There is no programme ${u.programme}.` });
      return;
    }
    if (u.region != null && !programme.areas.some((a) => a.code === u.region)) {
      details.push({
        path: `${at}.region`,
        message: `${u.programme} has no ${programme.areaKind} ${u.region}; choose one of ${programme.areas.map((a) => a.code).join(', ')}.`,
      });
    }
    for (const d of u.districts ?? []) {
      if (!districts.has(d))
        details.push({ path: `${at}.districts`, message: `There is no district ${d}.` });
    }
  });
  if (details.length) throw ruleBroken('Some units are not valid.', details);
  const taken = await takenCodes(
    trx,
    units.map((u) => u.code),
  );
  if (taken.size)
    throw conflict(`These codes are already in use: ${[...taken].join(', ')}.`, 'code_taken');
  return units.map<NewUnit>((u) => ({
    code: u.code,
    programme: u.programme,
    region: u.region ?? null,
    districts: [...new Set(u.districts ?? [])],
  }));
}

/** Creates an operator and its units, after checking both. */
export async function createOperator(
  trx: Transaction,
  operator: { code: string; name: LocalisedText; units: UnitInput[]; demo?: boolean },
) {
  if ((await takenCodes(trx, [operator.code])).size) {
    throw conflict(`The code ${operator.code} is already in use.`, 'code_taken');
  }
  const units = await checkUnits(trx, operator.units);
  const id = await insertOperator(trx, operator);
  await insertUnits(trx, id, units);
  return id;
}
