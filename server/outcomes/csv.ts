import type { OutcomeRow } from './rows.ts';

const COLUMNS = [
  'programme',
  'fiscalYear',
  'operator',
  'unit',
  'region',
  'standard',
  'agreedPercent',
  'agreed',
  'respondents',
  'nonRespondents',
  'percent',
  'met',
  // Issue 16, after the contract's columns: the 95% interval and the verdict it supports.
  'intervalLow',
  'intervalHigh',
  'verdict',
] as const;

const field = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * outcomes.csv as API.md specifies (UTF-8 with BOM, one header row, the contract's columns, then
 * the interval and verdict of issue 16), one
 * row per standard of each row the screen shows: the asked scope first, then its regions,
 * operators and units (outcomeRows). Each row's figures are GET /outcomes's for the filters its
 * `operator`, `unit` and `region` columns name.
 */
export function outcomesCsv(
  head: { programme: string; fiscalYear: string },
  rows: OutcomeRow[],
): string {
  const lines = rows.flatMap((row) =>
    row.standards.map((s) =>
      [
        head.programme,
        head.fiscalYear,
        row.operator?.code ?? null,
        row.unit,
        row.region?.code ?? null,
        s.number,
        s.agreedPercent,
        s.agreed,
        s.respondents,
        s.nonRespondents,
        s.percent === null ? null : s.percent.toFixed(1),
        s.met,
        s.interval?.low.toFixed(1) ?? null,
        s.interval?.high.toFixed(1) ?? null,
        s.verdict,
      ]
        .map(field)
        .join(','),
    ),
  );
  return `\uFEFF${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
