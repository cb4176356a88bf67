// The questionnaire shapes of the API (API.md, "Questionnaire versions"), shared by the designer,
// the review screen and the paper form: derived from the server's routes (client/app/api.ts).
import { client, enc, ok, type Answer, type Item } from './api.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';

export type Questionnaire = Item<Answer<typeof client.questionnaires.$get>>;

/** A version as the questionnaire list shows it. */
export type VersionSummary = Questionnaire['versions'][number];

export type VersionStatus = VersionSummary['status'];

type ServerVersion = Answer<(typeof client.questionnaires)[':id']['versions'][':v']['$get']>;

export type LocaleStatus = ServerVersion['translations']['locales'][string];

export const VERSION_STATUSES: readonly VersionStatus[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'retired',
];

/**
 * One version with its definition, translation bookkeeping and what would stop submission. The
 * server's schema leaves the definition an open record (its rules, not zod, check it); the pages
 * read it as the domain's QuestionnaireDefinition.
 */
export type QuestionnaireVersion = Omit<ServerVersion, 'definition'> & {
  definition: QuestionnaireDefinition;
};

const versionAt = client.questionnaires[':id'].versions[':v'];

/** Reads a version answer as a QuestionnaireVersion (see above). */
export const asVersion = (answer: Promise<ServerVersion>) =>
  answer as Promise<unknown> as Promise<QuestionnaireVersion>;

/** A definition as the routes take it: an open record, which the server checks by its rules. */
export const definitionBody = (definition: QuestionnaireDefinition) =>
  definition as unknown as Record<string, unknown>;

/** GET /questionnaires/{id}/versions/{v}. */
export const fetchVersion = (id: string, version: number) =>
  asVersion(ok(versionAt.$get({ param: { id: enc(id), v: version } })));
