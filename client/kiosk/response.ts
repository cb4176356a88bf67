// Turning a finished form into a submission, and keeping it safe before anything else happens.
import type { KioskQuestionnaire } from './kioskData.ts';
import { deliver, queued } from './outbox.ts';
import { enqueue, type ResponseSubmission } from './store.ts';

/** A random (version 4) UUID made on the tablet: the response's id for good. */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The submission for one participant's answers, stamped with the corrected clock. */
export function submission(
  questionnaire: KioskQuestionnaire,
  locale: string,
  answers: Record<string, unknown>,
  clockOffset: number,
): ResponseSubmission {
  return {
    id: newResponseId(),
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    locale,
    answers,
    completedAt: new Date(Date.now() + clockOffset).toISOString(),
  };
}

/**
 * Keeps a submission: in the tablet's outbox (resolved only once IndexedDB has it), or, where
 * the browser refuses storage, straight on the server. False when neither holds it.
 */
export async function keep(code: string, body: ResponseSubmission): Promise<boolean> {
  try {
    await enqueue(code, body);
  } catch {
    return (await deliver(code, body)) === 'acknowledged';
  }
  void queued();
  return true;
}
