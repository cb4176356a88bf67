import type { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { resolveQuery } from '../outcomes/service.ts';
import { findProgramme } from '../programmes/repository.ts';
import { outputsCsv, outputsWorkbook } from './exports.ts';
import * as repo from './repository.ts';
import {
  csv,
  declare,
  deleteClosure,
  get,
  listClosures,
  putClosure,
  setLevel,
  standardsRoute,
  xlsx,
  type Query,
} from './schemas.ts';
import { declareClosureDay, declareNoRefusal, outputs, withdrawClosureDay } from './service.ts';

async function standardsBody(db: Deps['db'], code: string) {
  const [{ standards, conversions }, lists] = await Promise.all([
    repo.outputStandardsOf(db, code),
    repo.serviceLists(db, code),
  ]);
  const grouped: Record<string, { code: string; name: Record<string, string> }[]> = {};
  for (const item of lists) (grouped[item.list] ??= []).push({ code: item.code, name: item.name });
  return {
    items: standards.map((s) => ({
      number: s.number,
      name: s.name,
      counts: s.counts,
      measure: s.measure,
      illustrative: s.illustrative,
      agreedLevels: s.levels,
    })),
    conversions: conversions.map((c) => ({ ...c })),
    lists: grouped,
  };
}

export function outputRoutes({ db }: Deps) {
  const resolve = async (
    actor: Parameters<typeof resolveQuery>[1],
    query: z.infer<typeof Query>,
  ) => ({
    ...(await resolveQuery(db, actor, query)),
    quarter: query.quarter ?? null,
  });
  return newRouter()
    .openapi(get, async (c) =>
      c.json(await outputs(db, await resolve(c.get('actor')!, c.req.valid('query'))), 200),
    )
    .openapi(csv, async (c) => {
      const body = await outputs(db, await resolve(c.get('actor')!, c.req.valid('query')));
      c.header(
        'content-disposition',
        `attachment; filename="outputs-${body.programme}-${body.fiscalYear}.csv"`,
      );
      return c.body(outputsCsv(body), 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .openapi(xlsx, async (c) => {
      const body = await outputs(db, await resolve(c.get('actor')!, c.req.valid('query')));
      c.header(
        'content-disposition',
        `attachment; filename="outputs-${body.programme}-${body.fiscalYear}.xlsx"`,
      );
      return c.body(new Uint8Array(await outputsWorkbook(body)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(standardsRoute, async (c) => {
      const { code } = c.req.valid('param');
      if (!(await findProgramme(db, code))) throw notFound('The programme');
      return c.json(await standardsBody(db, code), 200);
    })
    .openapi(setLevel, async (c) => {
      const { code, number } = c.req.valid('param');
      const level = c.req.valid('json');
      await audited(db, c.get('actor'), async (trx) => {
        const { standards } = await repo.outputStandardsOf(trx, code);
        const standard = standards.find((s) => String(s.number) === number);
        if (!standard) throw notFound('The output standard');
        await repo.setOutputLevel(trx, { programme: code, number: standard.number, ...level });
        return {
          result: null,
          event: {
            action: 'output_level_set',
            targetType: 'output_standard',
            targetId: `${code}/${standard.number}`,
            details: level,
          },
        };
      });
      return c.json(await standardsBody(db, code), 200);
    })
    .openapi(listClosures, async (c) => c.json({ items: await repo.listClosureDays(db) }, 200))
    .openapi(putClosure, async (c) => {
      const { date } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await declareClosureDay(db, c.get('actor')!, date, reason);
      return c.json({ date, reason }, 200);
    })
    .openapi(deleteClosure, async (c) => {
      await withdrawClosureDay(db, c.get('actor')!, c.req.valid('param').date);
      return c.body(null, 204);
    })
    .openapi(declare, async (c) => {
      const { code, fiscalYear } = c.req.valid('param');
      const { declared } = c.req.valid('json');
      const unit = await declareNoRefusal(db, c.get('actor')!, code, fiscalYear, declared);
      return c.json({ unit, fiscalYear: fiscalYearLabel(fiscalYear), declared }, 200);
    });
}
