// The API calls and response shapes of the review screen and the paper form.
import { request } from '../app/api.ts';
import type { List, LocalisedText, Operator } from '../app/types.ts';

export type { QuestionnaireVersion, VersionStatus, VersionSummary } from '../app/questionnaires.ts';
export type { Questionnaire as QuestionnaireSummary } from '../app/questionnaires.ts';
export { VERSION_STATUSES } from '../app/questionnaires.ts';
import type {
  Questionnaire as QuestionnaireSummary,
  QuestionnaireVersion,
} from '../app/questionnaires.ts';

/** The parts of a programme the review screen names: populations and outcome standards. */
export interface ProgrammeReference {
  code: string;
  name: LocalisedText;
  populations: { code: string; name: LocalisedText }[];
  outcomeStandards: { number: number; name: LocalisedText }[];
}

/** One submission or decision on a version (GET /questionnaires/{id}/decisions). */
export interface QuestionnaireDecision {
  version: number;
  decision: 'submitted' | 'approved' | 'rejected' | 'retired';
  at: string;
  by: { role: 'admin' | 'swd' | 'coordinator' | null; email: string | null };
  reason: string | null;
  contentHash: string | null;
}

const versionPath = (id: string, version: number) =>
  `/questionnaires/${encodeURIComponent(id)}/versions/${version}`;

/** The endpoints of SWD's review and of the paper form. */
export const reviewApi = {
  submitted: () => request<List<QuestionnaireSummary>>('GET', '/questionnaires?status=submitted'),
  version: (id: string, version: number) =>
    request<QuestionnaireVersion>('GET', versionPath(id, version)),
  approve: (id: string, version: number, contentHash: string) =>
    request<{ status: string }>('POST', `${versionPath(id, version)}/approve`, {
      body: { contentHash },
    }),
  reject: (id: string, version: number, reason: string) =>
    request<{ status: string }>('POST', `${versionPath(id, version)}/reject`, {
      body: { reason },
    }),
  decisions: (id: string) =>
    request<List<QuestionnaireDecision>>(
      'GET',
      `/questionnaires/${encodeURIComponent(id)}/decisions`,
    ),
  operators: () => request<List<Operator>>('GET', '/operators'),
  programmes: () => request<List<ProgrammeReference>>('GET', '/programmes'),
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
