// The questionnaire endpoints the designer calls (API.md, "Questionnaire versions"), typed.
import { request, type ErrorDetail } from '../app/api.ts';
import type { List, LocalisedText, Operator } from '../app/types.ts';
import type { QuestionnaireDefinition } from '../../server/domain/definition.ts';

export type {
  LocaleStatus,
  Questionnaire,
  QuestionnaireVersion,
  VersionStatus,
  VersionSummary,
} from '../app/questionnaires.ts';
export { VERSION_STATUSES } from '../app/questionnaires.ts';
import type {
  LocaleStatus,
  Questionnaire,
  QuestionnaireVersion,
  VersionStatus,
} from '../app/questionnaires.ts';

export interface Template {
  key: string;
  name: LocalisedText;
  description: LocalisedText;
  programme: string;
  population: string;
  locales: string[];
  translationStatus: Record<string, LocaleStatus>;
}

export interface Population {
  code: string;
  name: LocalisedText;
  requiredOutcomes: number[];
  allowedOutcomes: number[];
}

export interface OutcomeStandard {
  number: number;
  name: LocalisedText;
  populations: string[];
}

/** A programme with what the designer needs: populations and outcome standards. */
export interface ProgrammeRules {
  code: string;
  name: LocalisedText;
  populations: Population[];
  outcomeStandards: OutcomeStandard[];
}

/** What POST /questionnaires takes: a template, or a definition (new or imported). */
export type NewQuestionnaire = { operator?: string } & (
  | { template: string }
  | {
      definition: QuestionnaireDefinition;
      translations?: { locales: Record<string, LocaleStatus> };
    }
);

interface Created {
  id: string;
  version: number;
  status: VersionStatus;
}

const versionPath = (id: string, version: number) =>
  `/questionnaires/${encodeURIComponent(id)}/versions/${version}`;

/** Where a version is downloaded: our JSON, or plain SurveyJS JSON. */
export const exportUrl = (id: string, version: number, format: 'fsa' | 'surveyjs') =>
  `/api/v1${versionPath(id, version)}/export${format === 'surveyjs' ? '?format=surveyjs' : ''}`;

export const designerApi = {
  questionnaires: () => request<List<Questionnaire>>('GET', '/questionnaires'),
  templates: () => request<List<Template>>('GET', '/questionnaire-templates'),
  programmes: () => request<List<ProgrammeRules>>('GET', '/programmes'),
  operators: () => request<List<Operator>>('GET', '/operators'),
  create: (body: NewQuestionnaire) => request<Created>('POST', '/questionnaires', { body }),
  version: (id: string, version: number) =>
    request<QuestionnaireVersion>('GET', versionPath(id, version)),
  save: (
    id: string,
    version: number,
    definition: QuestionnaireDefinition,
    locales?: Record<string, LocaleStatus>,
  ) =>
    request<QuestionnaireVersion>('PUT', versionPath(id, version), {
      body: locales ? { definition, translations: { locales } } : { definition },
    }),
  translations: (
    id: string,
    version: number,
    body: { locale: string; status?: LocaleStatus; confirm?: true; paths?: string[] },
  ) => request<QuestionnaireVersion>('POST', `${versionPath(id, version)}/translations`, { body }),
  check: (
    definition: QuestionnaireDefinition,
    draft?: { id: string; version: number },
    signal?: AbortSignal,
  ) =>
    request<{ problems: ErrorDetail[] }>('POST', '/questionnaires/check', {
      body: draft ? { definition, draft } : { definition },
      ...(signal ? { signal } : {}),
    }),
  submit: (id: string, version: number) =>
    request<Created>('POST', `${versionPath(id, version)}/submit`),
  retire: (id: string, version: number) =>
    request<Created>('POST', `${versionPath(id, version)}/retire`),
  newVersion: (id: string) =>
    request<Created>('POST', `/questionnaires/${encodeURIComponent(id)}/versions`, { body: {} }),
};
