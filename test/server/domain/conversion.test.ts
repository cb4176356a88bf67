import { describe, expect, test } from 'vitest';
import {
  bandOf,
  convert,
  printedTableProblems,
  thresholdCount,
  type Conversion,
} from '../../../server/domain/conversion.ts';
import { readOutputReference } from '../../../server/outputs/reference.ts';

const spear = (await readOutputReference()).find((p) => p.code === 'SPEAR')!;
const os1to3 = spear.conversions.find((c) => c.from === 1) as Conversion;
const os4to7 = spear.conversions.find((c) => c.from === 4) as Conversion;

// The FSA's tables (SPeaR notes 5 and 9) at every band edge: the actual of OS1 (agreed 45) sets
// OS3's level (10); OS4's (agreed 32) sets OS7's (4). Upward moves need the no-refusal declaration.
describe.each([
  {
    conversion: os1to3,
    levels: { fromLevel: 45, movedLevel: 10 },
    rows: [
      // actual, with declaration, without
      [35, 10, 10], // below 80%: no move
      [36, 15, 10], // 80% (36 = 45 x 0.8): +50%
      [40, 15, 10],
      [41, 12, 10], // 90% of 45 is 40.5, printed 41: +25%, 12.5 rounded down
      [44, 12, 10],
      [45, 10, 10], // 100%: no move
      [46, 10, 10],
      [47, 7, 7], // the FSA prints 47 for 105% (47.25): -25%, 7.5 rounded down
      [51, 7, 7],
      [52, 5, 5], // 115% (51.75): -50%
    ],
  },
  {
    conversion: os4to7,
    levels: { fromLevel: 32, movedLevel: 4 },
    rows: [
      [25, 4, 4],
      [26, 6, 4], // 80% of 32 is 25.6
      [28, 6, 4],
      [29, 5, 4], // 90%: 28.8
      [31, 5, 4],
      [32, 4, 4],
      [33, 4, 4],
      [34, 3, 3], // 105%: 33.6
      [36, 3, 3],
      [37, 2, 2], // 115%: 36.8
    ],
  },
])('OS$conversion.from moves OS$conversion.moves', ({ conversion, levels, rows }) => {
  test.each(rows)('actual %i: %i with the declaration, %i without', (actual, withIt, without) => {
    const declared = convert(conversion, levels, actual, true);
    const undeclared = convert(conversion, levels, actual, false);
    expect(declared.adjustedLevel).toBe(withIt);
    expect(undeclared.adjustedLevel).toBe(without);
    expect(undeclared.upwardWithheld).toBe(withIt > levels.movedLevel);
    expect(declared.upwardWithheld).toBe(false);
  });

  test('the printed table and the rule agree', () => {
    expect(printedTableProblems(conversion)).toEqual([]);
  });
});

describe('thresholds and bands', () => {
  test('a count reaches a share at the nearest whole count, a half rounding up', () => {
    expect(thresholdCount(45, 105)).toBe(47); // 47.25: DOMAIN.md's ceil would say 48, the FSA prints 47
    expect(thresholdCount(45, 90)).toBe(41); // 40.5
    expect(thresholdCount(45, 115)).toBe(52); // 51.75
    expect(thresholdCount(32, 105)).toBe(34); // 33.6
  });

  test('a changed agreed level moves the bands with it', () => {
    // 50 agreed: 80% is 40, 90% 45, 100% 50, 105% 52.5 → 53, 115% 57.5 → 58.
    expect(bandOf(os1to3, 50, 39)).toBeNull();
    expect(bandOf(os1to3, 50, 40)?.from).toBe(40);
    expect(bandOf(os1to3, 50, 52)?.band.adjustPercent).toBe(0);
    expect(bandOf(os1to3, 50, 53)?.band.adjustPercent).toBe(-25);
    expect(bandOf(os1to3, 50, 58)?.band.adjustPercent).toBe(-50);
  });

  test('no level, no move', () => {
    expect(convert(os1to3, { fromLevel: null, movedLevel: 10 }, 60, true).adjustedLevel).toBe(10);
    expect(convert(os1to3, { fromLevel: 45, movedLevel: null }, 60, true).adjustedLevel).toBeNull();
  });

  test('a table whose printed counts disagree with the rule is named', () => {
    const wrong: Conversion = {
      ...os1to3,
      bands: os1to3.bands.map((b) =>
        b.adjustPercent === -25 ? { ...b, printed: { from: 48, to: 51, level: 7 } } : b,
      ),
    };
    expect(printedTableProblems(wrong)).toHaveLength(1);
  });
});
