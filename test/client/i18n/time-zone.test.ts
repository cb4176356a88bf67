import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { hongKongTime } from '../../../client/app/time.ts';

const root = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

// The staff app shows Hong Kong time on every screen (issue 14, item 9): a date formatted in the
// browser's own zone is the bug, so no client code may format one without saying the zone.
test('no staff screen formats a date in the browser’s time zone', () => {
  const found: string[] = [];
  for (const file of sources(path.join(root, 'client'))) {
    if (file.includes(`${path.sep}kiosk${path.sep}`)) continue; // the tablet shows no dates
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(root, file);
    if (/\.toLocale(Date|Time)?String\(/.test(text)) found.push(`${rel}: toLocale…String`);
    for (const match of text.matchAll(/new Intl\.DateTimeFormat\([^)]*\{([^}]*)\}/g))
      if (!/timeZone/.test(match[1]!)) found.push(`${rel}: Intl.DateTimeFormat without timeZone`);
  }
  expect(found).toEqual([]);
});

test('an instant is shown in Hong Kong time whatever the zone of the computer', () => {
  // 23:30 UTC on 31 March is already 1 April in Hong Kong, the next financial year.
  expect(hongKongTime('2027-03-31T23:30:00Z', 'en')).toBe('1 Apr 2027, 07:30');
  expect(hongKongTime('2027-03-31T23:30:00Z', 'zh-HK')).toBe('2027年4月1日 上午7:30');
  expect(hongKongTime(null, 'en')).toBe('');
});
