import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalisedText } from '../db/schema.ts';
import type { QuestionnaireDefinition } from '../domain/definition.ts';

const TEMPLATES_DIR = fileURLToPath(new URL('../../surveys/templates/', import.meta.url));

/** A questionnaire a coordinator can start from (surveys/templates/*.json). */
export interface Template {
  key: string;
  name: LocalisedText;
  description: LocalisedText;
  translationStatus: Record<string, 'draft' | 'reviewed'>;
  definition: QuestionnaireDefinition;
}

let cache: Promise<Template[]> | undefined;

/** Every template, read once per process (they are files shipped with the release). */
export function listTemplates(): Promise<Template[]> {
  cache ??= (async () => {
    const files = (await readdir(TEMPLATES_DIR)).filter((f) => f.endsWith('.json')).sort();
    return Promise.all(
      files.map(
        async (f) => JSON.parse(await readFile(path.join(TEMPLATES_DIR, f), 'utf8')) as Template,
      ),
    );
  })();
  return cache;
}

export async function findTemplate(key: string): Promise<Template | undefined> {
  return (await listTemplates()).find((t) => t.key === key);
}
