// The endpoints of the coordinator's activity pages (API.md, "Activities and responses"), typed.
import { request, type ErrorDetail } from '../app/api.ts';
import type { List, LocalisedText, Operator } from '../app/types.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';

/** A questionnaire version an activity uses. */
export interface ActivityQuestionnaire {
  id: string;
  version: number;
  status: string;
  population: string;
  title: LocalisedText;
}

/** A kiosk opened for an activity (its code is never listed: only its hash is kept). */
export interface Kiosk {
  id: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string | null;
  open: boolean;
}

/** A session of a unit, with its questionnaires, kiosks and counts. */
export interface Activity {
  id: string;
  unit: string;
  programme: string;
  kind: string;
  title: string;
  date: string;
  createdAt: string;
  /** Responses stored and not voided. */
  responses: number;
  /** Refused kiosk submissions waiting for a decision. */
  quarantined: number;
  questionnaires: ActivityQuestionnaire[];
  kiosks: Kiosk[];
}

export interface NewActivity {
  unit: string;
  kind: string;
  title: string;
  date: string;
  questionnaires: { id: string; version: number }[];
}

/** What opening a kiosk answers: the code is shown this once. */
export interface OpenedKiosk {
  code: string;
  url: string;
  link: string;
  expiresAt: string;
}

/** One participant's answers, as the tablet (or the coordinator, from paper) sent them. */
export interface ResponseSubmission {
  id: string;
  questionnaire: { id: string; version: number };
  locale: string;
  answers: Record<string, unknown>;
  completedAt: string;
}

export type ResponseSource = 'kiosk' | 'paper' | 'quarantine';

export interface StoredResponse {
  id: string;
  questionnaire: { id: string; version: number };
  locale: string;
  completedAt: string;
  receivedAt: string;
  source: ResponseSource;
  voided: boolean;
  voidReason: string | null;
  answers: Record<string, unknown>;
}

/** A kiosk submission the server refused for good, kept until a person decides. */
export interface QuarantinedSubmission {
  id: string;
  responseId: string | null;
  body: unknown;
  status: number;
  reason: { code: string; message: string; details?: ErrorDetail[] };
  receivedAt: string;
  resolution: 'accepted' | 'discarded' | null;
  resolvedAt: string | null;
  note: string | null;
  /** What the server left out of the submission: the first paths by name, and how many. */
  dropped: { paths: string[]; count: number } | null;
}

/** One page of an activity's quarantine; `next` asks for the page after it. */
export interface QuarantinePage {
  items: QuarantinedSubmission[];
  next: string | null;
}

/** The parts of a programme these pages use: activity kinds and populations. */
export interface ProgrammeKinds {
  code: string;
  name: LocalisedText;
  populations: { code: string; name: LocalisedText }[];
  activityKinds: { code: string; name: LocalisedText; populations: string[] }[];
}

export interface QuestionnaireSummary {
  id: string;
  operator: string;
  programme: string;
  population: string;
  versions: { version: number; status: string; title: LocalisedText }[];
}

/** The parts of a version that paper entry needs. */
export interface QuestionnaireVersion {
  questionnaire: string;
  version: number;
  status: string;
  title: LocalisedText;
  definition: QuestionnaireDefinition;
  translations: { locales: Record<string, 'draft' | 'reviewed'> };
}

const activityPath = (id: string) => `/activities/${encodeURIComponent(id)}`;

/** The calls behind the activity pages. */
export const activitiesApi = {
  list: () => request<List<Activity>>('GET', '/activities'),
  get: (id: string) => request<Activity>('GET', activityPath(id)),
  create: (activity: NewActivity) =>
    request<{ id: string }>('POST', '/activities', { body: activity }),
  operators: () => request<List<Operator>>('GET', '/operators'),
  programmes: () => request<List<ProgrammeKinds>>('GET', '/programmes'),
  questionnaires: () => request<List<QuestionnaireSummary>>('GET', '/questionnaires'),
  version: (id: string, version: number) =>
    request<QuestionnaireVersion>(
      'GET',
      `/questionnaires/${encodeURIComponent(id)}/versions/${version}`,
    ),
  openKiosk: (id: string, options: { minutes: number; pin?: string }) =>
    request<OpenedKiosk>('POST', `${activityPath(id)}/kiosk`, { body: options }),
  closeKiosk: (id: string, kioskId: string) =>
    request<void>('POST', `${activityPath(id)}/kiosks/${encodeURIComponent(kioskId)}/close`),
  submitPaper: (id: string, submission: ResponseSubmission) =>
    request<{ id: string }>('POST', `${activityPath(id)}/responses`, { body: submission }),
  responses: (id: string) => request<List<StoredResponse>>('GET', `${activityPath(id)}/responses`),
  voidResponse: (responseId: string, reason: string) =>
    request<void>('POST', `/responses/${encodeURIComponent(responseId)}/void`, {
      body: { reason },
    }),
  quarantine: (id: string, state: 'waiting' | 'decided', after?: string) =>
    request<QuarantinePage>(
      'GET',
      `${activityPath(id)}/quarantine?${new URLSearchParams({ state, ...(after ? { after } : {}) })}`,
    ),
  accept: (entryId: string) =>
    request<{ responseId: string }>('POST', `/quarantine/${encodeURIComponent(entryId)}/accept`),
  discard: (entryId: string, reason: string) =>
    request<void>('POST', `/quarantine/${encodeURIComponent(entryId)}/discard`, {
      body: { reason },
    }),
};
