// GET /outcomes/territory (.csv, .xlsx) and GET /outcomes/trends (issue 16).
import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { resolveQuery } from './service.ts';
import { territoryTable } from './territory.ts';
import { territoryCsv, territoryWorkbook } from './territory-exports.ts';
import {
  territory,
  territoryCsv as csvRoute,
  territoryXlsx,
  trendsRoute,
} from './territory-schemas.ts';
import { trends } from './trends.ts';

export function territoryRoutes({ db }: Deps) {
  return newRouter()
    .openapi(territory, async (c) => {
      const { units, ...query } = c.req.valid('query');
      const resolved = await resolveQuery(db, c.get('actor')!, query);
      const withUnits = units ? units === 'include' : resolved.operator !== null;
      return c.json(await territoryTable(db, resolved, withUnits), 200);
    })
    .openapi(csvRoute, async (c) => {
      const body = await territoryTable(
        db,
        await resolveQuery(db, c.get('actor')!, c.req.valid('query')),
      );
      c.header(
        'content-disposition',
        `attachment; filename="territory-${body.programme}-${body.fiscalYear}.csv"`,
      );
      return c.body(territoryCsv(body), 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .openapi(territoryXlsx, async (c) => {
      const body = await territoryTable(
        db,
        await resolveQuery(db, c.get('actor')!, c.req.valid('query')),
      );
      c.header(
        'content-disposition',
        `attachment; filename="territory-${body.programme}-${body.fiscalYear}.xlsx"`,
      );
      return c.body(new Uint8Array(await territoryWorkbook(body)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(trendsRoute, async (c) =>
      c.json(await trends(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))), 200),
    );
}
