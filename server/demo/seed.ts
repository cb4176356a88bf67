import type { Db } from '../db/open.ts';
import type { HashCost } from '../auth/passwords.ts';
import { audited } from '../audit/repository.ts';
import type { Actor } from '../http/context.ts';
import { findOperatorId } from '../operators/repository.ts';
import { createOperator } from '../operators/service.ts';
import { findProgramme } from '../programmes/repository.ts';
import { createUser } from '../users/service.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { saveExplanation } from '../pack/repository.ts';
import { seedServiceRecords } from './records.ts';
import { DEMO_OPERATORS, seedSampleYears } from './year.ts';

export const DEMO_OPERATOR = 'DEMO';

/** The demo sign-ins: public by design, printed at start, never for real data. */
export const DEMO_USERS = [
  { email: 'admin@demo.example.org', password: 'demo-admin-password', role: 'admin' },
  {
    email: 'coordinator@demo.example.org',
    password: 'demo-coordinator-password',
    role: 'coordinator',
    operator: DEMO_OPERATOR,
  },
  { email: 'swd@demo.example.org', password: 'demo-swd-password', role: 'swd' },
] as const;

/** True when nobody has an account yet: a brand-new database. */
export async function isEmpty(db: Db) {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
}

export interface DemoOptions {
  /**
   * Load the sample years (activities and responses, cases and service records) too; tests of
   * exact figures leave them out.
   */
  sampleYears?: boolean;
  /** "Today": the current financial year holds the activities before it. */
  now?: Date;
}

/** A demo user as the services' actor. */
async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'role'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    operatorId: null,
    operatorCode: null,
    via: 'session',
    sessionHash: null,
    mustChangePassword: false,
  };
}

/**
 * Loads the fictional demo operators (DEMO, whose coordinator signs in, and four others across
 * SPeaR's regions and ChildPRO's teams), the three demo users and, unless told not to, the
 * sample years: approved questionnaires, activities and a few hundred responses this financial
 * year and last. Idempotent: does nothing when the demo operator exists.
 */
export async function seedDemo(
  db: Db,
  cost: HashCost,
  options: DemoOptions = {},
): Promise<boolean> {
  if (await findOperatorId(db, DEMO_OPERATOR)) return false;
  const programmes = {
    SPEAR: await findProgramme(db, 'SPEAR'),
    CHILDPRO: await findProgramme(db, 'CHILDPRO'),
  };
  await audited(db, null, async (trx) => {
    for (const operator of DEMO_OPERATORS) {
      if (await findOperatorId(trx, operator.code)) continue;
      await createOperator(trx, {
        code: operator.code,
        name: operator.name,
        demo: true,
        units: operator.units.flatMap((unit) => {
          const area = programmes[unit.programme]?.areas.find((a) => a.code === unit.area);
          return area
            ? [
                {
                  code: unit.code,
                  programme: unit.programme,
                  region: area.code,
                  districts: area.districts,
                },
              ]
            : [];
        }),
      });
    }
    return {
      result: null,
      event: { action: 'demo_seeded', targetType: 'operator', targetId: DEMO_OPERATOR },
    };
  });
  for (const user of DEMO_USERS) await createUser(db, null, user, cost);
  if (options.sampleYears ?? true) {
    const admin = await actorFor(db, DEMO_USERS[0].email);
    const now = options.now ?? new Date();
    await seedSampleYears(db, { admin, swd: await actorFor(db, DEMO_USERS[2].email) }, now);
    await seedServiceRecords(db, admin.userId, now);
    await seedDemoExplanation(db, fiscalYearOf(now));
  }
  return true;
}

/** The demo outlier's coordinator explains its miss of outcome standard 3 in its pack. */
export const DEMO_EXPLANATION = {
  unit: 'WESTBAY-SPEAR-E',
  standard: 'outcome-3',
  explanation:
    '（示範）本年度兩名資深社工離職，第二季的學習計劃由新同事接手，小組人數亦較以往多。' +
    ' (Demo) Two senior social workers left this year; new colleagues took over the learning programme in the second quarter, with larger groups than before.',
  actionPlan:
    '（示範）由第四季起每組不多於八人，由資深督導每月觀課，並於每節後跟進參加者的壓力處理。' +
    ' (Demo) From the fourth quarter: groups of at most eight, monthly observation by a senior supervisor, and a follow-up call on stress after each session.',
};

async function seedDemoExplanation(db: Db, fiscalYear: number) {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'operator_id'])
    .where('code', '=', DEMO_EXPLANATION.unit)
    .executeTakeFirst();
  if (!unit) return;
  const { unit: code, standard, explanation, actionPlan } = DEMO_EXPLANATION;
  await audited(db, null, async (trx) => {
    await saveExplanation(trx, {
      unitId: unit.id,
      fiscalYear,
      standard,
      explanation,
      actionPlan,
      userId: null,
    });
    return {
      result: null,
      event: {
        action: 'pack_explanation_saved',
        targetType: 'unit',
        targetId: code,
        operatorId: unit.operator_id,
        details: { fiscalYear, standard, explanation, actionPlan },
      },
    };
  });
}
