/**
 * JSON with object keys sorted and no insignificant whitespace, so equal values hash equally.
 * Response bodies, the audit chain and approved versions' contentHash are hashed over it: its
 * output must never change (test/server/lib/canonical-json.test.ts holds it to the first
 * version). It runs on every kiosk submission, hence plain loops.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `[${out}]`;
  }
  let out = '';
  // Sorted by UTF-16 code units, as `<` compares strings.
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    out += (out ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(child);
  }
  return `{${out}}`;
}
