import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { expect, test } from 'vitest';
import recordsEn from '../../../client/i18n/locales/en/records.json';
import recordsZhHK from '../../../client/i18n/locales/zh-HK/records.json';
import { ruleProblem } from '../../../client/records/shared.tsx';

// The record pages say each rule the cases service can refuse with in the reader's language. The
// rule codes are read from the services' source (the last string of each ruleDetail call), so a
// new rule without a sentence fails here rather than showing English to a Chinese reader.

const SOURCES = [
  'server/cases/service.ts',
  'server/domain/case-rules.ts',
  'server/domain/case-reference.ts',
];

function serverRules(): Set<string> {
  const codes = new Set<string>();
  for (const file of SOURCES) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(/ruleDetail\(([\s\S]*?)\)[\],;\n]/g)) {
      const strings = [...call[1]!.matchAll(/'([a-z]+(?:_[a-z]+)+)'/g)].map((m) => m[1]!);
      if (strings.length) codes.add(strings.at(-1)!);
    }
  }
  return codes;
}

test('every rule the cases service names has a sentence, and every sentence a rule', () => {
  const rules = serverRules();
  expect(rules.size).toBeGreaterThanOrEqual(20);
  // case_reference_taken is also the 409's code, for a reference taken by a concurrent write.
  expect(Object.keys(recordsEn.rules).sort()).toEqual(
    [...new Set([...rules, 'case_reference_taken'])].sort(),
  );
});

test('a rule is said in both languages with its values; an unknown one keeps the server’s words', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { records: recordsEn }, 'zh-HK': { records: recordsZhHK } },
    ns: ['records'],
    interpolation: { escapeValue: false },
  });
  const t = (language: string) => i18n.getFixedT(language, 'records') as TFunction<'records'>;
  const beyond = {
    path: 'hours',
    message: 'The module has 6 hours; 4.5 are recorded already.',
    rule: 'beyond_module_hours',
    params: { moduleHours: 6, recordedHours: 4.5 },
  };
  expect(ruleProblem(t('en'), beyond)).toBe('The module has 6 hours and 4.5 are recorded already.');
  expect(ruleProblem(t('zh-HK'), beyond)).toBe('這個環節共 6 小時，已記錄 4.5 小時。');
  const unknown = { path: 'x', message: 'Something new.', rule: 'not_a_rule' };
  expect(ruleProblem(t('zh-HK'), unknown)).toBe('Something new.');
});
