import type { Db } from '../db/open.ts';
import type { HashCost } from '../auth/passwords.ts';
import { audited } from '../audit/repository.ts';
import { findOperatorId } from '../operators/repository.ts';
import { createOperator } from '../operators/service.ts';
import { findProgramme } from '../programmes/repository.ts';
import { createUser } from '../users/service.ts';

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

/**
 * Loads the fictional demo operator with a SPeaR unit and a ChildPRO unit and its three users.
 * Idempotent: does nothing when the demo operator exists.
 */
export async function seedDemo(db: Db, cost: HashCost): Promise<boolean> {
  if (await findOperatorId(db, DEMO_OPERATOR)) return false;
  const spear = await findProgramme(db, 'SPEAR');
  const childpro = await findProgramme(db, 'CHILDPRO');
  const region = spear?.areas.find((a) => a.code === 'C') ?? spear?.areas[0];
  const team = childpro?.areas[2] ?? childpro?.areas[0];
  await audited(db, null, async (trx) => ({
    result: await createOperator(trx, {
      code: DEMO_OPERATOR,
      name: {
        en: 'Demo Family Services (fictional, demo data)',
        'zh-HK': '示範家庭服務（虛構示範資料）',
      },
      demo: true,
      units: [
        ...(region
          ? [
              {
                code: 'DEMO-SPEAR',
                programme: 'SPEAR',
                region: region.code,
                districts: region.districts,
              },
            ]
          : []),
        ...(team
          ? [
              {
                code: 'DEMO-CHILDPRO',
                programme: 'CHILDPRO',
                region: team.code,
                districts: team.districts,
              },
            ]
          : []),
      ],
    }),
    event: { action: 'demo_seeded', targetType: 'operator', targetId: DEMO_OPERATOR },
  }));
  for (const user of DEMO_USERS) await createUser(db, null, user, cost);
  return true;
}
