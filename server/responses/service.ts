import { z } from '@hono/zod-openapi';
import type { Db } from '../db/open.ts';
import { AppError, conflict, ruleBroken, type ErrorDetail } from '../errors.ts';
import { Uuid } from '../http/schemas.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { RESERVED_KEYS } from '../lib/reserved-keys.ts';
import { sha256 } from '../lib/secrets.ts';
import { allQuestions } from '../domain/definition.ts';
import { kioskEnd, type KioskRow } from '../kiosk/repository.ts';
import { compileChecker, responseProblem, type AnswerChecker } from '../domain/checker.ts';
import { measuresOf, type Measure } from '../domain/compute.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { findDefinition } from '../questionnaires/repository.ts';
import {
  insertScoredResponses,
  versionForResponse,
  type ResponseWithVerdicts,
} from './counting-repository.ts';
import { findResponseForRepeat, quarantineSubmission } from './repository.ts';
import {
  keptReason,
  keptSubmission,
  MAX_PER_KIOSK_PER_MINUTE,
  MAX_WAITING_PER_KIOSK,
} from './quarantine.ts';
import { writeScoredResponse } from './writer.ts';

/** How far ahead of the server's clock a tablet's `completedAt` may be. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** How long after its kiosk closed a response completed while it was open is still accepted. */
export const OFFLINE_GRACE_MS = 7 * 24 * 3600_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The one declaration of a submission, for the kiosk and for paper entry alike: strict (a field
 * it does not know is 422, never dropped), and no answer may be keyed by a name that cannot be
 * stored (zod's record would drop `__proto__` without a word).
 */
export const ResponseSubmissionSchema = z
  .strictObject({
    id: z.string().regex(Uuid, 'Must be a UUID made on the tablet.'),
    questionnaire: z.strictObject({
      id: z.string().regex(Uuid),
      version: z.number().int().min(1).max(100_000),
    }),
    locale: z.string().min(2).max(10),
    answers: z.record(
      z
        .string()
        .max(100)
        .refine((name) => !RESERVED_KEYS.has(name), 'This name cannot be stored.'),
      z.unknown(),
    ),
    completedAt: z
      .string()
      .regex(
        ISO_WITH_OFFSET,
        'Must be an ISO 8601 instant with an offset, e.g. 2026-05-14T11:02:00+08:00.',
      )
      .refine((s) => !Number.isNaN(Date.parse(s)), 'Must be a real date and time.'),
  })
  .openapi('ResponseSubmission');
export type ResponseSubmission = z.infer<typeof ResponseSubmissionSchema>;

/** Where a response is going: the activity (and kiosk) it belongs to, and how it came. */
export interface ResponseTarget {
  activityId: string;
  operatorId: string;
  unitId: string;
  kiosk: Pick<KioskRow, 'id' | 'opened_at' | 'expires_at' | 'closed_at'> | null;
  source: 'kiosk' | 'paper' | 'quarantine';
}

/** What the hot path needs of a version, compiled once per process from its definition. */
interface CompiledVersion {
  programme: string;
  locales: string[];
  check: AnswerChecker;
  measures: Measure[];
  /** Its question names: what a quarantined submission's answers are kept to. */
  questions: ReadonlySet<string>;
}

// Only approved (or retired) versions take responses and their content never changes, so each
// is compiled once per process, keyed by questionnaire and version.
const compiled = new Map<string, CompiledVersion>();
const versionKey = (ref: { id: string; version: number }) => `${ref.id}/${ref.version}`;

/**
 * Checks that the activity uses the version and that it takes this response (the same
 * conditions the insert checks: versionForResponse), and compiles it into the cache. Throws the
 * refusal.
 */
async function checkVersion(
  db: Db,
  activityId: string,
  ref: { id: string; version: number },
  completedAt: Date,
): Promise<CompiledVersion> {
  const row = await versionForResponse(db, activityId, ref, completedAt);
  if (!row) {
    throw ruleBroken('The questionnaire is not one this activity uses.', [
      responseProblem(
        'questionnaire',
        `Version ${ref.version} of questionnaire ${ref.id} is not used by this activity.`,
        'questionnaireNotUsed',
        { version: ref.version },
      ),
    ]);
  }
  if (!row.takes) {
    throw ruleBroken('The questionnaire version does not take responses.', [
      responseProblem(
        'questionnaire',
        `This version is ${row.status}; only approved versions take responses (a retired one only those completed before it was retired).`,
        'versionClosed',
      ),
    ]);
  }
  if (!row.yearOpen) {
    throw ruleBroken('The response’s financial year is closed.', [
      responseProblem(
        'completedAt',
        `The responses of financial year ${fiscalYearOf(completedAt)} were purged and its figures frozen; it takes no more.`,
        'yearFrozen',
      ),
    ]);
  }
  let version = compiled.get(versionKey(ref));
  if (!version) {
    const definition = row.definition;
    version = {
      programme: row.programme_code,
      locales: definition.locales ?? [],
      check: compileChecker(definition),
      measures: measuresOf(definition),
      questions: questionNames(definition),
    };
    compiled.set(versionKey(ref), version);
  }
  return version;
}

const questionNames = (definition: unknown): ReadonlySet<string> =>
  new Set(
    allQuestions(definition)
      .map(({ element }) => element.name)
      .filter((name): name is string => typeof name === 'string'),
  );

const isoProblems = (error: z.ZodError): ErrorDetail[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message }));

