// The API calls and response shapes of the review screen and the paper form.
import { request } from '../app/api.ts';
import type { List, LocalisedText, Operator } from '../app/types.ts';
import type { QuestionnaireDefinition } from '../../server/questionnaires/definition.ts';

export type VersionStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';
export const VERSION_STATUSES: readonly VersionStatus[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'retired',
];

/** A version as listed with its questionnaire. */
export interface VersionSummary {
  version: number;
  status: VersionStatus;
  title: LocalisedText;
  contentHash: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  retiredAt: string | null;
}

/** A questionnaire with all its versions. */
export interface QuestionnaireSummary {
  id: string;
  operator: string;
  programme: string;
  population: string;
  createdAt: string;
  versions: VersionSummary[];
}

/** One version with its definition, content hash and translation state. */
export interface QuestionnaireVersion extends VersionSummary {
  questionnaire: string;
  operator: string;
  programme: string;
  population: string;
  definition: QuestionnaireDefinition;
  contentHash: string;
  translations: {
    locales: Record<string, 'draft' | 'reviewed'>;
    stale: { path: string; locale: string }[];
  };
  problems: { path: string; message: string }[];
  /** The version to compare against: the latest approved (or retired) one before this. */
  previousApproved: number | null;
}

/** The parts of a programme the review screen names: populations and outcome standards. */
export interface ProgrammeReference {
  code: string;
  name: LocalisedText;
  populations: { code: string; name: LocalisedText }[];
  outcomeStandards: { number: number; name: LocalisedText }[];
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
