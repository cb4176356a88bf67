import { hash, verify } from '@node-rs/argon2';

/** argon2id cost parameters (memory in KiB). */
export interface HashCost {
  memoryCost: number;
  timeCost: number;
}

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum, which isolated modules cannot import.

export function hashPassword(password: string, cost: HashCost): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost, parallelism: 1 });
}

/** Checks a password against a stored hash; a malformed hash is simply "no". */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time a real check would, so an unknown email answers as slowly as a wrong password. */
export async function verifyNothing(password: string, cost: HashCost): Promise<void> {
  dummy ??= hashPassword('not a real password, never matches', cost);
  await verifyPassword(await dummy, password);
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
