// The shape of GET /home: what waits for the caller, by role. The client reads it with
// `import type` (client/home/api.ts), so this file imports nothing but zod.
import { z } from '@hono/zod-openapi';
import { LocalisedTextSchema } from '../http/schemas.ts';

/** How far back the coordinator's list of SWD's decisions reaches. */
export const RECENT_DECISION_DAYS = 30;

const ReviewWaitingSchema = z
  .object({
    questionnaire: z.string(),
    version: z.number().int(),
    title: LocalisedTextSchema,
    operator: z.object({ code: z.string(), name: LocalisedTextSchema }),
    submittedAt: z.string(),
  })
  .openapi('ReviewWaiting');

const DecisionSchema = z
  .object({
    questionnaire: z.string(),
    version: z.number().int(),
    title: LocalisedTextSchema,
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().nullable().openapi({ description: "SWD's reason for a rejection" }),
    decidedAt: z.string(),
  })
  .openapi('RecentDecision');

const QuarantineWaitingSchema = z
  .object({
    activity: z.string(),
    title: z.string(),
    date: z.string(),
    waiting: z.number().int().openapi({ description: 'Refused submissions not yet decided' }),
  })
  .openapi('QuarantineWaiting');

const OpenKioskSchema = z
  .object({
    id: z.string(),
    activity: z.string(),
    title: z.string(),
    date: z.string(),
    expiresAt: z.string(),
  })
  .openapi('OpenKiosk');

const PasswordResetSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['admin', 'swd', 'coordinator']),
    operator: z.string().nullable(),
  })
  .openapi('PasswordResetPending');

const AuditCheckSchema = z
  .object({
    at: z.string(),
    entries: z.number().int(),
    broken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  })
  .openapi('LastAuditCheck');

/** Each list is present for the roles it concerns, and only then. */
export const HomeSchema = z
  .object({
    reviews: z
      .array(ReviewWaitingSchema)
      .optional()
      .openapi({ description: 'SWD: versions submitted and waiting for a decision, oldest first' }),
    decisions: z
      .array(DecisionSchema)
      .optional()
      .openapi({
        description: `Coordinator: SWD's decisions on the operator's versions in the last ${RECENT_DECISION_DAYS} days, newest first`,
      }),
    quarantine: z.array(QuarantineWaitingSchema).optional().openapi({
      description:
        "Coordinator: the operator's activities with refused kiosk submissions to review",
    }),
    kiosks: z.array(OpenKioskSchema).optional().openapi({
      description: "Coordinator: the operator's kiosks still open, closing soonest first",
    }),
    passwordResets: z.array(PasswordResetSchema).optional().openapi({
      description: 'Admin: active users who must still replace a password an admin reset',
    }),
    auditCheck: AuditCheckSchema.nullable().optional().openapi({
      description: "Admin: the audit log's latest check (`audit_verified`), or null if never",
    }),
  })
  .openapi('Home');

export type Home = z.infer<typeof HomeSchema>;
