// The FSA's conversion mechanism (SPeaR notes 5 and 9): as at 31 March, the actual of one output
// standard against its agreed level moves the agreed level of another. Pure and browser-safe.

/** One row of a conversion table: actuals from `atLeastPercent` of the agreed level, below `belowPercent`. */
export interface ConversionBand {
  atLeastPercent: number;
  belowPercent: number | null;
  /** How the moved standard's level changes: -50, -25, 0, +25, +50 (percent). */
  adjustPercent: number;
  /** The counts and level the FSA prints for its own agreed levels (a check, not the rule). */
  printed?: { from: number; to: number | null; level: number };
}

/** A conversion pair as programme data: standard `from` moves standard `moves`. */
export interface Conversion {
  from: number;
  moves: number;
  /** The agreed levels the FSA's printed table was drawn for. */
  printedFor?: { fromLevel: number; movedLevel: number };
  bands: ConversionBand[];
}

/**
 * The lowest actual that reaches `percent` of `agreed`: the nearest whole count, a half rounding
 * up. That is how the FSA's own tables turn their percentages into counts: 105% of 45 is 47.25,
 * printed as 47; 90% of 45 is 40.5, printed as 41; 105% of 32 is 33.6, printed as 34.
 */
export function thresholdCount(agreed: number, percent: number): number {
  return Math.floor((agreed * percent + 50) / 100);
}

/** The moved level after a change of `adjustPercent`, rounded down (12.5 → 12, 7.5 → 7). */
export function adjustedLevel(level: number, adjustPercent: number): number {
  return Math.floor((level * (100 + adjustPercent)) / 100);
}

/** The band an actual falls in, with its count range; null below the lowest band (no move). */
export function bandOf(conversion: Pick<Conversion, 'bands'>, fromLevel: number, actual: number) {
  for (const band of conversion.bands) {
    const from = thresholdCount(fromLevel, band.atLeastPercent);
    const to = band.belowPercent === null ? null : thresholdCount(fromLevel, band.belowPercent) - 1;
    if (actual >= from && (to === null || actual <= to)) return { band, from, to };
  }
  return null;
}

/** What the conversion does to the moved standard's level for one unit and year. */
export interface ConversionResult {
  from: number;
  moves: number;
  /** The moved standard's agreed level before the conversion. */
  agreedLevel: number | null;
  /** Its level after the conversion (the agreed level when nothing moves). */
  adjustedLevel: number | null;
  adjustPercent: number;
  /** The actuals of `from` that the band covers. */
  band: { from: number; to: number | null } | null;
  /** An upward move the band gives but the unit did not declare it turned no case away. */
  upwardWithheld: boolean;
}

/**
 * Applies a conversion: the band of `actual` against `fromLevel` sets the moved level; an
 * upward move (a positive adjustment) applies only when the unit declared that it turned away
 * no case needing service. With either level unknown nothing moves.
 */
export function convert(
  conversion: Conversion,
  levels: { fromLevel: number | null; movedLevel: number | null },
  actual: number,
  noRefusalDeclared: boolean,
): ConversionResult {
  const base = {
    from: conversion.from,
    moves: conversion.moves,
    agreedLevel: levels.movedLevel,
    adjustedLevel: levels.movedLevel,
    adjustPercent: 0,
    band: null,
    upwardWithheld: false,
  };
  if (levels.fromLevel === null || levels.movedLevel === null || levels.fromLevel <= 0) return base;
  const found = bandOf(conversion, levels.fromLevel, actual);
  if (!found) return base;
  const band = { from: found.from, to: found.to };
  if (found.band.adjustPercent > 0 && !noRefusalDeclared)
    return { ...base, band, upwardWithheld: true };
  return {
    ...base,
    band,
    adjustPercent: found.band.adjustPercent,
    adjustedLevel: adjustedLevel(levels.movedLevel, found.band.adjustPercent),
  };
}

/**
 * `convert` at one year's agreed levels (`levelOf` a standard's, null where none is agreed),
 * remembered per conversion, actual and declaration: across a territory's units the same few
 * cases recur, so each is worked out once a call.
 */
export function yearConverter(levelOf: (standard: number) => number | null) {
  const seen = new Map<string, ConversionResult>();
  return (conversion: Conversion, actual: number, noRefusalDeclared: boolean) => {
    const key = `${conversion.from}>${conversion.moves}:${actual}:${noRefusalDeclared}`;
    let result = seen.get(key);
    if (!result) {
      const levels = { fromLevel: levelOf(conversion.from), movedLevel: levelOf(conversion.moves) };
      seen.set(key, (result = convert(conversion, levels, actual, noRefusalDeclared)));
    }
    return result;
  };
}

/**
 * Where a table's printed counts or levels differ from the rule (thresholdCount and
 * adjustedLevel at the levels it was printed for): empty when the data and the rule agree.
 */
export function printedTableProblems(conversion: Conversion): string[] {
  const printedFor = conversion.printedFor;
  if (!printedFor) return [];
  const problems: string[] = [];
  for (const band of conversion.bands) {
    if (!band.printed) continue;
    const from = thresholdCount(printedFor.fromLevel, band.atLeastPercent);
    const to =
      band.belowPercent === null
        ? null
        : thresholdCount(printedFor.fromLevel, band.belowPercent) - 1;
    const level = adjustedLevel(printedFor.movedLevel, band.adjustPercent);
    if (from !== band.printed.from || to !== band.printed.to || level !== band.printed.level) {
      problems.push(
        `band from ${band.atLeastPercent}%: printed ${band.printed.from}-${band.printed.to ?? ''} → ${band.printed.level}, the rule gives ${from}-${to ?? ''} → ${level}`,
      );
    }
  }
  return problems;
}