/** The checks that need no database: the clock, the kiosk's window, the answers. */
function checkTiming(target: ResponseTarget, submission: ResponseSubmission, now: Date) {
  const completedAt = new Date(submission.completedAt);
  if (completedAt.getTime() > now.getTime() + CLOCK_TOLERANCE_MS) {
    throw ruleBroken('The response is dated in the future.', [
      responseProblem(
        'completedAt',
        'completedAt is more than 5 minutes ahead of the server’s clock; correct the tablet’s clock from serverTime.',
        'futureCompletion',
      ),
    ]);
  }
  if (target.kiosk) checkKioskWindow(target.kiosk, completedAt, now);
  return completedAt;
}

function checkAnswers(version: CompiledVersion, submission: ResponseSubmission) {
  const problems = version.check(submission.answers);
  if (!version.locales.includes(submission.locale)) {
    problems.unshift(
      responseProblem(
        'locale',
        `The questionnaire is not offered in ${submission.locale}.`,
        'localeNotOffered',
        { locale: submission.locale },
      ),
    );
  }
  if (problems.length)
    throw ruleBroken('The answers do not fit the questionnaire.', problems, 'answers_do_not_fit');
}

/**
 * Stores one response under the contract: 201 new, 200 repeat (same id and body), 409 same id
 * with another body or activity, 410 kiosk closed, 422 answers that do not fit. Throws AppError
 * for every refusal; nothing is stored then. The common case is one database round trip: the
 * insert itself checks that the version still takes responses.
 */
export async function storeResponse(
  db: Db,
  target: ResponseTarget,
  body: unknown,
  now = new Date(),
): Promise<{ status: 200 | 201; id: string }> {
  const parsed = ResponseSubmissionSchema.safeParse(body);
  if (!parsed.success)
    throw ruleBroken(
      'The response is not in the expected shape.',
      isoProblems(parsed.error),
      'invalid_response',
    );
  const submission = parsed.data;
  const bodyHash = sha256(canonicalJson(body));
  try {
    const completedAt = checkTiming(target, submission, now);
    const version =
      compiled.get(versionKey(submission.questionnaire)) ??
      (await checkVersion(db, target.activityId, submission.questionnaire, completedAt));
    checkAnswers(version, submission);
    // Inside a transaction (accepting a quarantined submission) the response is written in it;
    // otherwise it joins the group commit.
    const write = db.isTransaction
      ? async (r: ResponseWithVerdicts) => (await insertScoredResponses(db, [r])).size > 0
      : (r: ResponseWithVerdicts) => writeScoredResponse(db, r);
    const inserted = await write({
      id: submission.id,
      activityId: target.activityId,
      operatorId: target.operatorId,
      unitId: target.unitId,
      questionnaireId: submission.questionnaire.id,
      version: submission.questionnaire.version,
      locale: submission.locale,
      answers: submission.answers,
      completedAt,
      source: target.source,
      kioskId: target.kiosk?.id ?? null,
      bodyHash,
      programme: version.programme,
      measures: version.measures,
    });
    if (inserted) return { status: 201, id: submission.id };
    // Nothing stored: either the version does not take it (this throws why) or the id exists.
    await checkVersion(db, target.activityId, submission.questionnaire, completedAt);
  } catch (error) {
    // A repeat of a stored response is 200 even when it would no longer be accepted (its
    // kiosk closed since, its version retired); the same id with another body is 409.
    if (
      error instanceof AppError &&
      (await repeatStatus(db, submission.id, target.activityId, bodyHash))
    ) {
      return { status: 200, id: submission.id };
    }
    throw error;
  }
  const repeat = await repeatStatus(db, submission.id, target.activityId, bodyHash);
  return { status: repeat ?? 200, id: submission.id };
}

