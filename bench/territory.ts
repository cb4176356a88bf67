// SWD's territory table at territory scale (issue 16): 160 operators with 3,000 SPeaR units,
// 1,000,000 responses in 2025-26 (their verdicts rebuilt by recompute-outcomes) and the units'
// service records (cases, enrolments, events); reports the median time of GET
// /outcomes/territory, territory-wide and for one region, and of GET /outcomes/funnel by unit
// and by operator (target: the table and the funnels under 50 ms on PostgreSQL).
//   npx tsx bench/territory.ts              on a throwaway PostgreSQL
//   npx tsx bench/territory.ts --pglite     100,000 responses on the embedded database
//   BENCH_RESPONSES=200000 npx tsx bench/territory.ts
// On a shared 2-core machine (PostgreSQL 15, 2026-12-04), medians territory-wide / one region /
// .csv / trends: 492 / 83 / 632 / 1,150 ms recounting the service records and summing every
// unit's outcome counts (load average about 17); 69 / 36 / 299 / 451 ms with the output counts
// kept by the database, the operators' outcome counts summed per operator when units are not
// listed, and the trends' units missing a standard twice named by one query (load about 9).
// Quiet machine (load about 0), before and after the table was read per operator (sums and the
// conversion's cases from the database) and the funnel's counts narrowed to its standard:
// territory-wide 57.7 / 31.9 ms, one region 17.5 / 16.1 ms, funnel by unit 34.7 ms and by
// operator 19.2 ms after.
import { sql } from 'kysely';
import { createApp } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../server/db/open.ts';
import { createLogger } from '../server/lib/log.ts';
import { recomputeOutcomes } from '../server/responses/recompute.ts';
import { loadReferenceData, readReferenceData } from '../server/programmes/reference.ts';
import { contentHash } from '../server/questionnaires/rules.ts';
import { freshState } from '../server/questionnaires/translations.ts';
import { createUser } from '../server/users/service.ts';
// @ts-expect-error plain JavaScript helper shared with npm test
import { startPostgres } from '../scripts/postgres.mjs';

const pglite = process.argv.includes('--pglite');
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? (pglite ? 100_000 : 1_000_000));
const OPERATORS = 160;
const UNITS = 3000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const text = (zh: string, en: string) => ({ 'zh-HK': zh, en });
const DEFINITIONS = [
  { population: 'learning_programme', items: { 1: ['s1a', 's1b'], 2: ['s2'], 3: ['s3a', 's3b'] } },
  { population: 'service_users', items: { 3: ['u3a', 'u3b'], 4: ['u4'] } },
  { population: 'public_education', items: { 5: ['e5'] } },
];

