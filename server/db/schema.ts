import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { QuestionnaireDefinition } from '../domain/definition.ts';
import type { TranslationState } from '../questionnaires/translations.ts';

/** Text in Traditional Chinese and English at least, keyed by locale. */
export type LocalisedText = Record<string, string>;

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Instant = ColumnType<Date, Date | string, Date | string>;

export interface ProgrammesTable {
  code: string;
  name: Json<LocalisedText>;
  illustrative: boolean;
  area_kind: string;
  definition: Json<unknown>;
  created_at: CreatedAt;
}

export interface OutcomeStandardsTable {
  programme_code: string;
  number: number;
  name: Json<LocalisedText>;
  populations: Json<string[]>;
  illustrative: boolean;
}

export interface AgreedLevelsTable {
  programme_code: string;
  number: number;
  from_fiscal_year: number;
  agreed_percent: number | null;
  set_at: CreatedAt;
}

export interface SwdDistrictsTable {
  code: string;
  name: Json<LocalisedText>;
  position: number;
}

export interface DcDistrictsTable {
  code: string;
  name: Json<LocalisedText>;
  swd_district: string;
  position: number;
}

export interface OperatorsTable {
  id: Generated<string>;
  code: string;
  name: Json<LocalisedText>;
  demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UnitsTable {
  id: Generated<string>;
  operator_id: string;
  code: string;
  programme_code: string;
  region: string | null;
  districts: Json<string[]>;
  created_at: CreatedAt;
}

export type Role = 'admin' | 'swd' | 'coordinator';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: Role;
  operator_id: string | null;
  disabled_at: Instant | null;
  /** Set by an admin's password reset; cleared when the user changes the password. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Instant;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
  expires_at: Instant;
}

/** One counter per limited key (sign-in pairs, addresses, guessed secrets) and its window. */
export interface AttemptCountersTable {
  key: string;
  window_start: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: number;
}

/** Browsers that signed in to an account before (their cookie's SHA-256): spared shared limits. */
export interface KnownDevicesTable {
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_signed_in_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AuditLogTable {
  seq: number;
  at: Instant;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  operator_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface QuestionnairesTable {
  id: Generated<string>;
  operator_id: string;
  programme_code: string;
  population: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export type VersionStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'retired';

export interface QuestionnaireVersionsTable {
  questionnaire_id: string;
  version: number;
  status: VersionStatus;
  /**
   * As saved: an approved (or later) version's passes every rule (questionnaires/rules.ts); a
   * draft's may be incomplete, which is why the domain's walkers tolerate any shape.
   */
  definition: Json<QuestionnaireDefinition>;
  translations: Json<TranslationState>;
  content_hash: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  submitted_at: Instant | null;
  submitted_by: string | null;
  decided_at: Instant | null;
  decided_by: string | null;
  decision_reason: string | null;
  retired_at: Instant | null;
}

export interface ActivitiesTable {
  id: Generated<string>;
  operator_id: string;
  unit_id: string;
  kind: string;
  title: string;
  date: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ActivityQuestionnairesTable {
  activity_id: string;
  questionnaire_id: string;
  version: number;
}

export interface KiosksTable {
  id: Generated<string>;
  activity_id: string;
  code_hash: string;
  opened_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Instant;
  closed_at: Instant | null;
  opened_by: string | null;
  /** The staff PIN's scrypt (JSON, server/kiosk/pin.ts); never sent to a tablet. */
  pin_hash: string | null;
  /** Wrong PINs since `pin_failures_since` (server/kiosk/repository.ts, reservePinTry). */
  pin_failures: Generated<number>;
  pin_failures_since: Instant | null;
}

export interface ResponsesTable {
  id: string;
  activity_id: string;
  operator_id: string;
  unit_id: string;
  questionnaire_id: string;
  version: number;
  locale: string;
  answers: Json<Record<string, unknown>>;
  completed_at: Instant;
  received_at: ColumnType<Date, Date | string | undefined, never>;
  source: 'kiosk' | 'paper' | 'quarantine';
  kiosk_id: string | null;
  body_hash: string;
  voided_at: Instant | null;
  void_reason: string | null;
  voided_by: string | null;
}

export interface QuarantineTable {
  id: Generated<string>;
  activity_id: string;
  operator_id: string;
  kiosk_id: string | null;
  response_id: string | null;
  body: Json<unknown>;
  body_hash: string;
  status: number;
  reason: Json<{ code: string; message: string; details?: { path: string; message: string }[] }>;
  received_at: ColumnType<Date, Date | string | undefined, never>;
  resolved_at: Instant | null;
  resolution: 'accepted' | 'discarded' | null;
  resolved_by: string | null;
  resolution_note: string | null;
  /** What the entry left out of the submission (only what a response could hold is kept). */
  dropped: Json<{ paths: string[]; count: number }> | null;
}

export interface OutcomeVerdictsTable {
  response_id: string;
  standard: number;
  programme_code: string;
  operator_id: string;
  unit_id: string;
  fiscal_year: number;
  quarter: number;
  verdict: 'agreed' | 'not_agreed' | 'no_answer';
}

export interface OutcomeCountsTable {
  programme_code: string;
  fiscal_year: number;
  operator_id: string;
  unit_id: string;
  standard: number;
  quarter: number;
  shard: number;
  agreed: Generated<number>;
  respondents: Generated<number>;
  non_respondents: Generated<number>;
}

export interface FrozenYearsTable {
  fiscal_year: number;
  frozen_at: ColumnType<Date, Date | string | undefined, never>;
  responses_purged: number;
}

/** Every table, declared by hand (STYLE.md): the migrations in migrations/ are the truth. */
export interface Database {
  programmes: ProgrammesTable;
  outcome_standards: OutcomeStandardsTable;
  agreed_levels: AgreedLevelsTable;
  swd_districts: SwdDistrictsTable;
  dc_districts: DcDistrictsTable;
  operators: OperatorsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  attempt_counters: AttemptCountersTable;
  known_devices: KnownDevicesTable;
  audit_log: AuditLogTable;
  questionnaires: QuestionnairesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  activities: ActivitiesTable;
  activity_questionnaires: ActivityQuestionnairesTable;
  kiosks: KiosksTable;
  responses: ResponsesTable;
  quarantine: QuarantineTable;
  outcome_verdicts: OutcomeVerdictsTable;
  outcome_counts: OutcomeCountsTable;
  frozen_years: FrozenYearsTable;
  output_standards: OutputStandardsTable;
  output_levels: OutputLevelsTable;
  output_conversions: OutputConversionsTable;
  service_lists: ServiceListsTable;
  cases: CasesTable;
  case_contacts: CaseContactsTable;
  enrolments: EnrolmentsTable;
  attendance: AttendanceTable;
  case_referrals: CaseReferralsTable;
  service_events: ServiceEventsTable;
  closure_days: ClosureDaysTable;
  no_refusal_declarations: NoRefusalDeclarationsTable;
  pack_explanations: PackExplanationsTable;
  case_imports: CaseImportsTable;
  output_counts: OutputCountsTable;
  first_contact_counts: FirstContactCountsTable;
}

// Kept by database triggers (migrations/2026_12_04_0910_kept_output_counts.ts); read only.

/** Per unit, financial year, quarter (0: the year) and output standard. */
export interface OutputCountsTable {
  unit_id: string;
  fiscal_year: number;
  quarter: number;
  standard: number;
  counted: number;
  /** A share's denominator (0 for the other rules). */
  out_of: number;
}

/** Per unit, financial year and quarter (0: the year) of referral. */
export interface FirstContactCountsTable {
  unit_id: string;
  fiscal_year: number;
  quarter: number;
  cases: number;
  in_time: number;
  late: number;
  uncontacted: number;
}

export type User = Selectable<UsersTable>;
export type Operator = Selectable<OperatorsTable>;
export type Unit = Selectable<UnitsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;

// Issue 15: output standards, cases and what they count (migrations/2026_12_03_2230_service_records.ts).

export interface OutputStandardsTable {
  programme_code: string;
  number: number;
  name: Json<LocalisedText>;
  /** What is counted, in words (zh-HK and en). */
  counts: Json<LocalisedText>;
  /** The counting rule (server/domain/service-records.ts, CountRule). */
  rule: Json<unknown>;
  measure: 'count' | 'percent';
  illustrative: boolean;
}

export interface OutputLevelsTable {
  programme_code: string;
  number: number;
  from_fiscal_year: number;
  agreed_level: number | null;
  set_at: CreatedAt;
}

export interface OutputConversionsTable {
  programme_code: string;
  from_number: number;
  moves_number: number;
  /** The FSA's table (server/domain/conversion.ts, Conversion). */
  definition: Json<unknown>;
}

export interface ServiceListsTable {
  programme_code: string;
  list: string;
  code: string;
  name: Json<LocalisedText>;
  position: number;
}

type DateColumn = ColumnType<string, string, string>;

export interface CasesTable {
  id: Generated<string>;
  operator_id: string;
  unit_id: string;
  reference: string;
  category: string;
  referred_on: DateColumn;
  referral_source: string;
  contact_due_on: DateColumn;
  first_contact_on: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface CaseContactsTable {
  id: Generated<string>;
  case_id: string;
  unit_id: string;
  date: DateColumn;
  means: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface EnrolmentsTable {
  id: Generated<string>;
  case_id: string;
  unit_id: string;
  programme: 'learning_6h' | 'children_4h';
  module: 'basic' | 'advanced';
  ended_on: string | null;
  half_hours: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface AttendanceTable {
  id: Generated<string>;
  enrolment_id: string;
  date: DateColumn;
  half_hours: number;
  activity_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface CaseReferralsTable {
  id: Generated<string>;
  case_id: string;
  unit_id: string;
  date: DateColumn;
  service: string;
  means: 'oral' | 'written';
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ServiceEventsTable {
  id: Generated<string>;
  operator_id: string;
  unit_id: string;
  kind: string;
  date: DateColumn;
  sessions: number;
  participants: number | null;
  form: 'group' | 'individual';
  open_event: boolean;
  activity_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ClosureDaysTable {
  date: DateColumn;
  reason: 'typhoon_8' | 'black_rainstorm' | 'other';
  declared_at: CreatedAt;
  declared_by: string | null;
}

export interface NoRefusalDeclarationsTable {
  unit_id: string;
  fiscal_year: number;
  declared: boolean;
  declared_at: ColumnType<Date, Date | string | undefined, Date | string>;
  declared_by: string | null;
}

// Issue 16: the annual performance pack (migrations/2026_12_04_0430_pack_explanations.ts).

export interface PackExplanationsTable {
  unit_id: string;
  fiscal_year: number;
  /** `output-<n>`, `outcome-<n>` or `first-contact`. */
  standard: string;
  explanation: string;
  action_plan: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

/** A file of cases or attendance imported, by its bytes' SHA-256 (a file sent again stores nothing). */
export interface CaseImportsTable {
  id: Generated<string>;
  operator_id: string;
  kind: 'cases' | 'attendance';
  sha256: string;
  rows: number;
  /** What the import stored: counts by record. */
  stored: Json<Record<string, number>>;
  created_at: CreatedAt;
  created_by: string | null;
}
