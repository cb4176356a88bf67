import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { importsOf, nodeGlobalsIn, seamProblem } from '../../scripts/check-imports.mjs';

const problemsIn = (file: string, source: string): (string | null)[] =>
  importsOf(source).map((found) => seamProblem(file, found));

test('the client imports server/domain/ at run time and the rest of server/ only as types', () => {
  const cases: [string, boolean][] = [
    [`import { LIKERT_VALUES } from '../../server/domain/likert.ts';`, true],
    [`import type { AppType } from '../../server/app.ts';`, true],
    [`import type * as App from '../../server/app.ts';`, true],
    [`export type { ErrorDetail } from '../../server/errors.ts';`, true],
    [`import type {\n  Config,\n  Secret,\n} from '../../server/config.ts';`, true],
    [`import { readConfig } from '../../server/config.ts';`, false],
    // Under verbatimModuleSyntax this stays `import {} from ...`: the module still loads.
    [`import {\n  type Config,\n} from '../../server/config.ts';`, false],
    [`export { ruleDetail } from '../../server/errors.ts';`, false],
    [`import '../../server/main.ts';`, false],
    [`const db = await import('../../server/db/open.ts');`, false],
    [`import { readFileSync } from 'node:fs';`, false],
    [`import { useState } from 'react';`, true],
  ];
  for (const [source, allowed] of cases) {
    const problems = problemsIn('client/kiosk/KioskApp.tsx', source);
    expect(problems, source).toHaveLength(1);
    expect(problems[0] === null, source).toBe(allowed);
  }
});

test('server/domain/ imports only itself, surveys/*.json and package types', () => {
  const cases: [string, boolean][] = [
    [`import { SUPPORTED_LOCALES } from './definition.ts';`, true],
    [`import likert from '../../surveys/likert.json' with { type: 'json' };`, true],
    [`import type * as SurveyCore from 'survey-core';`, true],
    [`import { Model } from 'survey-core';`, false],
    [`import { sql } from 'kysely';`, false],
    [`import { AppError } from '../errors.ts';`, false],
    [`import { inspect } from 'node:util';`, false],
  ];
  for (const [source, allowed] of cases) {
    const problems = problemsIn('server/domain/likert.ts', source);
    expect(problems, source).toHaveLength(1);
    expect(problems[0] === null, source).toBe(allowed);
  }
});

test('the client uses no Node global (its type imports of server/ bring Node types in)', () => {
  const names = (source: string) =>
    nodeGlobalsIn(source).map((f) => f.name.replace(/[.(\s]+$/, ''));
  expect(names('const port = process.env.PORT;')).toEqual(['process']);
  expect(names('const bytes = Buffer.from(text);')).toEqual(['Buffer']);
  expect(names('const here = __dirname;')).toEqual(['__dirname']);
  expect(names("const fs = require('fs');")).toEqual(['require']);
  // Words in strings and comments, and properties of the same name, are not uses.
  expect(names("t('process.title'); // Buffer")).toEqual([]);
  expect(names('navigator.locks.request(name, run); job.process.start();')).toEqual([]);
});

test('the client and the domain keep the seam today', () => {
  const run = spawnSync(process.execPath, ['scripts/check-imports.mjs'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
