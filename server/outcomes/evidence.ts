// The evidence beside a standard's figures (issue 16), as the API documents it: one declaration,
// spread into the contract's StandardFigures and used by the funnel.
import { z } from '@hono/zod-openapi';

export const IntervalSchema = z
  .object({ low: z.number(), high: z.number() })
  .nullable()
  .openapi('Interval', {
    description:
      'The 95% Wilson score interval of `percent`, in percent with one decimal; null with no respondents (README, "How sure a figure is")',
  });

export const EvidenceVerdictSchema = z
  .enum(['met', 'not_met', 'too_few_to_tell'])
  .nullable()
  .openapi('EvidenceVerdict', {
    description:
      '`met`/`not_met` when the whole interval lies above/below the agreed level, `too_few_to_tell` when it contains it; null with no respondents or no agreed level. `met` itself is unchanged.',
  });

/** The fields added beside `percent` and `met`. */
export const evidenceFields = { interval: IntervalSchema, verdict: EvidenceVerdictSchema };
