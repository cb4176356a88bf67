import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { CSV_TYPE, templateCsv, templateXlsx, XLSX_TYPE } from './files.ts';
import { csvTemplateRoute, importRoute, xlsxTemplateRoute } from './schemas.ts';
import { importFile } from './service.ts';

export function importRoutes({ db }: Deps) {
  return newRouter()
    .openapi(importRoute, async (c) => {
      const { kind } = c.req.valid('param');
      const dryRun = c.req.valid('query').dryRun === 'true';
      // The guard has refused any other type (415).
      const type = c.req.header('content-type')!.toLowerCase().startsWith(CSV_TYPE)
        ? 'csv'
        : 'xlsx';
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const result = await importFile(db, c.get('actor')!, kind, { bytes, type }, dryRun);
      return c.json(result, dryRun || result.alreadyImported ? 200 : 201);
    })
    .openapi(csvTemplateRoute, (c) => {
      const { kind } = c.req.valid('param');
      c.header('content-disposition', `attachment; filename="${kind}-template.csv"`);
      return c.body(templateCsv(kind), 200, { 'content-type': `${CSV_TYPE}; charset=utf-8` });
    })
    .openapi(xlsxTemplateRoute, async (c) => {
      const { kind } = c.req.valid('param');
      c.header('content-disposition', `attachment; filename="${kind}-template.xlsx"`);
      return c.body(new Uint8Array(await templateXlsx(kind)), 200, { 'content-type': XLSX_TYPE });
    });
}
