// The API calls and response shapes of the review screen and the paper form, from the server's
// routes through the typed client.
import { client, enc, ok, type Answer, type Item } from '../app/api.ts';
import type { Operator } from '../app/types.ts';

export type { QuestionnaireVersion, VersionStatus, VersionSummary } from '../app/questionnaires.ts';
export type { Questionnaire as QuestionnaireSummary } from '../app/questionnaires.ts';
export { VERSION_STATUSES } from '../app/questionnaires.ts';
import { fetchVersion } from '../app/questionnaires.ts';

const versionAt = client.questionnaires[':id'].versions[':v'];

/** The parts of a programme the review screen names: populations and outcome standards. */
export type ProgrammeReference = Item<Answer<typeof client.programmes.$get>>;

/** One submission or decision on a version (GET /questionnaires/{id}/decisions). */
export type QuestionnaireDecision = Item<
  Answer<(typeof client.questionnaires)[':id']['decisions']['$get']>
>;

/** The endpoints of SWD's review and of the paper form. */
export const reviewApi = {
  submitted: () => ok(client.questionnaires.$get({ query: { status: 'submitted' } })),
  version: fetchVersion,
  approve: (id: string, version: number, contentHash: string) =>
    ok(versionAt.approve.$post({ param: { id: enc(id), v: version }, json: { contentHash } })),
  reject: (id: string, version: number, reason: string) =>
    ok(versionAt.reject.$post({ param: { id: enc(id), v: version }, json: { reason } })),
  decisions: (id: string) =>
    ok(client.questionnaires[':id'].decisions.$get({ param: { id: enc(id) } })),
  operators: () => ok(client.operators.$get()),
  programmes: () => ok(client.programmes.$get()),
};

/** Operator and programme names for codes, in the staff language. */
export interface References {
  operators: Operator[];
  programmes: ProgrammeReference[];
}

export const loadReferences = (): Promise<References> =>
  Promise.all([reviewApi.operators(), reviewApi.programmes()]).then(([o, p]) => ({
    operators: o.items,
    programmes: p.items,
  }));