async function seed(opened: OpenDatabase) {
  const { db } = opened;
  await migrateToLatest(db);
  await loadReferenceData(db, await readReferenceData());
  const cost = { memoryCost: 1024, timeCost: 1 };
  await createUser(
    db,
    null,
    { email: 'swd@bench.example.org', password: 'bench password 1', role: 'swd' },
    cost,
  );
  const started = performance.now();
  await sql`
    insert into operators (code, name)
    select 'OP' || lpad(i::text, 3, '0'), jsonb_build_object('en', 'Operator ' || i, 'zh-HK', '機構 ' || i)
    from generate_series(1, ${OPERATORS}) i`.execute(db);
  // 3,000 units dealt to the operators in turn (18 or 19 each), over the five regions.
  await sql`
    insert into units (operator_id, code, programme_code, region)
    select o.id, o.code || '-S' || lpad(g::text, 4, '0'), 'SPEAR', (array['A','B','C','D','E'])[1 + g % 5]
    from generate_series(0, ${UNITS - 1}) g
    join (select id, code, row_number() over (order by code) - 1 as n from operators) o on o.n = g % ${OPERATORS}`.execute(
    db,
  );
  const versions: { id: string; population: string }[] = [];
  for (const op of await db.selectFrom('operators').select('id').execute()) {
    for (const d of DEFINITIONS) {
      const elements = Object.entries(d.items).flatMap(([standard, names]) =>
        names.map((name: string) => ({
          type: 'likert',
          name,
          outcomeStandard: Number(standard),
          title: text(name, name),
        })),
      );
      const scoring = Object.fromEntries(
        Object.entries(d.items)
          .filter(([, n]) => n.length > 1)
          .map(([s]) => [s, 'majority']),
      );
      const definition = {
        programme: 'SPEAR',
        population: d.population,
        locales: ['zh-HK', 'en'],
        scoring,
        survey: { title: text('問卷', 'Q'), pages: [{ name: 'p', elements }] },
      };
      const { id } = await db
        .insertInto('questionnaires')
        .values({
          operator_id: op.id,
          programme_code: 'SPEAR',
          population: d.population,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('questionnaire_versions')
        .values({
          questionnaire_id: id,
          version: 1,
          status: 'draft',
          definition: JSON.stringify(definition),
          translations: JSON.stringify(freshState(definition as never, {})),
          created_by: null,
        })
        .execute();
      await db
        .updateTable('questionnaire_versions')
        .set({ status: 'submitted', content_hash: contentHash(definition) })
        .where('questionnaire_id', '=', id)
        .execute();
      await db
        .updateTable('questionnaire_versions')
        .set({ status: 'approved' })
        .where('questionnaire_id', '=', id)
        .execute();
      versions.push({ id, population: d.population });
    }
  }
  // One activity per unit and questionnaire of its operator; responses over 2025-26.
  await sql`
    insert into activities (operator_id, unit_id, kind, title, date)
    select q.operator_id, u.id, case q.population when 'learning_programme' then 'learning_programme_session' when 'service_users' then 'support_activity' else 'education_activity' end, 'Bench', '2025-04-01'
    from questionnaires q join units u on u.operator_id = q.operator_id`.execute(db);
  await sql`
    insert into activity_questionnaires (activity_id, questionnaire_id, version)
    select a.id, q.id, 1 from activities a join questionnaires q on q.operator_id = a.operator_id
      and a.kind = case q.population when 'learning_programme' then 'learning_programme_session' when 'service_users' then 'support_activity' else 'education_activity' end`.execute(
    db,
  );
  await sql`
    create table bench_aq as
    select (row_number() over (order by aq.activity_id) - 1)::int as n, aq.activity_id, aq.questionnaire_id, a.operator_id, a.unit_id
    from activity_questionnaires aq join activities a on a.id = aq.activity_id`.execute(db);
  const [{ count }] = (
    await sql<{ count: number }>`select count(*)::int as count from bench_aq`.execute(db)
  ).rows as [{ count: number }];
  const values = `'{"0":"strongly_agree","1":"agree","2":"no_opinion","3":"disagree","4":"strongly_disagree","5":null}'::jsonb`;
  const pick = sql.raw(`${values}->>(floor(random()*6))::int::text`);
  await sql`
    insert into responses (id, activity_id, operator_id, unit_id, questionnaire_id, version, locale, answers, completed_at, source, body_hash)
    select gen_random_uuid(), aq.activity_id, aq.operator_id, aq.unit_id, aq.questionnaire_id, 1, 'zh-HK',
      jsonb_strip_nulls(jsonb_build_object('s1a', ${pick}, 's1b', ${pick}, 's2', ${pick}, 's3a', ${pick},
        's3b', ${pick}, 'u3a', ${pick}, 'u3b', ${pick}, 'u4', ${pick}, 'e5', ${pick})),
      timestamptz '2025-04-01 00:00:00+08' + random() * interval '364 days',
      'paper', md5(random()::text)
    from generate_series(1, ${RESPONSES}) g
    join bench_aq aq on aq.n = g % ${count}`.execute(db);
  const inserted = performance.now();
  const rebuilt = await recomputeOutcomes(db);
  const recomputed = performance.now();
  // Service records: 10 cases a unit, each with a 6-hour enrolment, and 10 events a unit.
  await sql`
    create table bench_units as
    select id, operator_id, (row_number() over (order by code) - 1)::int as n from units`.execute(
    db,
  );
  await sql`
    insert into cases (operator_id, unit_id, reference, category, referred_on, referral_source, contact_due_on, first_contact_on)
    select u.operator_id, u.id, 'B-' || g, 'abuser', date '2025-04-01' + (g % 300), 'self',
      date '2025-04-01' + (g % 300) + 14, date '2025-04-01' + (g % 300) + (g % 21)
    from generate_series(1, ${UNITS * 10}) g join bench_units u on u.n = g % ${UNITS}`.execute(db);
  await sql`
    insert into enrolments (case_id, unit_id, programme, module, ended_on, half_hours)
    select id, unit_id, 'learning_6h', 'basic', referred_on + 30, 4 + abs(hashtext(id::text)) % 9 from cases`.execute(
    db,
  );
  await sql`
    insert into service_events (operator_id, unit_id, kind, date, sessions, participants, form, open_event)
    select u.operator_id, u.id, (array['promotion','support_activity','education_activity'])[1 + g % 3],
      date '2025-04-01' + (g % 365), 1 + g % 3, g % 12, case when g % 4 = 0 then 'individual' else 'group' end, g % 7 = 0
    from generate_series(1, ${UNITS * 10}) g join bench_units u on u.n = g % ${UNITS}`.execute(db);
  await sql`analyze`.execute(db);
  return {
    insertMs: inserted - started,
    recomputeMs: recomputed - inserted,
    ...rebuilt,
  };
}

async function median(label: string, call: () => Promise<Response> | Response) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await call();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  console.log(
    `  ${label.padEnd(44)} median ${ms.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})`,
  );
  return ms;
}

const server = pglite ? null : await startPostgres();
const opened = pglite
  ? await openDatabase({ dataDir: null })
  : await openDatabase({ url: server.url });
try {
  console.log(
    `Territory bench: ${RESPONSES.toLocaleString('en')} responses, ${OPERATORS} operators, ${UNITS.toLocaleString('en')} units, 2025-26, on ${pglite ? 'PGlite (embedded)' : server.version}`,
  );
  const seeded = await seed(opened);
  console.log(
    `  seeded in ${(seeded.insertMs / 1000).toFixed(1)} s; recompute-outcomes: ${seeded.verdicts.toLocaleString('en')} verdicts from ${seeded.responses.toLocaleString('en')} responses in ${(seeded.recomputeMs / 1000).toFixed(1)} s`,
  );
  const config = {
    ...readConfig({ LOG_LEVEL: 'silent' }),
    passwordHashing: { memoryCost: 1024, timeCost: 1 },
  };
  const app = createApp({ db: opened.db, config, log: createLogger('silent') });
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'swd@bench.example.org', password: 'bench password 1' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = (path: string) => () => app.request(`/api/v1${path}`, { headers: { cookie } });
  const territory = await median(
    'GET /outcomes/territory territory-wide',
    get('/outcomes/territory?programme=SPEAR&fiscalYear=2025'),
  );
  await median(
    'GET /outcomes/territory one region',
    get('/outcomes/territory?programme=SPEAR&fiscalYear=2025&region=B'),
  );
  await median(
    'GET /outcomes/territory.csv territory-wide',
    get('/outcomes/territory.csv?programme=SPEAR&fiscalYear=2025'),
  );
  await median(
    'GET /outcomes/trends territory-wide (5 years)',
    get('/outcomes/trends?programme=SPEAR&fiscalYear=2025'),
  );
  const funnels = {
    'funnel of units': await median(
      'GET /outcomes/funnel by unit (3,000 points)',
      get('/outcomes/funnel?programme=SPEAR&fiscalYear=2025&standard=1&by=unit'),
    ),
    'funnel of operators': await median(
      'GET /outcomes/funnel by operator (160 points)',
      get('/outcomes/funnel?programme=SPEAR&fiscalYear=2025&standard=1&by=operator'),
    ),
  };
  for (const [what, ms] of Object.entries({ 'territory table': territory, ...funnels }))
    if (!pglite && ms >= 50) {
      console.error(`  ${what} ${ms.toFixed(1)} ms: over the 50 ms target`);
      process.exitCode = 1;
    }
} finally {
  await opened.close();
  await server?.stop();
}
