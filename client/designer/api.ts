// The questionnaire endpoints the designer calls (API.md, "Questionnaire versions"), from the
// server's routes through the typed client.
import { client, enc, ok, signalled, type Answer, type Item, type JsonBody } from '../app/api.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';

export type {
  LocaleStatus,
  Questionnaire,
  QuestionnaireVersion,
  VersionStatus,
  VersionSummary,
} from '../app/questionnaires.ts';
export { VERSION_STATUSES } from '../app/questionnaires.ts';
import {
  asVersion,
  definitionBody,
  fetchVersion,
  type LocaleStatus,
} from '../app/questionnaires.ts';

export type Template = Item<Answer<(typeof client)['questionnaire-templates']['$get']>>;

/** A programme with what the designer needs: populations and outcome standards. */
export type ProgrammeRules = Item<Answer<typeof client.programmes.$get>>;

export type Population = ProgrammeRules['populations'][number];

export type OutcomeStandard = ProgrammeRules['outcomeStandards'][number];

/**
 * What POST /questionnaires takes: a template, or a definition (new or imported). The server's
 * schema takes either field; the pages send one or the other.
 */
export type NewQuestionnaire = Pick<JsonBody<typeof client.questionnaires.$post>, 'operator'> &
  (
    | { template: string }
    | {
        definition: QuestionnaireDefinition;
        translations?: { locales: Record<string, LocaleStatus> };
      }
  );

const versionAt = client.questionnaires[':id'].versions[':v'];
const at = (id: string, version: number) => ({ param: { id: enc(id), v: version } });

const versionPath = (id: string, version: number) =>
  `/questionnaires/${encodeURIComponent(id)}/versions/${version}`;

/** Where a version is downloaded: our JSON, or plain SurveyJS JSON. */
export const exportUrl = (id: string, version: number, format: 'fsa' | 'surveyjs') =>
  `/api/v1${versionPath(id, version)}/export${format === 'surveyjs' ? '?format=surveyjs' : ''}`;

export const designerApi = {
  questionnaires: () => ok(client.questionnaires.$get({ query: {} })),
  templates: () => ok(client['questionnaire-templates'].$get()),
  programmes: () => ok(client.programmes.$get()),
  operators: () => ok(client.operators.$get()),
  create: (body: NewQuestionnaire) =>
    ok(
      client.questionnaires.$post({
        json:
          'definition' in body ? { ...body, definition: definitionBody(body.definition) } : body,
      }),
    ),
  version: fetchVersion,
  save: (
    id: string,
    version: number,
    definition: QuestionnaireDefinition,
    locales?: Record<string, LocaleStatus>,
  ) =>
    asVersion(
      ok(
        versionAt.$put({
          ...at(id, version),
          json: {
            definition: definitionBody(definition),
            ...(locales ? { translations: { locales } } : {}),
          },
        }),
      ),
    ),
  translations: (
    id: string,
    version: number,
    body: JsonBody<typeof versionAt.translations.$post>,
  ) => asVersion(ok(versionAt.translations.$post({ ...at(id, version), json: body }))),
  check: (
    definition: QuestionnaireDefinition,
    draft?: { id: string; version: number },
    signal?: AbortSignal,
  ) =>
    ok(
      client.questionnaires.check.$post(
        { json: { definition: definitionBody(definition), ...(draft ? { draft } : {}) } },
        signalled(signal),
      ),
    ),
  submit: (id: string, version: number) => ok(versionAt.submit.$post(at(id, version))),
  retire: (id: string, version: number) => ok(versionAt.retire.$post(at(id, version))),
  newVersion: (id: string) =>
    ok(client.questionnaires[':id'].versions.$post({ param: { id: enc(id) }, json: {} })),
};
