// The demo's sample years: fictional operators' activities and responses over the current
// financial year so far and the whole previous one, so every report has something to show.
// Everything goes through the product's own paths: questionnaires from the templates, submitted
// and approved by the services; activities by the repository's insert, all in one audited
// transaction (one per activity was most of the time); responses checked, scored and counted by
// storeResponse and the response writer, as paper entries. Every draw comes from a seeded
// generator: the same date gives the same demo.
import type { Db } from '../db/open.ts';
import type { Actor } from '../http/context.ts';
import { insertActivity } from '../activities/repository.ts';
import type { NewActivity } from '../activities/service.ts';
import { audited } from '../audit/repository.ts';
import { measuresOf, type Measure } from '../domain/compute.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { findProgramme, type Programme } from '../programmes/repository.ts';
import { allQuestions, type QuestionnaireDefinition } from '../domain/definition.ts';
import { createQuestionnaire, transition } from '../questionnaires/service.ts';
import { storeResponse, type ResponseSubmission } from '../responses/service.ts';

/** Each standard's share of respondents who agree (0-1), for one unit. */
type Propensity = Record<number, number>;

/** A fictional unit: where it works and how its participants answer. */
export interface DemoUnit {
  code: string;
  programme: 'SPEAR' | 'CHILDPRO';
  /** A SPeaR region or a ChildPRO team. */
  area: string;
  /** Participants per activity, relative to a typical unit. */
  scale: number;
  agree: Propensity;
}

/** A fictional operator of the demo (`demo: true`, named as fictional in both languages). */
export interface DemoOperator {
  code: string;
  name: { en: string; 'zh-HK': string };
  units: DemoUnit[];
  /** Added to every propensity in the previous year (last year was a little better or worse). */
  lastYear: number;
}

const fictional = (en: string, zh: string) => ({
  en: `${en} (fictional, demo data)`,
  'zh-HK': `${zh}（虛構示範資料）`,
});

const childpro = (agree: number): Propensity => ({
  1: agree,
  2: agree - 0.04,
  3: agree,
  4: agree + 0.03,
  5: agree,
});

/**
 * The demo's operators. SPeaR's agreed levels are 85, 80, 75, 75 and 75%: most units meet most
 * of them, DEMO misses standard 4, Ridgeview sits just under on 1 and 5, Westbay is the clear
 * outlier (far below, with many respondents), and Lantern Lane's small unit misses by a margin
 * its few respondents cannot tell from chance.
 */
export const DEMO_OPERATORS: DemoOperator[] = [
  {
    code: 'DEMO',
    name: fictional('Demo Family Services', '示範家庭服務'),
    lastYear: 0.03,
    units: [
      {
        code: 'DEMO-SPEAR',
        programme: 'SPEAR',
        area: 'C',
        scale: 1,
        agree: { 1: 0.89, 2: 0.9, 3: 0.8, 4: 0.7, 5: 0.86 },
      },
      { code: 'DEMO-CHILDPRO', programme: 'CHILDPRO', area: '3', scale: 1, agree: childpro(0.82) },
    ],
  },
  {
    code: 'HARBOUR',
    name: fictional('Harbour Light Family Services', '港光家庭服務'),
    lastYear: -0.02,
    units: [
      {
        code: 'HARBOUR-SPEAR-A',
        programme: 'SPEAR',
        area: 'A',
        scale: 0.9,
        agree: { 1: 0.92, 2: 0.93, 3: 0.86, 4: 0.82, 5: 0.9 },
      },
      {
        code: 'HARBOUR-SPEAR-B',
        programme: 'SPEAR',
        area: 'B',
        scale: 0.7,
        agree: { 1: 0.9, 2: 0.88, 3: 0.83, 4: 0.8, 5: 0.84 },
      },
      { code: 'HARBOUR-CP1', programme: 'CHILDPRO', area: '1', scale: 1, agree: childpro(0.88) },
      { code: 'HARBOUR-CP2', programme: 'CHILDPRO', area: '2', scale: 0.8, agree: childpro(0.85) },
    ],
  },
  {
    code: 'RIDGEVIEW',
    name: fictional('Ridgeview Community Services', '嶺景社區服務'),
    lastYear: 0.04,
    units: [
      {
        code: 'RIDGEVIEW-SPEAR-D',
        programme: 'SPEAR',
        area: 'D',
        scale: 0.9,
        agree: { 1: 0.82, 2: 0.83, 3: 0.78, 4: 0.77, 5: 0.72 },
      },
      { code: 'RIDGEVIEW-CP5', programme: 'CHILDPRO', area: '5', scale: 1, agree: childpro(0.78) },
    ],
  },
  {
    code: 'WESTBAY',
    name: fictional('Westbay Family Support', '西灣家庭支援'),
    lastYear: 0.08,
    units: [
      {
        code: 'WESTBAY-SPEAR-E',
        programme: 'SPEAR',
        area: 'E',
        scale: 1.8,
        agree: { 1: 0.52, 2: 0.58, 3: 0.47, 4: 0.5, 5: 0.55 },
      },
      { code: 'WESTBAY-CP6', programme: 'CHILDPRO', area: '6', scale: 1.2, agree: childpro(0.6) },
    ],
  },
  {
    code: 'LANTERN',
    name: fictional('Lantern Lane Counselling Centre', '燈籠里輔導中心'),
    lastYear: 0,
    units: [
      {
        code: 'LANTERN-SPEAR-C',
        programme: 'SPEAR',
        area: 'C',
        scale: 0.35,
        agree: { 1: 0.8, 2: 0.86, 3: 0.68, 4: 0.8, 5: 0.8 },
      },
      { code: 'LANTERN-CP4', programme: 'CHILDPRO', area: '4', scale: 0.6, agree: childpro(0.84) },
    ],
  },
];

