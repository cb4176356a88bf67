// The questionnaire shapes of the API (API.md, "Questionnaire versions"), shared by the designer,
// the review screen and the paper form.
import type { ErrorDetail } from './api.ts';
import type { LocalisedText } from './types.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';

export type VersionStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';
export type LocaleStatus = 'draft' | 'reviewed';
export const VERSION_STATUSES: readonly VersionStatus[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'retired',
];

/** A version as the questionnaire list shows it. */
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

export interface Questionnaire {
  id: string;
  operator: string;
  programme: string;
  population: string;
  createdAt: string;
  versions: VersionSummary[];
}

/** One version with its definition, translation bookkeeping and what would stop submission. */
export interface QuestionnaireVersion extends VersionSummary {
  questionnaire: string;
  operator: string;
  programme: string;
  population: string;
  definition: QuestionnaireDefinition;
  contentHash: string;
  translations: {
    locales: Record<string, LocaleStatus>;
    stale: { path: string; locale: string }[];
  };
  problems: ErrorDetail[];
  previousApproved: number | null;
}
