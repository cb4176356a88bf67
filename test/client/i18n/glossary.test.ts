import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// One glossary for the staff app's Traditional Chinese: each term below is said one way on every
// screen. The words on the right are the variants that crept in; the left is the term to use.
//   approved (a version's status)  已批准            not 已批核
//   strongly agree / disagree      十分同意/十分不同意 not 非常同意/非常不同意 (the scale in surveys/likert.json)
//   ChildPRO                       保護兒童支援服務    not 兒童保護支援服務 (the programme's name in surveys/programmes)
const VARIANTS: Record<string, string> = {
  批核: '批准',
  非常同意: '十分同意',
  非常不同意: '十分不同意',
  兒童保護支援服務: '保護兒童支援服務',
};

const root = path.resolve(import.meta.dirname, '../../..');
const files = [
  ...readdirSync(path.join(root, 'client/i18n/locales/zh-HK')).map(
    (f) => `client/i18n/locales/zh-HK/${f}`,
  ),
  ...readdirSync(path.join(root, 'surveys/templates')).map((f) => `surveys/templates/${f}`),
  'surveys/likert.json',
];

test('the zh-HK staff texts and templates use the glossary’s terms, never the variants', () => {
  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const [variant, term] of Object.entries(VARIANTS))
      if (text.includes(variant)) found.push(`${file}: ${variant} (use ${term})`);
  }
  expect(found).toEqual([]);
});

test('the glossary’s terms are the ones the product defines', () => {
  const likert = JSON.parse(readFileSync(path.join(root, 'surveys/likert.json'), 'utf8'));
  expect(likert.labels['zh-HK'].strongly_agree).toBe('十分同意');
  expect(likert.labels['zh-HK'].strongly_disagree).toBe('十分不同意');
  const childpro = JSON.parse(
    readFileSync(path.join(root, 'surveys/programmes/childpro.json'), 'utf8'),
  );
  expect(childpro.name['zh-HK']).toBe('保護兒童支援服務');
});

test('the templates panel promises no number of languages: each template lists its own', () => {
  const counts = new Set(
    readdirSync(path.join(root, 'surveys/templates')).map(
      (f) =>
        JSON.parse(readFileSync(path.join(root, 'surveys/templates', f), 'utf8')).definition.locales
          .length,
    ),
  );
  expect(counts.size).toBeGreaterThan(1); // three of four templates have three languages
  for (const language of ['en', 'zh-HK']) {
    const designer = JSON.parse(
      readFileSync(path.join(root, `client/i18n/locales/${language}/designer.json`), 'utf8'),
    );
    expect(designer.start.templatesHint).not.toMatch(/ten languages|十種語言|\d+ languages/);
  }
});
