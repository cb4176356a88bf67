// The shapes of the API's responses that the staff app reads (see the OpenAPI document).

export type Role = 'admin' | 'swd' | 'coordinator';
export const ROLES: readonly Role[] = ['admin', 'swd', 'coordinator'];

/** A name in several languages, at least `zh-HK` and `en`. */
export type LocalisedText = Partial<Record<string, string>>;

/** The signed-in person. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  operator: string | null;
  /** An admin reset the password: the person must choose a new one before anything else. */
  mustChangePassword?: boolean;
}

export interface User extends SessionUser {
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Unit {
  code: string;
  programme: string;
  region: string | null;
  districts: string[];
}

export interface Operator {
  code: string;
  name: LocalisedText;
  demo: boolean;
  units: Unit[];
}

export interface Programme {
  code: string;
  name: LocalisedText;
  outcomeStandards: OutcomeStandard[];
  areaKind: 'region' | 'team';
  areas: { code: string; name: LocalisedText; districts?: string[] }[];
}

/** One of SWD's districts with its District Council districts. */
export interface District {
  code: string;
  name: LocalisedText;
  dcDistricts: { code: string; name: LocalisedText }[];
}

/** An API token as listed (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  user: { id: string; email: string; role: Role };
}

/** One entry of the audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; email: string | null } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  operator: string | null;
  details: Record<string, unknown>;
}

export interface AuditVerification {
  entries: number;
  broken: { seq: number; reason: string } | null;
  checkedAt: string;
}

/** An outcome standard with its agreed level now and from each financial year on. */
export interface OutcomeStandard {
  number: number;
  name: LocalisedText;
  agreedPercent: number | null;
  agreedLevels: { fromFiscalYear: number; agreedPercent: number | null }[];
}

export interface List<T> {
  items: T[];
}
