import { canonicalJson } from '../lib/canonical-json.ts';
import { sha256 } from '../lib/secrets.ts';

/** The fields of an audit entry that its hash covers. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  operatorId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** An entry's hash: SHA-256 of the previous hash and the entry's canonical JSON. */
export function entryHash(prevHash: string, entry: ChainedFields): string {
  return sha256(`${prevHash}\n${canonicalJson({ ...entry, at: entry.at.toISOString() })}`);
}

/** The first entry whose stored hashes do not follow from the ones before it, if any. */
export function firstBrokenLink(
  entries: Iterable<ChainedFields & { prevHash: string; hash: string }>,
  after: { hash: string; seq: number } = { hash: GENESIS_HASH, seq: 0 },
): { seq: number; reason: string } | null {
  let previous = after.hash;
  let expectedSeq = after.seq + 1;
  for (const { prevHash, hash, ...entry } of entries) {
    if (entry.seq !== expectedSeq)
      return { seq: entry.seq, reason: `expected entry ${expectedSeq}` };
    if (prevHash !== previous) return { seq: entry.seq, reason: 'previous hash differs' };
    if (entryHash(prevHash, entry) !== hash) {
      return { seq: entry.seq, reason: 'content does not match its hash' };
    }
    previous = hash;
    expectedSeq += 1;
  }
  return null;
}
