// What GET /api/v1/kiosk/{code} gives the tablet, fetched with a clock correction and kept in
// IndexedDB so a reload without network still opens the form.
import type { z } from '@hono/zod-openapi';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';
import type { KioskSchema } from '../../server/kiosk/schemas.ts';
import { loadSavedKiosk, saveKiosk } from './store.ts';

type Served = z.infer<typeof KioskSchema>;

/** An approved questionnaire as served: its definition typed as the domain's definition. */
export type KioskQuestionnaire = Omit<Served['questionnaires'][number], 'definition'> & {
  definition: QuestionnaireDefinition;
};

/** The kiosk as GET /kiosk/{code} answers it (server/kiosk/schemas.ts is the one source). */
export type KioskData = Omit<Served, 'questionnaires'> & { questionnaires: KioskQuestionnaire[] };

export type KioskLoad =
  | { kind: 'ready'; kiosk: KioskData; clockOffset: number; offline: boolean }
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'unavailable' };

/** Marks a response the service worker answered from its cache (see sw.ts). */
export const FROM_CACHE_HEADER = 'x-kiosk-from-cache';

export const kioskUrl = (code: string) => `/api/v1/kiosk/${encodeURIComponent(code)}`;

/**
 * The kiosk's data: from the server when it answers, with the tablet's clock error measured
 * against `serverTime` (at the request's midpoint); otherwise the copy saved last time, with the
 * correction measured then.
 */
export async function loadKiosk(code: string): Promise<KioskLoad> {
  let cached: KioskData | undefined;
  try {
    const sent = Date.now();
    // The request the page's Link header preloads (server/app.ts): the same URL and credentials
    // mode (`crossorigin` is same-origin), so the browser hands over that answer instead of
    // asking again. The route reads no session: the kiosk is anonymous whoever is signed in.
    const response = await fetch(kioskUrl(code), { credentials: 'same-origin' });
    const received = Date.now();
    if (response.ok && response.headers.get(FROM_CACHE_HEADER)) {
      cached = (await response.json()) as KioskData;
    } else if (response.ok) {
      const kiosk = (await response.json()) as KioskData;
      const clockOffset = Date.parse(kiosk.serverTime) - requestMidpoint(code, sent, received);
      // Best effort: without storage the kiosk still works while the network lasts. Not waited
      // for: on a busy tablet IndexedDB can take a few hundred milliseconds, and the first screen
      // needs only the data.
      void saveKiosk({ code, kiosk, clockOffset, savedAt: new Date().toISOString() }).catch(
        () => undefined,
      );
      return { kind: 'ready', kiosk, clockOffset, offline: false };
    } else if (response.status === 404) {
      return { kind: 'not-found' };
    } else if (response.status === 410) {
      return { kind: 'closed' };
    }
    // 5xx, 429: the server is there but cannot answer now; use what we have.
  } catch {
    // No network: fall through to the saved copy.
  }
  const saved = await loadSavedKiosk(code).catch(() => undefined);
  if (saved)
    return { kind: 'ready', kiosk: saved.kiosk, clockOffset: saved.clockOffset, offline: true };
  // A copy only the service worker kept: its serverTime is old, so no correction can be made.
  if (cached) return { kind: 'ready', kiosk: cached, clockOffset: 0, offline: true };
  return { kind: 'unavailable' };
}

/**
 * When the server most likely stamped `serverTime`: halfway through the request as the browser
 * timed it (the preloaded request started before `fetch` was called), else halfway between the
 * call and the answer.
 */
function requestMidpoint(code: string, sent: number, received: number): number {
  const url = new URL(kioskUrl(code), location.href).href;
  const timing = performance.getEntriesByName(url).at(-1) as PerformanceResourceTiming | undefined;
  if (timing && timing.requestStart > 0 && timing.responseStart >= timing.requestStart)
    return performance.timeOrigin + (timing.requestStart + timing.responseStart) / 2;
  return (sent + received) / 2;
}

/** The questionnaire's title in a language (Chinese, the approved text, when missing). */
export function titleIn(questionnaire: KioskQuestionnaire, locale: string): string {
  const title = questionnaire.definition.survey?.title as Record<string, string> | undefined;
  return title?.[locale] || title?.['zh-HK'] || '';
}

/** Whether the kiosk has closed, by the server's clock. */
export const expired = (ready: Extract<KioskLoad, { kind: 'ready' }>) =>
  Date.now() + ready.clockOffset > Date.parse(ready.kiosk.expiresAt);

/** The languages offered by at least one questionnaire, in the product's order. */
export function offeredLocales(kiosk: KioskData, order: readonly string[]): string[] {
  const offered = new Set(kiosk.questionnaires.flatMap((q) => q.locales));
  return order.filter((code) => offered.has(code));
}
