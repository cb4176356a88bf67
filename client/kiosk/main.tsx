// The tablet kiosk: its own entry, so the tablet loads only kiosk code (no designer, no reports).
import { createRoot } from 'react-dom/client';
import './fonts.css';
import './kiosk.css';
import { KioskApp } from './KioskApp.tsx';
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

// The service worker makes the kiosk start and work with no network (see sw.ts). Vite's dev
// server has no built worker, so only the built app registers it.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
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

// A browser showing the kiosk holds no staff session: a participant who finds a way out (the
// staff dialog's sign-in link, another tab) must not land in a signed-in staff app. Best effort:
// offline there is no session to end on the server, and the cookie goes with the next sign-in.
void fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
  () => undefined,
);

async function start() {
  let code = kioskCode();
  // The installed app opens /kiosk/: continue with the kiosk this tablet last opened. The
  // address is replaced, never pushed, so Back leads nowhere inside the kiosk.
  if (!code) {
    code = (await latestKioskCode().catch(() => undefined)) ?? '';
    if (code) history.replaceState(null, '', `/kiosk/${encodeURIComponent(code)}`);
  }
  createRoot(document.getElementById('root')!).render(<KioskApp code={code} />);
}

void start();
