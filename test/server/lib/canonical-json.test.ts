import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../server/lib/canonical-json.ts';

// Hashes already stored (response bodies, the audit chain, approved versions' contentHash) were
// made with the first version of canonicalJson: whatever it is rewritten into must give the
// same text for every value.
function firstVersion(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(firstVersion).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstVersion(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  test('sorts keys, drops undefined members and keeps no whitespace', () => {
    expect(canonicalJson({ b: [1, undefined, 'x'], a: { d: null, c: undefined }, é: true })).toBe(
      '{"a":{"d":null},"b":[1,null,"x"],"é":true}',
    );
  });

  test('gives the first version’s text for any value, unicode keys included', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
      ),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(firstVersion(v));
      }),
      { numRuns: 500 },
    );
  });
});
