import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/** The parts of an OpenAPI 3.1 document these tests read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
export interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export type Schema = Record<string, any>;

/** Every operation of the document as [METHOD, path, operation]. */
export const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(
      ([method, operation]) => [method.toUpperCase(), path, operation] as const,
    ),
  );

/** Every `pattern` in the document, with where it is. */
export function patternsOf(value: unknown, at = '#'): { at: string; pattern: string }[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'pattern' && typeof child === 'string'
      ? [{ at, pattern: child }]
      : patternsOf(child, `${at}/${key}`),
  );
}

/**
 * Validates values against the document's own schemas with ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1): each schema is compiled beside the document's components, so its
 * `#/components/schemas/...` references resolve.
 */
export function schemaValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<Schema, ValidateFunction>();
  let next = 0;
  return (schema: Schema, value: unknown): string | null => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile({
        $id: `https://fsa.test/schema/${next++}`,
        ...schema,
        components: document.components,
      });
      compiled.set(schema, validate);
    }
    return validate(value) ? null : ajv.errorsText(validate.errors);
  };
}

/**
 * A fast-check arbitrary of values that fit a JSON Schema of the document (the subset zod
 * produces): what a client built from the document would send.
 */
export function valuesOf(
  document: OpenApiDocument,
  schema: Schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return valuesOf(document, document.components.schemas[name]!, depth);
  }
  const deeper = (s: Schema) => valuesOf(document, s, depth + 1);
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map(deeper));
  if (schema.allOf) return deeper(schema.allOf[0]);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type: string) => deeper({ ...schema, type })));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? (schema.exclusiveMinimum ?? -1001) + 1,
        max: schema.maximum ?? (schema.exclusiveMaximum ?? 100_001) - 1,
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1000,
        max: schema.maximum ?? 100_000,
        noNaN: true,
      });
    case 'string':
      return stringsOf(schema);
    case 'array':
      return fc.array(schema.items ? deeper(schema.items) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(
          schema.minItems ?? 0,
          Math.min(schema.maxItems ?? 3, depth > 3 ? 0 : 3),
        ),
      });
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, deeper(s)])),
        { requiredKeys: (schema.required ?? []).filter((k: string) => k in properties) },
      );
      const extra = schema.additionalProperties;
      if (!extra || typeof extra !== 'object' || depth > 3) return record;
      return fc
        .tuple(
          record,
          fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), deeper(extra), { maxKeys: 3 }),
        )
        .map(([known, more]) => ({ ...more, ...known }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringsOf(schema: Schema): fc.Arbitrary<string> {
  const bounds = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 1000 };
  const fits = (s: string) => s.length >= bounds.minLength && s.length <= bounds.maxLength;
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.string({
        ...bounds,
        maxLength: Math.min(bounds.maxLength, Math.max(bounds.minLength, 40)),
      });
  }
}
