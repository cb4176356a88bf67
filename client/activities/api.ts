// The endpoints of the coordinator's activity pages (API.md, "Activities and responses"): the
// calls and their shapes, all from the server's routes through the typed client.
import { client, enc, ok, type Answer, type Item, type JsonBody } from '../app/api.ts';
import { fetchVersion, type QuestionnaireVersion as FullVersion } from '../app/questionnaires.ts';

const activity = client.activities[':id'];

/** A session of a unit, with its questionnaires, kiosks and counts. */
export type Activity = Answer<typeof activity.$get>;

/** A questionnaire version an activity uses. */
export type ActivityQuestionnaire = Activity['questionnaires'][number];

/** A kiosk opened for an activity (its code is never listed: only its hash is kept). */
export type Kiosk = Activity['kiosks'][number];

export type NewActivity = JsonBody<typeof client.activities.$post>;

/** What opening a kiosk answers: the code is shown this once. */
export type OpenedKiosk = Answer<typeof activity.kiosk.$post>;

/** One participant's answers, as the tablet (or the coordinator, from paper) sent them. */
export type ResponseSubmission = JsonBody<typeof activity.responses.$post>;

export type StoredResponse = Item<Answer<typeof activity.responses.$get>>;

export type ResponseSource = StoredResponse['source'];

/** One page of an activity's quarantine; `next` asks for the page after it. */
export type QuarantinePage = Answer<typeof activity.quarantine.$get>;

/** A kiosk submission the server refused for good, kept until a person decides. */
export type QuarantinedSubmission = QuarantinePage['items'][number];

/** The parts of a programme these pages use: activity kinds and populations. */
export type ProgrammeKinds = Item<Answer<typeof client.programmes.$get>>;

export type QuestionnaireSummary = Item<Answer<typeof client.questionnaires.$get>>;

/** The parts of a version that paper entry needs. */
export type QuestionnaireVersion = FullVersion;

/** The calls behind the activity pages. */
export const activitiesApi = {
  list: () => ok(client.activities.$get()),
  get: (id: string) => ok(activity.$get({ param: { id: enc(id) } })),
  create: (body: NewActivity) => ok(client.activities.$post({ json: body })),
  operators: () => ok(client.operators.$get()),
  programmes: () => ok(client.programmes.$get()),
  questionnaires: () => ok(client.questionnaires.$get({ query: {} })),
  version: fetchVersion,
  openKiosk: (id: string, options: JsonBody<typeof activity.kiosk.$post>) =>
    ok(activity.kiosk.$post({ param: { id: enc(id) }, json: options })),
  closeKiosk: (id: string, kioskId: string) =>
    ok(activity.kiosks[':kioskId'].close.$post({ param: { id: enc(id), kioskId: enc(kioskId) } })),
  submitPaper: (id: string, submission: ResponseSubmission) =>
    ok(activity.responses.$post({ param: { id: enc(id) }, json: submission })),
  responses: (id: string) => ok(activity.responses.$get({ param: { id: enc(id) } })),
  voidResponse: (responseId: string, reason: string) =>
    ok(client.responses[':id'].void.$post({ param: { id: enc(responseId) }, json: { reason } })),
  quarantine: (id: string, state: 'waiting' | 'decided', after?: string) =>
    ok(
      activity.quarantine.$get({
        param: { id: enc(id) },
        query: { state, ...(after ? { after } : {}) },
      }),
    ),
  accept: (entryId: string) =>
    ok(client.quarantine[':id'].accept.$post({ param: { id: enc(entryId) } })),
  discard: (entryId: string, reason: string) =>
    ok(client.quarantine[':id'].discard.$post({ param: { id: enc(entryId) }, json: { reason } })),
};
