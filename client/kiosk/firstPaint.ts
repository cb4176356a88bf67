// The language chooser, painted by the kiosk's first small file as soon as the kiosk's data is in,
// before React's code runs (main.tsx waits for the data, at most two seconds, before starting
// React, whose start-up holds a slow tablet's main thread for a moment): it is what a
// participant sees first. The same markup as KioskApp's chooser (Chooser and StaffButton in
// Screens.tsx; test/client/kiosk/first-paint.test.ts compares the two), but inert: its buttons
// are aria-disabled until React replaces them, which it does without a flash (KioskApp starts on
// the chooser when the data came first).
import { SUPPORTED_LOCALES } from '../../server/domain/definition.ts';
import {
  DEFAULT_LOCALE,
  directionOf,
  INVITATIONS,
  NATIVE_NAMES,
  STAFF_LABEL,
} from './languages.ts';
import { expired, offeredLocales, type KioskLoad } from './kioskData.ts';
import strings from './locales/zh-HK.json';

const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes and children (strings become text). */
function h(
  tag: string,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElement | SVGElement {
  const svg = ['svg', 'circle', 'ellipse', 'path', 'rect'].includes(tag);
  const element = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const icon = (className: string | null, ...shapes: Node[]) =>
  h(
    'svg',
    {
      ...(className ? { class: className } : {}),
      viewBox: '0 0 24 24',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    ...shapes,
  );

/**
 * Paints the chooser into `root` when `load` is an open kiosk online with a questionnaire to
 * offer; anything else (a problem, offline) waits for React. Returns whether it painted.
 */
export function paintChooser(root: HTMLElement, load: KioskLoad): boolean {
  if (load.kind !== 'ready' || load.offline || expired(load)) return false;
  const locales = offeredLocales(load.kiosk, SUPPORTED_LOCALES);
  if (!locales.length) return false;
  const activity = load.kiosk.activity.title;
  const globe = icon(
    'globe',
    h('circle', { cx: '12', cy: '12', r: '9.5' }),
    h('ellipse', { cx: '12', cy: '12', rx: '4.2', ry: '9.5' }),
    h('path', { d: 'M2.5 12h19M4 7h16M4 17h16' }),
  );
  const buttons = locales.map((code) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'big-choice language',
          lang: code,
          dir: directionOf(code),
          'aria-disabled': 'true',
        },
        h('span', { class: 'language-name' }, NATIVE_NAMES[code as typeof DEFAULT_LOCALE]),
        h('span', { class: 'language-invite' }, INVITATIONS[code as typeof DEFAULT_LOCALE]),
      ),
    ),
  );
  const staff = h(
    'button',
    { type: 'button', class: 'staff-button', 'aria-disabled': 'true' },
    icon(
      null,
      h('rect', { x: '5', y: '10.5', width: '14', height: '10', rx: '2' }),
      h('path', { d: 'M8 10.5V7.5a4 4 0 0 1 8 0v3' }),
    ),
    ...STAFF_LABEL.map(({ lang, text }) => h('span', { lang }, text)),
  );
  root.replaceChildren(
    h(
      'div',
      { class: 'kiosk' },
      h(
        'main',
        { class: 'kiosk-main' },
        h(
          'section',
          { class: 'kiosk-screen chooser', 'aria-labelledby': 'chooser-title' },
          h('h1', { id: 'chooser-title', tabindex: '-1', dir: 'auto', lang: '' }, activity),
          globe,
          h('ul', { class: 'choice-grid', 'aria-label': strings.chooser.languages }, ...buttons),
        ),
      ),
      staff,
    ),
  );
  document.title = activity ? `${activity} – ${strings.app.title}` : strings.app.title;
  return true;
}
