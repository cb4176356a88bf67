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
}

export interface User extends SessionUser {
  disabled: boolean;
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
  areaKind: 'region' | 'team';
  areas: { code: string; name: LocalisedText; districts?: string[] }[];
}

/** One of SWD's districts with its District Council districts. */
export interface District {
  code: string;
  name: LocalisedText;
  dcDistricts: { code: string; name: LocalisedText }[];
}

export interface List<T> {
  items: T[];
}
