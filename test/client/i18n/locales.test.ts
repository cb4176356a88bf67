import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const LOCALES_DIR = 'client/i18n/locales';

/** Every key of a nested message object, as dotted paths, with its value. */
function flatten(messages: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object')
      for (const [k, v] of flatten(value as Record<string, unknown>, at)) out.set(k, v);
    else out.set(at, value);
  }
  return out;
}

const locales = readdirSync(LOCALES_DIR);
const namespaces = readdirSync(path.join(LOCALES_DIR, 'en'));

test.each(namespaces)(
  'every language has every string of the %s namespace, none empty',
  (namespace) => {
    const source = flatten(
      JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', namespace), 'utf8')),
    );
    for (const locale of locales) {
      const file = path.join(LOCALES_DIR, locale, namespace);
      const messages = flatten(JSON.parse(readFileSync(file, 'utf8')));
      expect(
        [...source.keys()].filter((k) => !messages.has(k)),
        `${file} lacks`,
      ).toEqual([]);
      expect(
        [...messages.keys()].filter((k) => !source.has(k)),
        `${file} has extra`,
      ).toEqual([]);
      expect(
        [...messages].filter(([, v]) => typeof v !== 'string' || !v.trim()).map(([k]) => k),
        `${file} empty`,
      ).toEqual([]);
    }
  },
);
