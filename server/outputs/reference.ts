import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { printedTableProblems, type Conversion } from '../domain/conversion.ts';
import { EVENT_FORMS, MODULE_PROGRAMMES } from '../domain/service-records.ts';
import type { WorkingCalendar } from '../domain/working-days.ts';

const SURVEYS_DIR = fileURLToPath(new URL('../../surveys/', import.meta.url));

const Name = z
  .object({ 'zh-HK': z.string().min(1), en: z.string().min(1) })
  .catchall(z.string().min(1));

const Kind = z.string().regex(/^[a-z][a-z0-9_]*$/);
export const CountRuleSchema = z.discriminatedUnion('rule', [
  z
    .object({
      rule: z.literal('enrolments'),
      programme: z.enum(MODULE_PROGRAMMES as [string, ...string[]]),
      minPercentOfModule: z.number().int().min(1).max(100).optional(),
      measure: z.enum(['count', 'share']).optional(),
    })
    .strict(),
  z
    .object({
      rule: z.literal('events'),
      kinds: z.array(Kind).min(1),
      oneOffOrGroupOf: z.number().int().min(1).optional(),
      excludeOpen: z.boolean().optional(),
      form: z.enum(EVENT_FORMS).optional(),
      countSessions: z.boolean().optional(),
    })
    .strict(),
  z.object({ rule: z.literal('referrals') }).strict(),
  z.object({ rule: z.literal('cases_contacted') }).strict(),
]);

const Band = z
  .object({
    atLeastPercent: z.number().int().min(0),
    belowPercent: z.number().int().nullable(),
    adjustPercent: z.number().int().min(-100),
    printed: z
      .object({ from: z.number().int(), to: z.number().int().nullable(), level: z.number().int() })
      .optional(),
  })
  .strict();

const ListItem = z.object({ code: Kind, name: Name });

/** The part of surveys/programmes/*.json that issue 15 added. */
const OutputFile = z.object({
  code: z.string(),
  activityKinds: z.array(z.object({ code: z.string() })),
  outputStandards: z
    .array(
      z
        .object({
          number: z.number().int().positive(),
          name: Name,
          counts: Name,
          rule: CountRuleSchema,
          measure: z.enum(['count', 'percent']),
          agreedLevel: z.number().int().min(0).nullable(),
          illustrative: z.boolean(),
        })
        .strict(),
    )
    .default([]),
  conversions: z
    .array(
      z
        .object({
          from: z.number().int(),
          moves: z.number().int(),
          printedFor: z
            .object({ fromLevel: z.number().int(), movedLevel: z.number().int() })
            .optional(),
          bands: z.array(Band).min(1),
        })
        .strict(),
    )
    .default([]),
  serviceLists: z
    .object({
      serviceUserCategories: z.array(ListItem).min(1),
      communitySupportServices: z.array(ListItem).min(1),
    })
    .optional(),
});
export type OutputFile = z.infer<typeof OutputFile>;

/** Checks that cannot be a schema: kinds named by rules exist, conversions name standards, tables agree with the rule. */
function problemsOf(p: OutputFile): string[] {
  const problems: string[] = [];
  const kinds = new Set(p.activityKinds.map((k) => k.code));
  const numbers = new Set(p.outputStandards.map((s) => s.number));
  for (const s of p.outputStandards) {
    if (s.rule.rule === 'events')
      for (const k of s.rule.kinds)
        if (!kinds.has(k)) problems.push(`output standard ${s.number}: unknown activity kind ${k}`);
    const share = s.rule.rule === 'enrolments' && s.rule.measure === 'share';
    if (share !== (s.measure === 'percent'))
      problems.push(`output standard ${s.number}: a percent measure needs a share rule`);
  }
  for (const c of p.conversions) {
    if (!numbers.has(c.from) || !numbers.has(c.moves))
      problems.push(`conversion ${c.from} → ${c.moves}: unknown output standard`);
    for (const problem of printedTableProblems(c as Conversion))
      problems.push(`conversion ${c.from} → ${c.moves}: ${problem}`);
  }
  return problems;
}

/** Reads the output standards, conversions and service lists of every programme file. */
export async function readOutputReference(dir = SURVEYS_DIR): Promise<OutputFile[]> {
  const programmeDir = path.join(dir, 'programmes');
  const files: OutputFile[] = [];
  for (const file of (await readdir(programmeDir)).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = OutputFile.safeParse(
      JSON.parse(await readFile(path.join(programmeDir, file), 'utf8')),
    );
    if (!parsed.success)
      throw new Error(
        `surveys/programmes/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const problems = problemsOf(parsed.data);
    if (problems.length) throw new Error(`surveys/programmes/${file}: ${problems.join('; ')}`);
    files.push(parsed.data);
  }
  return files;
}

const HolidaysFile = z.object({
  source: z.string(),
  workingDays: z.object({
    weekdays: z.array(z.number().int().min(0).max(6)),
    firstContactWithin: z.number().int().positive(),
  }),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: Name })),
  ),
});
export type HolidaysFile = z.infer<typeof HolidaysFile>;

let holidays: HolidaysFile | null = null;

/** surveys/holidays.json: Hong Kong's general holidays and what a working day is (read once). */
export function holidayData(): HolidaysFile {
  holidays ??= HolidaysFile.parse(
    JSON.parse(readFileSync(path.join(SURVEYS_DIR, 'holidays.json'), 'utf8')),
  );
  return holidays;
}

/** The working calendar with these closure days. */
export function workingCalendar(closures: Iterable<string>): WorkingCalendar {
  const data = holidayData();
  return {
    holidays: new Set(Object.values(data.years).flatMap((days) => days.map((d) => d.date))),
    closures: new Set(closures),
    weekdays: data.workingDays.weekdays,
  };
}
