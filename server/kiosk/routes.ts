import { audited } from '../audit/repository.ts';
import { AppError, notFound } from '../errors.ts';
import { scopeOf, type Actor, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { Uuid } from '../http/schemas.ts';
import type { QuestionnaireDefinition } from '../domain/definition.ts';
import type { TranslationState } from '../questionnaires/translations.ts';
import {
  QuarantineFull,
  ResponseSubmissionSchema,
  storeKioskResponse,
} from '../responses/service.ts';
import type { Context } from 'hono';
import { GUESS_LIMIT, guessLimiter } from '../auth/limits.ts';
import { checkStaffPin } from './service.ts';
import {
  closeKiosk,
  findKioskByCode,
  kioskEnd,
  kioskQuestionnaires,
  type KioskRow,
} from './repository.ts';
import { get, submit, staffCheck, closeById, close } from './schemas.ts';

/** The kiosk a code opens, or 404 (unknown); wrong codes from one address are rate-limited. */
function kioskFinder(deps: Deps) {
  const guesses = guessLimiter(deps.db, deps.config.trustProxy, 'kiosk', GUESS_LIMIT.kioskCodes);
  // Submissions arrive in bursts from the same tablets: a kiosk row is reused for a few seconds.
  // A kiosk closed meanwhile still refuses what was completed after it closed (plus the
  // contract's 5 minutes' tolerance), so the short delay changes no answer.
  const recent = new Map<string, { kiosk: KioskRow; until: number }>();
  return async (c: Context, code: string, { cached = false } = {}): Promise<KioskRow> => {
    const hit = cached ? recent.get(code) : undefined;
    if (hit && hit.until > Date.now()) return hit.kiosk;
    const kiosk = await findKioskByCode(deps.db, code);
    if (!kiosk) {
      await guesses.missed(c);
      throw notFound('The kiosk');
    }
    if (recent.size > 1000) recent.clear();
    recent.set(code, { kiosk, until: Date.now() + KIOSK_CACHE_MS });
    return kiosk;
  };
}

const KIOSK_CACHE_MS = 5000;

const offeredLocales = (definition: QuestionnaireDefinition, translations: TranslationState) =>
  (definition.locales ?? []).filter(
    (l) => l === 'zh-HK' || translations.locales?.[l] === 'reviewed',
  );

export function kioskRoutes(deps: Deps) {
  const { db } = deps;
  const openKioskByCode = kioskFinder(deps);
  /** Closes the kiosk (of the actor's operator) and records it; 404 when there is none. */
  const closeAudited = (actor: Actor, where: Parameters<typeof closeKiosk>[2]) =>
    audited(db, actor, async (trx) => {
      const kiosk = await closeKiosk(trx, scopeOf(actor), where);
      if (!kiosk) throw notFound('The kiosk');
      return {
        result: null,
        event: {
          action: 'kiosk_closed',
          targetType: 'kiosk',
          targetId: kiosk.id,
          operatorId: kiosk.operator_id,
        },
      };
    });
  const router = newRouter();
  router.openAPIRegistry.register('ResponseSubmission', ResponseSubmissionSchema);
  return router
    .openapi(get, async (c) => {
      const kiosk = await openKioskByCode(c, c.req.valid('param').code);
      const now = new Date();
      if (kioskEnd(kiosk) <= now) throw new AppError(410, 'kiosk_closed', 'This kiosk is closed.');
      const versions = await kioskQuestionnaires(db, kiosk.activity_id);
      c.header('cache-control', 'no-store');
      return c.json(
        {
          activity: { title: kiosk.title, date: kiosk.date },
          questionnaires: versions.map((v) => {
            const definition = v.definition;
            return {
              id: v.questionnaire_id,
              version: v.version,
              locales: offeredLocales(definition, v.translations),
              definition: v.definition,
            };
          }),
          serverTime: now.toISOString(),
          expiresAt: kioskEnd(kiosk).toISOString(),
          hasPin: kiosk.pin_hash !== null,
        },
        200,
      );
    })
    .openapi(submit, async (c) => {
      const kiosk = await openKioskByCode(c, c.req.valid('param').code, { cached: true });
      const body = c.get('json');
      if (body === undefined) throw new AppError(400, 'bad_request', 'Send the response as JSON.');
      const stored = await storeKioskResponse(
        db,
        {
          activityId: kiosk.activity_id,
          operatorId: kiosk.operator_id,
          unitId: kiosk.unit_id,
          kiosk,
          source: 'kiosk',
        },
        body,
      ).catch((error: unknown) => {
        if (error instanceof QuarantineFull)
          c.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      });
      return stored.status === 201
        ? c.json({ id: stored.id }, 201)
        : c.json({ id: stored.id }, 200);
    })
    .openapi(staffCheck, async (c) => {
      const kiosk = await openKioskByCode(c, c.req.valid('param').code);
      await checkStaffPin(deps, kiosk, c.req.valid('json').pin);
      return c.body(null, 204);
    })
    .openapi(close, async (c) => {
      await closeAudited(c.get('actor')!, { code: c.req.valid('param').code });
      return c.body(null, 204);
    })
    .openapi(closeById, async (c) => {
      const { id, kioskId } = c.req.valid('param');
      if (!Uuid.test(id) || !Uuid.test(kioskId)) throw notFound('The kiosk');
      await closeAudited(c.get('actor')!, { id: kioskId, activityId: id });
      return c.body(null, 204);
    });
}
