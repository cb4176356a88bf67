import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { breakdownFor } from './breakdown.ts';
import { outcomesCsv } from './csv.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { outcomeRows } from './rows.ts';
import { outcomesWorkbook } from './xlsx.ts';
import { operatorTable, outcomes, quarters, resolveQuery } from './service.ts';
import { get, csv, xlsx, quarterly, table, breakdown } from './schemas.ts';

export function outcomeRoutes({ db }: Deps) {
  return newRouter()
    .openapi(get, async (c) =>
      c.json(
        await outcomes(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        200,
      ),
    )
    .openapi(csv, async (c) => {
      const resolved = await resolveQuery(db, c.get('actor')!, c.req.valid('query'));
      const head = {
        programme: resolved.programme.code,
        fiscalYear: fiscalYearLabel(resolved.fiscalYear),
      };
      c.header(
        'content-disposition',
        `attachment; filename="outcomes-${head.programme}-${head.fiscalYear}.csv"`,
      );
      return c.body(outcomesCsv(head, await outcomeRows(db, resolved)), 200, {
        'content-type': 'text/csv; charset=utf-8',
      });
    })
    .openapi(xlsx, async (c) => {
      const resolved = await resolveQuery(db, c.get('actor')!, c.req.valid('query'));
      const file = await outcomesWorkbook(resolved, await outcomeRows(db, resolved));
      c.header(
        'content-disposition',
        `attachment; filename="outcomes-${resolved.programme.code}-${fiscalYearLabel(resolved.fiscalYear)}.xlsx"`,
      );
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(quarterly, async (c) =>
      c.json(
        {
          items: await quarters(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        },
        200,
      ),
    )
    .openapi(table, async (c) =>
      c.json(
        await operatorTable(db, await resolveQuery(db, c.get('actor')!, c.req.valid('query'))),
        200,
      ),
    )
    .openapi(breakdown, async (c) => {
      const query = c.req.valid('query');
      const actor = c.get('actor')!;
      const resolved = await resolveQuery(db, actor, query);
      return c.json(await breakdownFor(db, actor, resolved, query.standard), 200);
    });
}
