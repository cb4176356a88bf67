// The shape of one problem in an error's `details`, shared by the server's refusals and the
// checks both sides run (a definition's rules, a response's answers). Pure and browser-safe.

/** One item of an error's `details`: where the problem is and what it is, for a person. */
export interface ErrorDetail {
  path: string;
  message: string;
  /** Which rule (questionnaire or response), for a client that says it in its reader's language. */
  rule?: string;
  /** The values the rule's sentence names; `locale`/`locales` hold language codes. */
  params?: RuleParams;
}

export type RuleParams = Record<string, string | number | string[]>;

/** A broken rule as an error detail: where, the English sentence, the rule's code and values. */
export const ruleDetail = (
  path: string,
  message: string,
  rule: string,
  params?: RuleParams,
): ErrorDetail => ({ path, message, rule, ...(params ? { params } : {}) });