/** Which template each population's questionnaire starts from. */
const TEMPLATES: Record<string, string> = {
  learning_programme: 'spear-learning-programme',
  service_users: 'spear-service-users',
  public_education: 'spear-public-education',
  parents_carers: 'childpro-parents',
};

/**
 * A year's activities of a unit: kind, population asked (none for promotion), when (months
 * into the financial year) and how many answer at a typical unit. The current year holds
 * those already past.
 */
const SCHEDULE: Record<
  DemoUnit['programme'],
  { kind: string; population: string | null; months: number[]; size: number }[]
> = {
  SPEAR: [
    {
      kind: 'learning_programme_session',
      population: 'learning_programme',
      months: [0.5, 3, 6.5, 9.5],
      size: 6,
    },
    { kind: 'support_activity', population: 'service_users', months: [1.5, 5, 10], size: 7 },
    { kind: 'children_programme_session', population: 'service_users', months: [7.5], size: 5 },
    { kind: 'education_activity', population: 'public_education', months: [2.5, 8.5], size: 12 },
    { kind: 'promotion', population: null, months: [1, 7], size: 0 },
  ],
  CHILDPRO: [
    { kind: 'home_visit', population: 'parents_carers', months: [1.5, 7], size: 4 },
    { kind: 'family_education', population: 'parents_carers', months: [4], size: 6 },
  ],
};

/** mulberry32: a small, fast, seeded generator; the demo never calls Math.random. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Random = ReturnType<typeof seededRandom>;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A version 4 UUID from the generator (a response's id is made by its "tablet"). */
function uuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const DAY_MS = 24 * 3600_000;
const HONG_KONG_OFFSET_MS = 8 * 3600_000;
/** The date (Hong Kong) a number of days after 1 April of a financial year. */
const dateIn = (fiscalYear: number, day: number) =>
  new Date(Date.UTC(fiscalYear, 3, 1) + day * DAY_MS).toISOString().slice(0, 10);

type Status = 'agree' | 'disagree' | 'blank';

/** Likert answers to a standard's items that score as `status` under the majority/all rules. */
function itemAnswers(random: Random, items: string[], status: Status): Record<string, string> {
  if (status === 'blank') return {};
  const agreeing = () => (random() < 0.4 ? 'strongly_agree' : 'agree');
  const other = () => {
    const r = random();
    return r < 0.35 ? 'no_opinion' : r < 0.8 ? 'disagree' : 'strongly_disagree';
  };
  const answers = items.map(status === 'agree' ? agreeing : other);
  // With three or more items, one may go the other way and the majority still decides.
  if (items.length >= 3 && random() < 0.3) {
    answers[Math.floor(random() * items.length)] = status === 'agree' ? 'no_opinion' : 'agree';
  }
  return Object.fromEntries(items.map((name, i) => [name, answers[i]!]));
}