async function repeatStatus(
  db: Db,
  id: string,
  activityId: string,
  bodyHash: string,
): Promise<200 | null> {
  const existing = await findResponseForRepeat(db, id);
  if (!existing) return null;
  if (existing.activity_id !== activityId)
    throw conflict('A response with this id was stored for another activity.', 'response_id_taken');
  if (existing.body_hash !== bodyHash)
    throw conflict('A different response with this id was already stored.', 'response_id_taken');
  return 200;
}

function checkKioskWindow(
  kiosk: NonNullable<ResponseTarget['kiosk']>,
  completedAt: Date,
  now: Date,
) {
  const end = kioskEnd(kiosk);
  const completedWhileOpen =
    completedAt.getTime() >= kiosk.opened_at.getTime() - CLOCK_TOLERANCE_MS &&
    completedAt.getTime() <= end.getTime() + CLOCK_TOLERANCE_MS;
  if (now > end) {
    if (!completedWhileOpen || now.getTime() > end.getTime() + OFFLINE_GRACE_MS) {
      throw new AppError(410, 'kiosk_closed', 'This kiosk is closed.');
    }
  } else if (!completedWhileOpen) {
    throw ruleBroken('The response was completed before this kiosk opened.', [
      responseProblem(
        'completedAt',
        'completedAt is before the kiosk was opened.',
        'beforeKioskOpened',
      ),
    ]);
  }
}

/** A kiosk's quarantine is at its bound: the tablet keeps the submission and retries later. */
export class QuarantineFull extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'quarantine_full',
      'This kiosk has too many refused submissions waiting; keep this one and send it again later.',
      undefined,
      { retryAfter: retryAfterSeconds },
    );
  }
}

/** The question names of the version a refused submission names, when there is one. */
async function questionsOf(db: Db, body: unknown): Promise<ReadonlySet<string> | null> {
  const ref = (body as { questionnaire?: { id?: unknown; version?: unknown } } | null)
    ?.questionnaire;
  if (typeof ref?.id !== 'string' || !Uuid.test(ref.id)) return null;
  if (!Number.isInteger(ref.version) || (ref.version as number) < 1) return null;
  const version = { id: ref.id, version: Math.min(ref.version as number, 2 ** 31 - 1) };
  const cached = compiled.get(versionKey(version));
  if (cached) return cached.questions;
  const definition = await findDefinition(db, version.id, version.version);
  return definition ? questionNames(definition) : null;
}

/**
 * A kiosk submission refused for good (409, 410, 422) goes to the activity's quarantine, where
 * the coordinator decides; the refusal then says `"quarantined": true`. The quarantine keeps only
 * what a response could hold (keptSubmission), and takes a bounded number of entries per kiosk:
 * past the bound the answer is 429 with Retry-After, which the tablet's outbox retries later, so
 * a real submission is never lost, and a kiosk code alone cannot fill the database.
 */
export async function storeKioskResponse(
  db: Db,
  target: ResponseTarget & { kiosk: KioskRow },
  body: unknown,
) {
  try {
    return await storeResponse(db, target, body);
  } catch (error) {
    if (!(error instanceof AppError) || ![409, 410, 422].includes(error.status)) throw error;
    const id =
      typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
    const kept = keptSubmission(body, await questionsOf(db, body));
    const outcome = await quarantineSubmission(
      db,
      {
        activityId: target.activityId,
        operatorId: target.operatorId,
        kioskId: target.kiosk.id,
        responseId: typeof id === 'string' ? id.slice(0, 100) : null,
        body: kept.body,
        bodyHash: sha256(canonicalJson(body)),
        dropped: kept.dropped,
        status: error.status,
        reason: keptReason(error),
      },
      { waiting: MAX_WAITING_PER_KIOSK, perMinute: MAX_PER_KIOSK_PER_MINUTE },
    );
    if (outcome === 'kiosk_full') throw new QuarantineFull(15 * 60);
    if (outcome === 'kiosk_busy') throw new QuarantineFull(60);
    throw new AppError(error.status, error.code, error.message, error.details, {
      ...error.extra,
      quarantined: true,
    });
  }
}
