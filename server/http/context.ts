import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import type { Principal } from '../auth/repository.ts';
import type { Logger } from '../lib/log.ts';

/** Who is calling: a signed-in user (by session cookie or API token). */
export interface Actor extends Principal {
  via: 'session' | 'token';
  /** The SHA-256 of the session id, for sign-out and password changes. */
  sessionHash: string | null;
}

/** What every feature's routes are built from. */
export interface Deps {
  db: Db;
  config: Config;
  log: Logger;
}

/** Hono's environment: the variables middleware puts on each request. */
export interface AppEnv {
  Variables: {
    actor: Actor | null;
    requestId: string;
    log: Logger;
    /** The request's JSON body, parsed once by the edge (undefined when none came as JSON). */
    json: unknown;
  };
}

/**
 * Which operators' records a caller may reach: every one ('all': admin, swd) or its own.
 * Repository functions that a coordinator can reach take a Scope, so none can forget it.
 */
export type Scope = 'all' | { operatorId: string };

export function scopeOf(actor: Actor): Scope {
  if (actor.role === 'coordinator' && actor.operatorId) return { operatorId: actor.operatorId };
  if (actor.role === 'coordinator') throw new Error('A coordinator without an operator');
  return 'all';
}
