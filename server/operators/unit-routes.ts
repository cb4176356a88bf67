// Changing a unit's area and districts (admin). Its code and programme never change: responses
// and outcomes refer to them.
import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound, ruleBroken, type ErrorDetail } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody } from '../http/schemas.ts';
import { dcDistrictCodes, findProgramme } from '../programmes/repository.ts';
import { listOperators } from './repository.ts';
import { findUnitForUpdate, updateUnitArea } from './unit-repository.ts';

const UnitSchema = z
  .object({
    code: z.string(),
    programme: z.string(),
    region: z.string().nullable(),
    districts: z.array(z.string()),
  })
  .openapi('UnitArea');

const update = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'patch',
    path: '/operators/{code}/units/{unit}',
    summary: "Change a unit's region or team and its districts (admin, audited)",
    description:
      'A unit keeps its code and programme. `region: null` leaves the unit without an area; ' +
      '`districts` replaces the list. Fields left out stay as they are.',
    request: {
      params: z.object({ code: z.string().max(40), unit: z.string().max(40) }),
      body: jsonBody(
        z.object({
          region: z
            .string()
            .max(40)
            .nullable()
            .optional()
            .openapi({ description: 'A SPeaR region or a ChildPRO team, or null for none' }),
          districts: z
            .array(z.string().max(60))
            .max(18)
            .optional()
            .openapi({ description: 'District Council district codes' }),
        }),
      ),
    },
    responses: { 200: json(UnitSchema, 'The unit'), ...errors(401, 403, 404, 422) },
  },
);

export function unitRoutes({ db }: Deps) {
  return newRouter().openapi(update, async (c) => {
    const { code, unit: unitCode } = c.req.valid('param');
    const body = c.req.valid('json');
    const unit = await audited(db, c.get('actor'), async (trx) => {
      const [operator] = await listOperators(trx, 'all', code);
      const unit = operator && (await findUnitForUpdate(trx, operator.id, unitCode));
      if (!operator || !unit) throw notFound('The unit');
      if (body.region === undefined && body.districts === undefined)
        throw ruleBroken('Give a region or districts to change.', [
          { path: 'region', message: 'Give region, districts or both.' },
        ]);
      const programme = (await findProgramme(trx, unit.programme_code))!;
      const districts = await dcDistrictCodes(trx);
      const details: ErrorDetail[] = [];
      if (body.region != null && !programme.areas.some((a) => a.code === body.region))
        details.push({
          path: 'region',
          message: `${programme.code} has no ${programme.areaKind} ${body.region}; choose one of ${programme.areas.map((a) => a.code).join(', ')}.`,
        });
      for (const d of body.districts ?? [])
        if (!districts.has(d))
          details.push({ path: 'districts', message: `There is no district ${d}.` });
      if (details.length) throw ruleBroken('The unit’s area is not valid.', details);
      const after = {
        region: body.region === undefined ? unit.region : body.region,
        districts: body.districts ? [...new Set(body.districts)] : unit.districts,
      };
      await updateUnitArea(trx, unit.id, after);
      return {
        result: { code: unit.code, programme: unit.programme_code, ...after },
        event: {
          action: 'unit_updated',
          targetType: 'unit',
          targetId: unit.code,
          operatorId: operator.id,
          details: {
            operator: code,
            before: { region: unit.region, districts: unit.districts },
            after,
          },
        },
      };
    });
    return c.json(unit, 200);
  });
}
