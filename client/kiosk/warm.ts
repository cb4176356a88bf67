// What the language chooser does not need, fetched once it is on screen: the web fonts, the form
// library (SurveyJS, most of the kiosk's bytes, with its CSS) and the first offered language's
// form strings; then the service worker, which keeps every kiosk file, each language's strings
// and SurveyJS dictionary among them, for offline use. The chooser paints from the small first
// bundle; a tap on a language then loads only that language's few small files (from the
// worker's cache once it has them), and finds the form library here.
import type { LocaleCode } from '../../server/domain/definition.ts';
import { loadStrings } from './i18n.ts';
import type { KioskQuestionnaire } from './kioskData.ts';

export type FormLibrary = typeof import('./KioskSurvey.tsx');

let form: Promise<FormLibrary> | undefined;

/** The form library (loaded once; fetched again if it failed to arrive, offline). */
export function loadForm(): Promise<FormLibrary> {
  form ??= import('./KioskSurvey.tsx').catch((error: unknown) => {
    form = undefined;
    throw error;
  });
  return form;
}

/** Everything a participant choosing `locale` needs before the form can open. */
export async function prepareLanguage(locale: LocaleCode): Promise<FormLibrary> {
  const [library] = await Promise.all([
    loadForm(),
    loadStrings(locale),
    loadForm().then((library) => library.loadSurveyLocale(locale)),
    loadForm().then((library) => library.loadFormStrings(locale)),
  ]);
  return library;
}

/** Resolves after the browser has painted what is on screen now. */
const afterPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

let warming: Promise<void> | undefined;

/**
 * Once the first screen is painted, the first time: fetches the fonts, the form library and the
 * first offered language (the other languages wait for a tap, or for the service worker's
 * precache), renders `questionnaire` once out of sight (rehearse), then registers the service
 * worker (after them, so its precaching finds them in the HTTP cache rather than competing with
 * the first screen for a slow network). Later calls do nothing.
 */
export function warmUp(
  locales: readonly LocaleCode[],
  questionnaire?: KioskQuestionnaire,
): Promise<void> {
  warming ??= afterPaint()
    .then(() =>
      Promise.allSettled([
        import('./fonts.ts'),
        locales[0] ? prepareLanguage(locales[0]) : loadForm(),
      ]),
    )
    .then(async () => {
      if (!questionnaire || !locales[0]) return;
      const library = await loadForm().catch(() => undefined);
      await afterPaint();
      library?.rehearse(questionnaire, locales[0]);
    })
    .then(() => registerWorker());
  return warming;
}

let registered = false;

/**
 * The service worker makes the kiosk start and work with no network (see sw.ts). Vite's dev
 * server has no built worker, so only the built app registers it.
 */
function registerWorker() {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('/kiosk-sw.js', { scope: '/kiosk/' }).then(
    async () => {
      // Files fetched before the worker took charge (this visit's fonts) are handed to it, so
      // they are there offline too; later ones it caches itself.
      const ready = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name))
        .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
        .map((url) => url.pathname);
      ready.active?.postMessage({ type: 'cache-assets', urls });
    },
    () => {
      // Without it the kiosk still works while the network lasts; answers are kept regardless.
    },
  );
}
