// Importing a coordinator's file of cases or attendance (issue 15): every row checked by the
// rules the API applies one record at a time (server/domain/case-import.ts), nothing stored
// unless the whole file is clean, then all of it in one transaction with its audit entry. A
// file sent again (the same bytes) is recognised by its SHA-256 and stores nothing twice.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { conflict, ruleBroken } from '../errors.ts';
import type { Actor } from '../http/context.ts';
import { appendAudit } from '../audit/repository.ts';
import {
  checkAttendanceRows,
  checkCaseRows,
  headerProblems,
  type ImportKind,
  type RowProblem,
} from '../domain/case-import.ts';
import { beyondModuleHours } from '../domain/case-rules.ts';
import { moduleHalfHours } from '../domain/service-records.ts';
import { addWorkingDays, hongKongDate } from '../domain/working-days.ts';
import { closureDates, addHalfHours } from '../cases/repository.ts';
import { holidayData, workingCalendar } from '../outputs/reference.ts';
import { readImportFile } from './files.ts';
import * as repo from './repository.ts';

export interface ImportResult {
  kind: ImportKind;
  dryRun: boolean;
  /** The file's data rows (blank rows are not counted). */
  rows: number;
  problems: RowProblem[];
  /** What was stored (or, in a dry run of a clean file, would be): counts by record. */
  stored: Record<string, number>;
  /** The file was imported before (same bytes): nothing was stored again. */
  alreadyImported: boolean;
  importedAt: string | null;
}

const references = (rows: readonly { cells: Record<string, string> }[]) => [
  ...new Set(rows.map((r) => (r.cells.reference ?? '').trim()).filter(Boolean)),
];

async function checkCases(db: Db, operatorId: string, rows: Parameters<typeof checkCaseRows>[0]) {
  const units = await repo.operatorUnits(db, operatorId);
  const categories = await repo.categoriesByProgramme(db, [
    ...new Set(units.map((u) => u.programme_code)),
  ]);
  const { problems, cases } = checkCaseRows(rows, {
    today: hongKongDate(new Date()),
    units: new Map(
      units.map((u) => [
        u.code,
        { programme: u.programme_code, categories: categories.get(u.programme_code) ?? [] },
      ]),
    ),
    takenReferences: await repo.storedReferences(db, operatorId, references(rows)),
  });
  const unitIds = new Map(units.map((u) => [u.code, u.id]));
  return { problems, cases, unitIds };
}

async function checkAttendance(
  db: Db,
  operatorId: string,
  rows: Parameters<typeof checkAttendanceRows>[0],
) {
  const units = await repo.operatorUnits(db, operatorId);
  const found = await repo.casesWithEnrolments(db, operatorId, references(rows));
  const { problems, enrolments } = checkAttendanceRows(rows, {
    today: hongKongDate(new Date()),
    units: new Set(units.map((u) => u.code)),
    cases: new Map(
      found.map((c) => [
        c.reference,
        {
          id: c.id,
          unit: c.unit,
          programme: c.programme,
          category: c.category,
          referredOn: c.referred_on,
          enrolments: c.enrolments.map((e) => ({
            id: e.id,
            programme: e.programme,
            module: e.module,
            halfHours: e.half_hours,
            createdAt: new Date(e.created_at).getTime(),
          })),
        },
      ]),
    ),
  });
  const unitOfCase = new Map(found.map((c) => [c.id, c.unit_id]));
  return { problems, enrolments, unitOfCase };
}

