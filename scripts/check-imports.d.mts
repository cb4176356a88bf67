// Types of scripts/check-imports.mjs, for its test.

/** One import or re-export: the module it names and whether it names only types. */
export interface FoundImport {
  specifier: string;
  typeOnly: boolean;
}

/** Every import or re-export of a module in a source text. */
export function importsOf(source: string): FoundImport[];

/** What is wrong with one import of `file` (relative to the root), or null when it is allowed. */
export function seamProblem(file: string, found: FoundImport): string | null;

/** The Node globals (process, Buffer, __dirname, __filename, require) a client source uses. */
export function nodeGlobalsIn(source: string): { line: number; name: string }[];
