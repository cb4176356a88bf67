// axe on the kiosk in all ten languages (axe.ts), and a check that the staff files leave no
// screen of the router out, so a new screen cannot be forgotten.
import { expect, test } from 'vitest';
import { checkedScreens, kioskScreens, paths, patterns } from './axe.ts';

kioskScreens();

test('every path and pattern of the router is checked by the staff files, for a role that may open it', () => {
  const checked = new Set(['signIn', ...checkedScreens()]);
  const all = [...Object.keys(paths), ...Object.keys(patterns)];
  expect(all.filter((key) => !checked.has(key))).toEqual([]);
});
