import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { prepareTemplate } from './global-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const file = (await prepareTemplate('pglite'))!;
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}
