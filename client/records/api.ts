// The endpoints of the service-record pages (issue 15): cases, their contacts, enrolments,
// attendance and referrals, the unit's events, and the year's output figures. The calls and
// their shapes come from the server's routes through the typed client.
import { client, enc, ok, type Answer, type Item, type JsonBody } from '../app/api.ts';

const oneCase = client.cases[':id'];
const enrolment = oneCase.enrolments[':enrolmentId'];

/** A case as listed: reference, unit, category, referral and where its first contact stands. */
export type CaseSummary = Item<Answer<typeof client.cases.$get>>;
export type CaseDetail = Answer<typeof oneCase.$get>;
export type Enrolment = CaseDetail['enrolments'][number];
export type FirstContact = CaseSummary['firstContact'];
export type NewCase = JsonBody<typeof client.cases.$post>;
export type NewContact = JsonBody<typeof oneCase.contacts.$post>;
export type NewEnrolment = JsonBody<typeof oneCase.enrolments.$post>;
export type NewAttendance = JsonBody<(typeof enrolment)['sessions']['$post']>;
export type NewReferral = JsonBody<typeof oneCase.referrals.$post>;
export type ServiceEvent = Item<Answer<(typeof client)['service-events']['$get']>>;
export type NewServiceEvent = JsonBody<(typeof client)['service-events']['$post']>;
/** GET /outputs: the year at a glance for a scope. */
export type Outputs = Answer<typeof client.outputs.$get>;
export type OutputFigures = Outputs['standards'][number];
export type Conversion = Outputs['conversions'][number];
/** A programme's output standards and service lists (categories, community support services). */
export type OutputStandards = Answer<
  (typeof client.programmes)[':code']['output-standards']['$get']
>;
export type Programme = Item<Answer<typeof client.programmes.$get>>;
/** An activity of the operator: a module's attendance may be linked to one of its sessions. */
export type ActivitySession = Item<Answer<typeof client.activities.$get>>;

export interface CaseQuery {
  unit?: string | undefined;
  reference?: string | undefined;
  fiscalYear?: number | undefined;
  firstContact?: FirstContact | undefined;
}

const defined = (query: Record<string, string | number | undefined>) =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

export const recordsApi = {
  operators: () => ok(client.operators.$get()),
  activities: () => ok(client.activities.$get()),
  programmes: () => ok(client.programmes.$get()),
  outputStandards: (programme: string) =>
    ok(client.programmes[':code']['output-standards'].$get({ param: { code: enc(programme) } })),
  cases: (query: CaseQuery = {}) => ok(client.cases.$get({ query: defined({ ...query }) })),
  case: (id: string) => ok(oneCase.$get({ param: { id: enc(id) } })),
  createCase: (body: NewCase) => ok(client.cases.$post({ json: body })),
  addContact: (id: string, body: NewContact) =>
    ok(oneCase.contacts.$post({ param: { id: enc(id) }, json: body })),
  enrol: (id: string, body: NewEnrolment) =>
    ok(oneCase.enrolments.$post({ param: { id: enc(id) }, json: body })),
  endModule: (id: string, enrolmentId: string, endedOn: string | null) =>
    ok(
      enrolment.$patch({
        param: { id: enc(id), enrolmentId: enc(enrolmentId) },
        json: { endedOn },
      }),
    ),
  attend: (id: string, enrolmentId: string, body: NewAttendance) =>
    ok(
      enrolment.sessions.$post({
        param: { id: enc(id), enrolmentId: enc(enrolmentId) },
        json: body,
      }),
    ),
  refer: (id: string, body: NewReferral) =>
    ok(oneCase.referrals.$post({ param: { id: enc(id) }, json: body })),
  events: (query: { unit?: string; fiscalYear?: number } = {}) =>
    ok(client['service-events'].$get({ query: defined(query) })),
  createEvent: (body: NewServiceEvent) => ok(client['service-events'].$post({ json: body })),
  outputs: (query: { programme: string; fiscalYear: number; unit: string }) =>
    ok(client.outputs.$get({ query: { ...query, fiscalYear: String(query.fiscalYear) } })),
  declareNoRefusal: (unit: string, fiscalYear: number, declared: boolean) =>
    ok(
      client.units[':code']['no-refusal'][':fiscalYear'].$put({
        param: { code: enc(unit), fiscalYear: String(fiscalYear) },
        json: { declared },
      }),
    ),
};
