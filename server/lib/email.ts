/**
 * An email as it is stored and looked up: trimmed and lowercased, so `" Victim@x"` and
 * `"victim@x"` are one account and one sign-in limit (the database refuses any other form).
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
