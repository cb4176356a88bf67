// Keeping a participant inside the kiosk: Back, a swipe or a script's history.go() must neither
// leave the page (staff may be signed in to the pages behind it) nor drop a half-filled form.
//
// The kiosk keeps one extra history entry (the guard) above its own (the floor). Back lands on
// the floor, inside the page: the guard is pushed again and the kiosk decides what Back means
// (the leave dialog on a form with answers). A jump further back, into another document, meets
// the browser's own "Leave site?" prompt, which only a page with a user's tap may show.

const FLOOR = 'fsa-kiosk-floor';
const GUARD = 'fsa-kiosk-guard';

const atGuard = () => (history.state as { kiosk?: string } | null)?.kiosk === GUARD;

/**
 * Traps history inside the kiosk until the returned function is called; `onBack` runs for each
 * Back that was caught. Chromium lets its Back button skip an entry pushed before the page was
 * touched, until the page is touched: from the participant's first tap on, Back is caught.
 */
export function trapHistory(onBack: () => void): () => void {
  const guard = () => {
    if (!atGuard()) history.pushState({ kiosk: GUARD }, '');
  };
  if (!atGuard()) history.replaceState({ kiosk: FLOOR }, '');
  guard();
  const onPop = () => {
    if (atGuard()) return;
    guard();
    onBack();
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

/**
 * While `armed`, leaving the page for another document asks first (the browser's own prompt,
 * shown once the participant has tapped the page). Staff leaving through the staff dialog are
 * not asked: the kiosk disarms it while that dialog is open.
 */
export function askBeforeLeaving(): () => void {
  const ask = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = ''; // older Chromium needs it set to show the prompt
  };
  window.addEventListener('beforeunload', ask);
  return () => window.removeEventListener('beforeunload', ask);
}
