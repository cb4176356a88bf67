// The tablet kiosk: its own entry, so the tablet loads only kiosk code (no designer, no reports).
// This first file is small on purpose: it asks for the kiosk's data at once, while the app's code
// (React and the screens, preloaded by kiosk.html: vite.config.ts, preloadApp) is still arriving
// over a slow network, so the chooser waits for one round trip less. The web fonts come after
// the first screen (warm.ts): until then it shows in the tablet's own fonts.
import './fonts.css';
import './kiosk.css';
import { paintChooser } from './firstPaint.ts';
import { loadKiosk, type KioskLoad } from './kioskData.ts';
import { latestKioskCode } from './store.ts';

/** The kiosk code from /kiosk/{code}. */
function kioskCode(): string {
  const segment = window.location.pathname.split('/')[2] ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

// A browser showing the kiosk holds no staff session: a participant who finds a way out (the
// staff dialog's sign-in link, another tab) must not land in a signed-in staff app. Best effort:
// offline there is no session to end on the server, and the cookie goes with the next sign-in.
// Sent once the kiosk's data is in, so it does not hold one of the page's few connections while
// the first screen's files arrive.
function signOut() {
  void fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}

/** How long React waits for the kiosk's data before starting with its loading screen. */
const DATA_WAIT_MS = 2000;

/** Resolves once the browser has put a frame on screen. */
const afterFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function start() {
  let code = kioskCode();
  // The installed app opens /kiosk/: continue with the kiosk this tablet last opened. The
  // address is replaced, never pushed, so Back leads nowhere inside the kiosk.
  if (!code) {
    code = (await latestKioskCode().catch(() => undefined)) ?? '';
    if (code) history.replaceState(null, '', `/kiosk/${encodeURIComponent(code)}`);
  }
  const first = loadKiosk(code);
  void first.finally(signOut);
  // The data usually comes before React: the chooser is painted without it (firstPaint.ts).
  let arrived: KioskLoad | undefined;
  let mounted = false;
  const painted = first.then(async (load) => {
    arrived = load;
    const root = document.getElementById('root');
    // Once painted, a frame goes to the screen before React's code runs.
    if (!mounted && root && paintChooser(root, load)) await afterFrame();
  });
  // React's code (fetched meanwhile: kiosk.html preloads it) is run only once the data is in,
  // or after a while: starting React holds the main thread for a moment on a slow tablet, and
  // the chooser painted from the data should not wait behind it.
  await Promise.race([painted, new Promise((resolve) => setTimeout(resolve, DATA_WAIT_MS))]);
  const { mount } = await import('./KioskApp.tsx');
  // This script is `async` (vite.config.ts): the page may still be being read.
  if (document.readyState === 'loading')
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve));
  mounted = true;
  mount(document.getElementById('root')!, code, first, arrived);
}

void start();
