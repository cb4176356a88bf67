// A case is pseudonymous by design: its reference is the NGO's own code, never something that
// identifies a person. These checks refuse what looks like an HKID number, a phone number or an
// e-mail address. Pure and browser-safe, so a form can say the same before it sends.
import { ruleDetail, type ErrorDetail } from './error-detail.ts';

/**
 * An HKID number standing on its own: one or two letters, six digits and a check digit, in
 * brackets or not (A123456(7), AB9876543). "CASE2026001" is not one: the letters must start it.
 */
const HKID = /(?<![A-Za-z0-9])[A-Za-z]{1,2}\s?\d{6}\s?(?:\([0-9Aa]\)|[0-9Aa])(?![A-Za-z0-9])/;
/**
 * A Hong Kong phone number: eight digits from 2-9, written whole or 4 + 4 with a space, or any
 * number after +852 / 852. "SP-2026-0001" is not one (a dash between groups is a case code).
 */
const PHONE = /(?<!\d)(?:(?:\+|00)?852[\s-]?\d{4}[\s-]?\d{4}|[2-9]\d{3}\s?\d{4})(?!\d)/;
const EMAIL = /[^\s@]+@[^\s@]+/;

/** A reference is 1-40 characters of letters, digits and - _ / . and spaces, no more. */
const SHAPE = /^[A-Za-z0-9][A-Za-z0-9 _./-]{0,39}$/;

/** Every rule a case reference breaks, for a 422 (empty when it may be stored). */
export function caseReferenceProblems(reference: string, path = 'reference'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!SHAPE.test(reference))
    problems.push(
      ruleDetail(
        path,
        'Use 1-40 letters, digits, spaces or - _ / . for a case reference.',
        'case_reference_shape',
      ),
    );
  if (HKID.test(reference))
    problems.push(
      ruleDetail(
        path,
        'A case reference must not look like an HKID number: use the NGO’s own case code.',
        'case_reference_hkid',
      ),
    );
  if (PHONE.test(reference))
    problems.push(
      ruleDetail(
        path,
        'A case reference must not look like a phone number (eight digits from 2-9, or +852).',
        'case_reference_phone',
      ),
    );
  if (EMAIL.test(reference))
    problems.push(
      ruleDetail(
        path,
        'A case reference must not look like an e-mail address.',
        'case_reference_email',
      ),
    );
  return problems;
}
