import type { outcomes } from './service.ts';

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
] as const;

const field = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** outcomes.csv as API.md specifies: UTF-8 with BOM, one header row, one row per standard. */
export function outcomesCsv(body: Awaited<ReturnType<typeof outcomes>>): string {
  const rows = body.standards.map((s) =>
    [
      body.programme,
      body.fiscalYear,
      body.operator,
      body.unit,
      body.region,
      s.number,
      s.agreedPercent,
      s.agreed,
      s.respondents,
      s.nonRespondents,
      s.percent === null ? null : s.percent.toFixed(1),
      s.met,
    ]
      .map(field)
      .join(','),
  );
  return `\uFEFF${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
