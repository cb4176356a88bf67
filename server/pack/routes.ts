// The annual performance pack's routes (issue 16): read it (JSON, xlsx), and the coordinator's
// explanations, audited through the chain like every other write.
import { audited } from '../audit/repository.ts';
import { ruleBroken } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { findProgramme } from '../programmes/repository.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import * as repo from './repository.ts';
import { explain, get, xlsx } from './schemas.ts';
import { pack, standardKeys, unitForPack } from './service.ts';
import { packWorkbook } from './xlsx.ts';

export function packRoutes({ db }: Deps) {
  return newRouter()
    .openapi(get, async (c) => {
      const { code, fiscalYear } = c.req.valid('param');
      const actor = c.get('actor')!;
      const unit = await unitForPack(db, actor, code);
      return c.json(await pack(db, actor, unit, fiscalYear), 200);
    })
    .openapi(xlsx, async (c) => {
      const { code, fiscalYear } = c.req.valid('param');
      const actor = c.get('actor')!;
      const unit = await unitForPack(db, actor, code);
      const file = await packWorkbook(await pack(db, actor, unit, fiscalYear));
      c.header(
        'content-disposition',
        `attachment; filename="pack-${unit.code}-${fiscalYearLabel(fiscalYear)}.xlsx"`,
      );
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(explain, async (c) => {
      const { code, fiscalYear, standard } = c.req.valid('param');
      const { explanation, actionPlan } = c.req.valid('json');
      const actor = c.get('actor')!;
      const unit = await unitForPack(db, actor, code);
      const programme = await findProgramme(db, unit.programme_code);
      const keys = await standardKeys(
        db,
        unit.programme_code,
        programme?.outcomeStandards.map((s) => s.number) ?? [],
      );
      if (!keys.has(standard))
        throw ruleBroken('There is no such standard.', [
          { path: 'standard', message: `${unit.programme_code} has no standard ${standard}.` },
        ]);
      await audited(db, actor, async (trx) => {
        await repo.saveExplanation(trx, {
          unitId: unit.id,
          fiscalYear,
          standard,
          explanation,
          actionPlan,
          userId: actor.userId,
        });
        return {
          result: null,
          event: {
            action:
              explanation || actionPlan ? 'pack_explanation_saved' : 'pack_explanation_removed',
            targetType: 'unit',
            targetId: unit.code,
            operatorId: unit.operator_id,
            details: { fiscalYear, standard, explanation, actionPlan },
          },
        };
      });
      const saved = (await repo.explanationsOf(db, unit.id, fiscalYear)).get(standard) ?? null;
      return c.json(saved, 200);
    });
}
