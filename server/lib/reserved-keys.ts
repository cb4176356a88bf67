/**
 * Keys no request may carry, at any depth: a plain object cannot hold `__proto__` (zod's records
 * drop it, an assignment sets the prototype instead), and `constructor` and `prototype` name
 * what every object inherits. Refused by name rather than dropped, so nothing vanishes silently.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
