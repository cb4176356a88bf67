// Outcome reports at territory scale: seeds N responses over 50 operators and 3 financial years,
// rebuilds their verdicts, and reports the median time of the report calls.
//   npx tsx bench/outcomes.ts                 1,000,000 responses on a throwaway PostgreSQL
//   npx tsx bench/outcomes.ts --pglite        100,000 responses on the embedded database
//   BENCH_RESPONSES=200000 npx tsx bench/outcomes.ts
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
const OPERATORS = 50;
const RUNS = 15;

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
  const regions = ['A', 'B', 'C', 'D', 'E'];
  await sql`
    insert into operators (code, name)
    select 'OP' || lpad(i::text, 2, '0'), jsonb_build_object('en', 'Operator ' || i, 'zh-HK', '機構 ' || i)
    from generate_series(1, ${OPERATORS}) i`.execute(db);
  await sql`
    insert into units (operator_id, code, programme_code, region)
    select id, code || '-S', 'SPEAR', (${sql.val(regions)}::text[])[1 + (row_number() over (order by code) - 1) % 5]
    from operators where code like 'OP%'`.execute(db);
  const versions: { id: string; population: string }[] = [];
  for (const op of await db
    .selectFrom('operators')
    .select('id')
    .where('code', 'like', 'OP%')
    .execute()) {
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
  // One activity per questionnaire; responses spread over three financial years (2024-25 .. 2026-27).
  await sql`
    insert into activities (operator_id, unit_id, kind, title, date)
    select q.operator_id, u.id, case q.population when 'learning_programme' then 'learning_programme_session' when 'service_users' then 'support_activity' else 'education_activity' end, 'Bench', '2025-01-01'
    from questionnaires q join units u on u.operator_id = q.operator_id`.execute(db);
  await sql`
    insert into activity_questionnaires (activity_id, questionnaire_id, version)
    select a.id, q.id, 1 from activities a join questionnaires q on q.operator_id = a.operator_id
      and a.kind = case q.population when 'learning_programme' then 'learning_programme_session' when 'service_users' then 'support_activity' else 'education_activity' end`.execute(
    db,
  );
  const started = performance.now();
  const values = `'{"0":"strongly_agree","1":"agree","2":"no_opinion","3":"disagree","4":"strongly_disagree","5":null}'::jsonb`;
  await sql`
    insert into responses (id, activity_id, operator_id, unit_id, questionnaire_id, version, locale, answers, completed_at, source, body_hash)
    select gen_random_uuid(), aq.activity_id, a.operator_id, a.unit_id, aq.questionnaire_id, 1, 'zh-HK',
      jsonb_strip_nulls(jsonb_build_object(
        's1a', ${sql.raw(values)}->>(floor(random()*6))::int::text, 's1b', ${sql.raw(values)}->>(floor(random()*6))::int::text,
        's2', ${sql.raw(values)}->>(floor(random()*6))::int::text, 's3a', ${sql.raw(values)}->>(floor(random()*6))::int::text,
        's3b', ${sql.raw(values)}->>(floor(random()*6))::int::text, 'u3a', ${sql.raw(values)}->>(floor(random()*6))::int::text,
        'u3b', ${sql.raw(values)}->>(floor(random()*6))::int::text, 'u4', ${sql.raw(values)}->>(floor(random()*6))::int::text,
        'e5', ${sql.raw(values)}->>(floor(random()*6))::int::text)),
      timestamptz '2024-04-01 00:00:00+08' + random() * (timestamptz '2026-11-20 00:00:00+08' - timestamptz '2024-04-01 00:00:00+08'),
      'paper', md5(random()::text)
    from generate_series(1, ${RESPONSES}) g
    join lateral (select activity_id, questionnaire_id from activity_questionnaires order by activity_id offset (g % ${OPERATORS * 3}) limit 1) aq on true
    join activities a on a.id = aq.activity_id`.execute(db);
  const inserted = performance.now();
  const rebuilt = await recomputeOutcomes(db);
  await sql`analyze`.execute(db);
  return { insertMs: inserted - started, recomputeMs: performance.now() - inserted, ...rebuilt };
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
    `Outcomes bench: ${RESPONSES.toLocaleString('en')} responses, ${OPERATORS} operators, 3 years, on ${pglite ? 'PGlite (embedded)' : server.version}`,
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
  await median(
    'GET /outcomes territory-wide (2025-26)',
    get('/outcomes?programme=SPEAR&fiscalYear=2025'),
  );
  await median(
    'GET /outcomes one operator (2025-26)',
    get('/outcomes?programme=SPEAR&fiscalYear=2025&operator=OP07'),
  );
  await median(
    'GET /outcomes/table operators x standards',
    get('/outcomes/table?programme=SPEAR&fiscalYear=2025'),
  );
  await median(
    'GET /outcomes.xlsx territory-wide',
    get('/outcomes.xlsx?programme=SPEAR&fiscalYear=2025'),
  );
} finally {
  await opened.close();
  await server?.stop();
}