interface Planned {
  activityId: string;
  unit: { id: string; operatorId: string };
  version: { id: string; version: number; measures: Measure[]; choices: [string, string[]][] };
  completedAt: Date;
  statuses: Map<number, Status>;
}

/** The responses of one unit's year: who agrees on each standard, by quota, so shares hold. */
function assignStatuses(random: Random, planned: Planned[], agree: Propensity, shift: number) {
  const standards = new Set(planned.flatMap((p) => p.version.measures.map((m) => m.standard)));
  for (const standard of standards) {
    const asked = planned.filter((p) => p.version.measures.some((m) => m.standard === standard));
    // A few people skip every item of a standard: non-respondents, in no denominator.
    const answering = asked.filter((p) => {
      const blank = asked.length >= 20 && random() < 0.04;
      if (blank) p.statuses.set(standard, 'blank');
      return !blank;
    });
    const share = Math.min(0.99, Math.max(0.05, (agree[standard] ?? 0.8) + shift));
    const agreeing = Math.round(share * answering.length);
    shuffle(random, answering).forEach((p, i) =>
      p.statuses.set(standard, i < agreeing ? 'agree' : 'disagree'),
    );
  }
}

/** The body a tablet (here, paper entry) would send for a planned response. */
function submission(random: Random, p: Planned): ResponseSubmission {
  const answers: Record<string, unknown> = {};
  for (const m of p.version.measures)
    Object.assign(answers, itemAnswers(random, m.items, p.statuses.get(m.standard) ?? 'blank'));
  for (const [name, values] of p.version.choices)
    if (random() < 0.9) answers[name] = pick(random, values);
  return {
    id: uuid(random),
    questionnaire: { id: p.version.id, version: p.version.version },
    locale: random() < 0.75 ? 'zh-HK' : 'en',
    answers,
    completedAt: p.completedAt.toISOString(),
  };
}

/** The single-choice questions of a definition, with their values (demo answers fill them). */
function choiceQuestions(definition: QuestionnaireDefinition): [string, string[]][] {
  return allQuestions(definition)
    .filter(({ element }) => element.type === 'radiogroup' && element.name)
    .map(({ element }) => [
      element.name!,
      (element.choices ?? []).map((c) => (typeof c === 'object' ? String(c.value) : String(c))),
    ]);
}

/** An approved questionnaire from a template for an operator, as the API would make it. */
async function approvedFromTemplate(
  db: Db,
  admin: Actor,
  swd: Actor,
  operator: string,
  template: string,
) {
  const { id } = await createQuestionnaire(db, admin, { operator, template });
  await transition(db, admin, id, 1, 'submit');
  await transition(db, swd, id, 1, 'approve');
  const row = await db
    .selectFrom('questionnaire_versions')
    .select('definition')
    .where('questionnaire_id', '=', id)
    .where('version', '=', 1)
    .executeTakeFirstOrThrow();
  const definition = row.definition;
  return { id, version: 1, measures: measuresOf(definition), choices: choiceQuestions(definition) };
}

/**
 * Loads the sample years of every demo operator (which must exist, with its units): approved
 * questionnaires, the activities held so far this financial year and all of last year's, and
 * their responses. `admin` records the questionnaires and activities on the operators' behalf,
 * `swd` approves. Returns how many responses were stored.
 */
