// What the quarantine keeps of a refused kiosk submission, and how much one kiosk may put there.
// The quarantine is reached with nothing but a kiosk code, so it keeps only what a response could
// hold (the contract's fields, answers to the version's questions, each of an answer's size),
// names everything else it left out, and takes a bounded number of entries per kiosk.
import type { AppError, ErrorDetail, RuleParams } from '../errors.ts';
import { isBlank, MAX_TEXT_ANSWER } from '../domain/checker.ts';

/** Refused submissions from one kiosk waiting for a decision; beyond it the kiosk gets 429. */
export const MAX_WAITING_PER_KIOSK = 200;
/** Refused submissions one kiosk may add in a minute; beyond it the kiosk gets 429. */
export const MAX_PER_KIOSK_PER_MINUTE = 30;
/** The longest choice value kept in a list answer (a checkbox's values are short codes). */
export const MAX_CHOICE_VALUE = 200;
/** The most values kept in a list answer. */
export const MAX_LIST_ANSWER = 100;
/** Unknown version: the most answers kept, and their total characters. */
export const MAX_UNKNOWN_ANSWERS = 100;
export const MAX_UNKNOWN_ANSWER_CHARS = 64_000;
/** The longest question name kept when the version is unknown (rules allow 60). */
const MAX_NAME = 100;
/** How many left-out paths an entry lists by name (the rest are counted). */
const MAX_DROPPED_LISTED = 20;

/** What a quarantine entry left out: the first paths by name, and how many in all. */
export interface Dropped {
  paths: string[];
  count: number;
}

/** A refused submission as the quarantine keeps it, and what it left out. */
export interface KeptSubmission {
  body: Record<string, unknown>;
  dropped: Dropped;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const shortText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max;

/** The size of an answer in characters, or null when no question could have produced it. */
function answerSize(value: unknown): number | null {
  if (isBlank(value) || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return Number.isFinite(value) ? 1 : null;
  if (typeof value === 'string') return value.length <= MAX_TEXT_ANSWER ? value.length : null;
  if (!Array.isArray(value) || value.length > MAX_LIST_ANSWER) return null;
  let size = 0;
  for (const item of value) {
    if (typeof item === 'string' && item.length <= MAX_CHOICE_VALUE) size += item.length;
    else if ((typeof item === 'number' && Number.isFinite(item)) || typeof item === 'boolean')
      size += 1;
    else return null;
  }
  return size;
}

/**
 * Keeps of a refused submission what a response could hold: `id`, `questionnaire` (`id`,
 * `version`), `locale`, `completedAt` and `answers`, each of its type and size; answers only to
 * the version's questions (`questions`; null when the version is unknown: then at most
 * MAX_UNKNOWN_ANSWERS of them, MAX_UNKNOWN_ANSWER_CHARS in all). A wrong answer to a real
 * question is kept (it is why the coordinator is asked). Everything else is listed in `dropped`.
 */
export function keptSubmission(
  submission: unknown,
  questions: ReadonlySet<string> | null,
): KeptSubmission {
  const dropped: string[] = [];
  const body: Record<string, unknown> = {};
  if (!isObject(submission)) {
    if (submission !== null && submission !== undefined) dropped.push('body');
    return { body, dropped: listed(dropped) };
  }
  for (const [field, value] of Object.entries(submission)) {
    switch (field) {
      case 'id':
        if (shortText(value, 100)) body.id = value;
        else dropped.push(field);
        break;
      case 'locale':
        if (shortText(value, 35)) body.locale = value;
        else dropped.push(field);
        break;
      case 'completedAt':
        if (shortText(value, 64)) body.completedAt = value;
        else dropped.push(field);
        break;
      case 'questionnaire': {
        if (!isObject(value)) {
          dropped.push(field);
          break;
        }
        const ref: Record<string, unknown> = {};
        for (const [part, partValue] of Object.entries(value)) {
          if (part === 'id' && shortText(partValue, 100)) ref.id = partValue;
          else if (part === 'version' && Number.isSafeInteger(partValue)) ref.version = partValue;
          else dropped.push(`questionnaire.${part}`);
        }
        body.questionnaire = ref;
        break;
      }
      case 'answers':
        if (isObject(value)) body.answers = keptAnswers(value, questions, dropped);
        else dropped.push(field);
        break;
      default:
        dropped.push(field);
    }
  }
  return { body, dropped: listed(dropped) };
}

function keptAnswers(
  answers: Record<string, unknown>,
  questions: ReadonlySet<string> | null,
  dropped: string[],
) {
  const kept: Record<string, unknown> = {};
  let count = 0;
  let chars = 0;
  for (const [name, value] of Object.entries(answers)) {
    const size = answerSize(value);
    const fits =
      size !== null &&
      (questions
        ? questions.has(name)
        : name.length <= MAX_NAME &&
          count < MAX_UNKNOWN_ANSWERS &&
          chars + size + name.length <= MAX_UNKNOWN_ANSWER_CHARS);
    if (!fits) {
      dropped.push(`answers.${name}`);
      continue;
    }
    kept[name] = value;
    count += 1;
    chars += size + name.length;
  }
  return kept;
}

/** At most MAX_DROPPED_LISTED paths by name (each cut to 100 characters), and the count. */
const listed = (paths: string[]): Dropped => ({
  paths: paths.slice(0, MAX_DROPPED_LISTED).map((p) => (p.length > 100 ? `${p.slice(0, 99)}…` : p)),
  count: paths.length,
});

/** The most problems an entry's reason keeps, and the longest text of each. */
const MAX_REASON_DETAILS = 50;
const MAX_REASON_TEXT = 500;

const cut = (text: string) =>
  text.length > MAX_REASON_TEXT ? `${text.slice(0, MAX_REASON_TEXT - 1)}…` : text;

/**
 * A refusal as an entry keeps it: its code, message and first MAX_REASON_DETAILS problems, each
 * text cut to MAX_REASON_TEXT characters (a refusal of junk can name megabytes of it).
 */
export function keptReason(error: AppError): QuarantineReason {
  return {
    code: error.code,
    message: cut(error.message),
    ...(error.details?.length
      ? {
          details: error.details.slice(0, MAX_REASON_DETAILS).map((d) => ({
            ...d,
            path: cut(d.path),
            message: cut(d.message),
            ...(d.params ? { params: keptParams(d.params) } : {}),
          })),
        }
      : {}),
  };
}

const keptParams = (params: RuleParams): RuleParams =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === 'string' ? cut(v) : Array.isArray(v) ? v.slice(0, 20).map(cut) : v,
    ]),
  );

/** Why an entry was refused, as stored. */
export interface QuarantineReason {
  code: string;
  message: string;
  details?: ErrorDetail[];
}
