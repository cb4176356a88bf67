import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import { readOutputReference } from '../outputs/reference.ts';
import { insertMissingOutputReference } from '../outputs/repository.ts';
import { insertMissingDistricts, insertMissingProgramme } from './repository.ts';

const SURVEYS_DIR = fileURLToPath(new URL('../../surveys/', import.meta.url));

const Name = z
  .object({ 'zh-HK': z.string().min(1), en: z.string().min(1) })
  .catchall(z.string().min(1));

const ProgrammeFile = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  name: Name,
  illustrative: z.boolean(),
  source: z.string().optional(),
  areaKind: z.enum(['region', 'team']),
  areas: z.array(
    z.object({
      code: z.string().min(1),
      name: Name,
      districts: z.array(z.string()),
      label: Name.optional(),
      operator: Name.optional(),
    }),
  ),
  populations: z.array(
    z.object({
      code: z.string().regex(/^[a-z][a-z0-9_]*$/),
      name: Name,
      requiredOutcomes: z.array(z.number().int().positive()),
      allowedOutcomes: z.array(z.number().int().positive()),
    }),
  ),
  outcomeStandards: z.array(
    z.object({
      number: z.number().int().positive(),
      name: Name,
      populations: z.array(z.string()),
      agreedPercent: z.number().int().min(0).max(100).nullable(),
      illustrative: z.boolean().default(false),
    }),
  ),
  activityKinds: z.array(
    z.object({
      code: z.string().regex(/^[a-z][a-z0-9_]*$/),
      name: Name,
      populations: z.array(z.string()),
    }),
  ),
});
export type ProgrammeFile = z.infer<typeof ProgrammeFile>;

const DistrictsFile = z.object({
  swdDistricts: z.array(
    z.object({ code: z.string(), name: Name, dcDistricts: z.array(z.string()) }),
  ),
  dcDistricts: z.array(z.object({ code: z.string(), name: Name })),
});
export type DistrictsFile = z.infer<typeof DistrictsFile>;

/** The part of a programme kept as one JSON document (standards and levels have tables). */
export type ProgrammeDefinition = Pick<
  ProgrammeFile,
  'source' | 'areas' | 'populations' | 'activityKinds'
>;

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Reads and checks every reference file in surveys/; throws naming the file and the problem. */
export async function readReferenceData(dir = SURVEYS_DIR) {
  const districts = DistrictsFile.parse(await readJson(path.join(dir, 'districts.json')));
  const programmeDir = path.join(dir, 'programmes');
  const programmes: ProgrammeFile[] = [];
  for (const file of (await readdir(programmeDir)).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = ProgrammeFile.safeParse(await readJson(path.join(programmeDir, file)));
    if (!parsed.success) {
      throw new Error(
        `surveys/programmes/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const problems = consistencyProblems(parsed.data, districts);
    if (problems.length) throw new Error(`surveys/programmes/${file}: ${problems.join('; ')}`);
    programmes.push(parsed.data);
  }
  return { districts, programmes, outputs: await readOutputReference(dir) };
}

/** Cross-references inside one programme file that a schema cannot check. */
export function consistencyProblems(p: ProgrammeFile, districts: DistrictsFile): string[] {
  const problems: string[] = [];
  const dc = new Set(districts.dcDistricts.map((d) => d.code));
  const populations = new Set(p.populations.map((x) => x.code));
  const numbers = new Set(p.outcomeStandards.map((s) => s.number));
  for (const area of p.areas) {
    for (const d of area.districts)
      if (!dc.has(d)) problems.push(`area ${area.code}: unknown district ${d}`);
  }
  for (const pop of p.populations) {
    for (const n of pop.allowedOutcomes)
      if (!numbers.has(n)) problems.push(`population ${pop.code}: unknown outcome ${n}`);
    for (const n of pop.requiredOutcomes) {
      if (!pop.allowedOutcomes.includes(n))
        problems.push(`population ${pop.code}: requires ${n} but does not allow it`);
    }
  }
  for (const s of p.outcomeStandards) {
    for (const code of s.populations)
      if (!populations.has(code)) problems.push(`standard ${s.number}: unknown population ${code}`);
  }
  for (const k of p.activityKinds) {
    for (const code of k.populations)
      if (!populations.has(code))
        problems.push(`activity kind ${k.code}: unknown population ${code}`);
  }
  return problems;
}

/**
 * Inserts what is missing of the reference data and leaves what exists alone, so an admin's
 * changes (agreed levels) survive every restart. Runs in one transaction.
 */
export async function loadReferenceData(
  db: Db,
  data: Awaited<ReturnType<typeof readReferenceData>>,
) {
  await db.transaction().execute(async (trx) => {
    await insertMissingDistricts(trx, data.districts);
    for (const p of data.programmes) await insertMissingProgramme(trx, p);
    await insertMissingOutputReference(trx, data.outputs);
  });
}