/** Reads, checks and (unless a dry run, and only when clean) stores a file. */
export async function importFile(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  file: { bytes: Uint8Array; type: 'csv' | 'xlsx' },
  dryRun: boolean,
): Promise<ImportResult> {
  const operatorId = actor.operatorId!;
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const { header, rows } = await readImportFile(file.bytes, file.type);
  const base = { kind, dryRun, rows: rows.length };
  const previous = await repo.findImport(db, operatorId, kind, sha256);
  if (previous)
    return {
      ...base,
      problems: [],
      stored: previous.stored,
      alreadyImported: true,
      importedAt: new Date(previous.created_at).toISOString(),
    };
  const problems = headerProblems(kind, header);
  if (!problems.length && !rows.length)
    problems.push({
      row: 2,
      column: 'file',
      value: '',
      rule: 'file_empty',
      message: 'The file has no rows below its header.',
    });
  let stored: Record<string, number> = {};
  let store: ((trx: Parameters<typeof repo.insertSessions>[0]) => Promise<void>) | null = null;
  if (!problems.length && kind === 'cases') {
    const checked = await checkCases(db, operatorId, rows);
    problems.push(...checked.problems);
    stored = {
      cases: checked.cases.length,
      contacts: checked.cases.filter((c) => c.firstContact).length,
    };
    store = async (trx) => {
      const calendar = workingCalendar(await closureDates(trx));
      const within = holidayData().workingDays.firstContactWithin;
      const cases = checked.cases.map((c) => ({
        ...c,
        contactDueOn: addWorkingDays(c.referredOn, within, calendar),
      }));
      const n = await repo.insertCases(trx, operatorId, checked.unitIds, cases, actor.userId);
      if (n !== cases.length)
        throw conflict(
          'A case of the file was recorded meanwhile: run the dry run again.',
          'case_reference_taken',
        );
    };
  } else if (!problems.length) {
    const checked = await checkAttendance(db, operatorId, rows);
    problems.push(...checked.problems);
    stored = {
      enrolments: checked.enrolments.filter((e) => !e.enrolmentId).length,
      sessions: checked.enrolments.reduce((n, e) => n + e.sessions.length, 0),
    };
    store = async (trx) => {
      const sessions: { enrolmentId: string; date: string; halfHours: number }[] = [];
      for (const e of checked.enrolments) {
        const unitId = checked.unitOfCase.get(e.caseId)!;
        const id = e.enrolmentId ?? (await repo.insertEnrolment(trx, e, unitId, actor.userId));
        if (e.enrolmentId && e.endedOn) await repo.setEnded(trx, e.enrolmentId, e.endedOn);
        const total = e.sessions.reduce((n, s) => n + s.halfHours, 0);
        // The limit is checked again in the statement that adds: attendance recorded meanwhile.
        if (!(await addHalfHours(trx, id, total, moduleHalfHours(e.programme))))
          throw ruleBroken('The attendance cannot be recorded.', [
            beyondModuleHours(e.programme, e.recordedHalfHours),
          ]);
        sessions.push(...e.sessions.map((s) => ({ enrolmentId: id, ...s })));
      }
      await repo.insertSessions(
        trx,
        sessions.map(({ enrolmentId, date, halfHours }) => ({ enrolmentId, date, halfHours })),
        actor.userId,
      );
    };
  }
  problems.sort((a, b) => a.row - b.row);
  const result = { ...base, problems, stored, alreadyImported: false, importedAt: null };
  if (dryRun) return result;
  if (problems.length)
    throw ruleBroken(
      `The file has ${problems.length} problem(s); nothing was imported.`,
      problems.map((p) => ({
        path: `rows.${p.row}.${p.column}`,
        message: `Row ${p.row}, ${p.column}: ${p.message}`,
        rule: p.rule,
        params: { ...p.params, row: p.row, column: p.column },
      })),
      'import_has_problems',
    );
  return db.transaction().execute(async (trx) => {
    const claimed = await repo.claimImport(trx, {
      operatorId,
      kind,
      sha256,
      rows: rows.length,
      stored,
      userId: actor.userId,
    });
    if (!claimed) {
      // The same file, sent twice at once: the other send stored it.
      const earlier = (await repo.findImport(trx, operatorId, kind, sha256))!;
      return {
        ...result,
        stored: earlier.stored,
        alreadyImported: true,
        importedAt: new Date(earlier.created_at).toISOString(),
      };
    }
    await store!(trx);
    await appendAudit(trx, actor, {
      action: `${kind === 'cases' ? 'cases' : 'attendance'}_imported`,
      targetType: 'case_import',
      targetId: claimed.id,
      operatorId,
      details: { rows: rows.length, stored, sha256 },
    });
    return result;
  });
}