export async function seedSampleYears(
  db: Db,
  actors: { admin: Actor; swd: Actor },
  now: Date,
): Promise<number> {
  const random = seededRandom(20260401);
  const current = fiscalYearOf(now);
  // The last day activities may fall on: yesterday, Hong Kong time.
  const lastDay = Math.floor(
    (now.getTime() + HONG_KONG_OFFSET_MS - Date.UTC(current, 3, 1)) / DAY_MS - 1,
  );
  const programmes = new Map<string, Programme>();
  for (const code of ['SPEAR', 'CHILDPRO']) programmes.set(code, (await findProgramme(db, code))!);
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code', 'operator_id']).execute()).map((u) => [
      u.code,
      { id: u.id, operatorId: u.operator_id },
    ]),
  );

  // Each year's activities, with who answered at each; the activities are recorded together.
  const activities: (NewActivity & { unitId: string; operatorId: string; people: Planned[] })[] =
    [];
  const planned: Planned[] = [];
  for (const operator of DEMO_OPERATORS) {
    const versions = new Map<string, Awaited<ReturnType<typeof approvedFromTemplate>>>();
    for (const population of new Set(
      operator.units.flatMap((u) => SCHEDULE[u.programme].map((s) => s.population)),
    )) {
      if (population)
        versions.set(
          population,
          await approvedFromTemplate(
            db,
            actors.admin,
            actors.swd,
            operator.code,
            TEMPLATES[population]!,
          ),
        );
    }
    for (const unit of operator.units) {
      const ids = units.get(unit.code);
      if (!ids) continue;
      const kinds = programmes.get(unit.programme)!.activityKinds;
      for (const fiscalYear of [current - 1, current]) {
        const year: Planned[] = [];
        for (const entry of SCHEDULE[unit.programme]) {
          const kind = kinds.find((k) => k.code === entry.kind);
          if (!kind || (entry.population && !kind.populations.includes(entry.population)))
            throw new Error(`The demo schedule's ${entry.kind} cannot ask ${entry.population}.`);
          const version = entry.population ? versions.get(entry.population)! : null;
          for (const [n, month] of entry.months.entries()) {
            const day = Math.floor(month * 30.4 + random() * 10);
            if (fiscalYear === current && day > lastDay) continue;
            const date = dateIn(fiscalYear, day);
            const activity = {
              unit: unit.code,
              unitId: ids.id,
              operatorId: ids.operatorId,
              kind: entry.kind,
              title: `${kind.name['zh-HK']} ${kind.name.en} (${n + 1})`,
              date,
              questionnaires: version ? [{ id: version.id, version: version.version }] : [],
              people: [] as Planned[],
            };
            activities.push(activity);
            if (!version) continue;
            const people = Math.max(3, Math.round(entry.size * unit.scale + random() * 3 - 1));
            // Answered at the end of the session, Hong Kong afternoon.
            const end = Date.parse(`${date}T17:00:00+08:00`);
            for (let i = 0; i < people; i++) {
              activity.people.push({
                activityId: '',
                unit: ids,
                version,
                completedAt: new Date(end + i * 90_000),
                statuses: new Map(),
              });
            }
            year.push(...activity.people);
          }
        }
        assignStatuses(random, year, unit.agree, fiscalYear === current ? 0 : operator.lastYear);
        planned.push(...year);
      }
    }
  }
  // One transaction and one audit entry for them all: a per-activity transaction was most of
  // the seed's time. The schedule is checked above; the response writer checks each version.
  await audited(db, actors.admin, async (trx) => {
    for (const a of activities) {
      const id = await insertActivity(
        trx,
        {
          operatorId: a.operatorId,
          unitId: a.unitId,
          kind: a.kind,
          title: a.title,
          date: a.date,
          createdBy: actors.admin.userId,
        },
        a.questionnaires,
      );
      for (const p of a.people) p.activityId = id;
    }
    return {
      result: null,
      event: {
        action: 'demo_activities_seeded',
        targetType: 'operator',
        targetId: 'DEMO',
        details: { activities: activities.length },
      },
    };
  });

  const store = (p: Planned) =>
    storeResponse(
      db,
      {
        activityId: p.activityId,
        operatorId: p.unit.operatorId,
        unitId: p.unit.id,
        kiosk: null,
        source: 'paper',
      },
      submission(random, p),
      now,
    );
  // First one response of each version (each checks and compiles its version once), then the
  // rest: the response writer stores each wave in batches, one statement each.
  const firsts = new Map<string, Planned>();
  for (const p of planned) if (!firsts.has(p.version.id)) firsts.set(p.version.id, p);
  const rest = planned.filter((p) => firsts.get(p.version.id) !== p);
  const stored = [
    ...(await Promise.all([...firsts.values()].map(store))),
    ...(await Promise.all(rest.map(store))),
  ];
  const refused = stored.filter((r) => r.status !== 201).length;
  if (refused) throw new Error(`${refused} demo responses were not stored as new.`);
  return stored.length;
}
