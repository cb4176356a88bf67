// The import endpoints (cases and attendance from a file), through the typed client: the file is
// sent as it is, with its type, rather than as JSON.
import { client, enc, ok, type Answer } from '../app/api.ts';

const imports = client['case-imports'][':kind'];

/** What a dry run or an import answers: every row's problem, or what was (or would be) stored. */
export type ImportResult = Answer<typeof imports.$post>;
export type ImportKind = ImportResult['kind'];
export type RowProblem = ImportResult['problems'][number];

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type to send a file as, by its name (browsers name a .csv's type in several ways). */
export function fileType(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return CSV_TYPE;
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

export const importApi = {
  /** Checks (dryRun) or imports a file. */
  send: (kind: ImportKind, file: Blob, type: string, dryRun: boolean) =>
    ok(
      imports.$post(
        { param: { kind: enc(kind) as ImportKind }, query: dryRun ? { dryRun: 'true' } : {} },
        { init: { body: file, headers: { 'content-type': type, accept: 'application/json' } } },
      ),
    ),
  templateUrl: (kind: ImportKind, format: 'csv' | 'xlsx') =>
    `/api/v1/case-imports/${encodeURIComponent(kind)}/template.${format}`,
};
