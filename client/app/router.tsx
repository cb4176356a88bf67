import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The staff app's pages. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  changePassword: '/account/password',
  tokens: '/account/tokens',
  users: '/admin/users',
  operators: '/admin/operators',
  audit: '/admin/audit',
  agreedLevels: '/admin/agreed-levels',
  closureDays: '/admin/closure-days',
  questionnaires: '/questionnaires',
  reviews: '/reviews',
  activities: '/activities',
  reports: '/reports',
  cases: '/cases',
  serviceEvents: '/service-events',
  outputs: '/outputs',
  territory: '/reports/territory',
  trends: '/reports/trends',
  recordsImport: '/records/import',
} as const;

/** Pages with parameters: a pattern like `/questionnaires/:id/versions/:v`. */
export const patterns = {
  designer: '/questionnaires/:id/versions/:v',
  review: '/reviews/:id/versions/:v',
  print: '/print/:id/versions/:v',
  activity: '/activities/:id',
  case: '/cases/:id',
  pack: '/pack/:unit/:fiscalYear',
} as const;

/** Fills a pattern's `:names` with values (URL-encoded). */
export function pathTo(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** The pattern's parameters if `pathname` matches it, else null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`,
  );
  const match = regex.exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
}

const NAVIGATED = 'fsa:navigated';
let navigations = 0;

/**
 * Asked before the app leaves the current page: returns true to hold the navigation (and calls
 * `proceed` later if the person still wants to leave), false to let it happen.
 */
export type NavigationGuard = (proceed: () => void) => boolean;
let guard: NavigationGuard | null = null;

/** Installs the page's guard (one at a time); returns the function that removes it. */
export function setNavigationGuard(next: NavigationGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}

// The page the app shows: where the back button returns when a guard holds it.
let shown = window.location.pathname + window.location.search;

// Registered before any page subscribes, so a held back/forward never reaches them.
window.addEventListener('popstate', (event) => {
  const target = currentLocation();
  if (guard && target !== shown) {
    const from = shown;
    if (guard(() => navigate(target, { force: true }))) {
      window.history.pushState(null, '', from);
      event.stopImmediatePropagation();
      return;
    }
  }
  shown = target;
  navigations += 1;
});

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current path and query string (e.g. `/sign-in?next=%2Fadmin%2Fusers`); re-renders on change. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

/** Goes to a path of this app without reloading the page. */
export function navigate(
  to: string,
  { replace = false, force = false }: { replace?: boolean; force?: boolean } = {},
) {
  if (to === currentLocation() && !replace) return;
  // A replacement is the app's own redirect (signed out, say), never held.
  if (!force && !replace && guard?.(() => navigate(to, { force: true }))) return;
  navigations += 1;
  shown = to;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** True once the person has moved between pages: the first page load keeps the browser's focus. */
export const hasNavigated = () => navigations > 0;

/** The sign-in page, coming back to `from` afterwards. */
export function signInPath(from: string): string {
  const back = from.startsWith(paths.signIn) || from === paths.home ? '' : from;
  return back ? `${paths.signIn}?next=${encodeURIComponent(back)}` : paths.signIn;
}

/** Where to go after signing in: the `next` of the query if it is a path of this app. */
export function nextPath(location: string): string {
  const next = new URLSearchParams(location.split('?')[1] ?? '').get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : paths.home;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A link inside the app: a real `<a href>`, followed without a page load. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || props.target) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...props} />;
}
