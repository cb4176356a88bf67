import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import {
  agreedPercentFor,
  findProgramme,
  listDistricts,
  listProgrammes,
  setAgreedLevel,
  type Programme,
} from './repository.ts';
import { list, setLevel, districts } from './schemas.ts';

/** The public shape of a programme; agreedPercent is the level in force this financial year. */
export function toProgrammeBody(p: Programme, now = new Date()) {
  const year = fiscalYearOf(now);
  return {
    code: p.code,
    name: p.name,
    illustrative: p.illustrative,
    areaKind: p.areaKind as 'region' | 'team',
    areas: p.areas,
    populations: p.populations,
    outcomeStandards: p.outcomeStandards.map((s) => ({
      number: s.number,
      name: s.name,
      agreedPercent: agreedPercentFor(s, year),
      agreedLevels: s.levels,
      populations: s.populations,
      illustrative: s.illustrative,
    })),
    activityKinds: p.activityKinds,
  };
}

export function programmeRoutes({ db }: Deps) {
  return newRouter()
    .openapi(list, async (c) => {
      const programmes = await listProgrammes(db);
      return c.json({ items: programmes.map((p) => toProgrammeBody(p)) }, 200);
    })
    .openapi(setLevel, async (c) => {
      const { code, number } = c.req.valid('param');
      const level = c.req.valid('json');
      const programme = await audited(db, c.get('actor'), async (trx) => {
        const found = await findProgramme(trx, code);
        const standard = found?.outcomeStandards.find((s) => String(s.number) === number);
        if (!found || !standard) throw notFound('The outcome standard');
        await setAgreedLevel(trx, { programme: code, number: standard.number, ...level });
        return {
          result: (await findProgramme(trx, code))!,
          event: {
            action: 'agreed_level_set',
            targetType: 'outcome_standard',
            targetId: `${code}/${standard.number}`,
            details: level,
          },
        };
      });
      return c.json(toProgrammeBody(programme), 200);
    })
    .openapi(districts, async (c) => c.json({ items: await listDistricts(db) }, 200));
}
