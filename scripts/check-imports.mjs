// The seam between server and client, checked by reading import statements (npm run typecheck):
// - client/ may import server/domain/ at run time, and the rest of server/ only with
//   `import type` / `export type` (erased entirely; `import { type X }` is not, under
//   verbatimModuleSyntax it still loads the module), and never a `node:` module;
// - server/domain/ imports only itself and surveys/*.json, and packages only with `import type`.
// - client/ uses no Node global (process, Buffer, __dirname, __filename, require): its type-only
//   imports of server/ (AppType) bring @types/node into the client's program, so tsc alone no
//   longer refuses them.
// The tsconfig projects catch the rest; this catches what a tsconfig cannot.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every import or re-export of a module in a source text: its specifier and whether only types. */
export function importsOf(source) {
  const found = [];
  // Clauses hold only names, braces, commas, `*` and `as`: a statement cannot run into the next.
  const statement =
    /(?<![\w$.])(import|export)(\s+type(?=[\s{*]))?\s*([\w$\s{},*]*?)\s*from\s*(['"])([^'"\n]+)\4/g;
  for (const m of source.matchAll(statement)) found.push({ specifier: m[5], typeOnly: !!m[2] });
  for (const m of source.matchAll(/(?<![\w$.])import\s*(['"])([^'"\n]+)\1/g))
    found.push({ specifier: m[2], typeOnly: false }); // import 'x' (side effects)
  for (const m of source.matchAll(/(?<![\w$.])import\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g))
    found.push({ specifier: m[2], typeOnly: false }); // import('x')
  return found;
}

/** What is wrong with one import of `file` (relative to the root), or null when it is allowed. */
export function seamProblem(file, { specifier, typeOnly }) {
  const relative = specifier.startsWith('.');
  const target = relative ? path.posix.join(path.posix.dirname(file), specifier) : specifier;
  if (file.startsWith('client/')) {
    if (typeOnly) return null;
    if (specifier.startsWith('node:')) return `imports the Node module ${specifier}`;
    if (relative && target.startsWith('server/') && !target.startsWith('server/domain/'))
      return `imports ${target} at run time: only server/domain/ may be, use \`import type\``;
    return null;
  }
  if (file.startsWith('server/domain/')) {
    if (relative)
      return target.startsWith('server/domain/') || /^surveys\/[^/]+\.json$/.test(target)
        ? null
        : `imports ${target}: server/domain/ imports only itself and surveys/*.json`;
    if (specifier.startsWith('node:')) return `imports the Node module ${specifier}`;
    if (!typeOnly) return `imports the package ${specifier} at run time: the domain imports none`;
  }
  return null;
}

/** Node globals a browser does not have, outside comments and strings (roughly: code only). */
const NODE_GLOBALS = /(?<![\w$.])(process\.|Buffer\b|__dirname\b|__filename\b|require\s*\()/;

/** The Node globals one client source uses, by line number. */
export function nodeGlobalsIn(source) {
  const found = [];
  source.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""');
    const m = NODE_GLOBALS.exec(code);
    if (m && !/^\s*\*/.test(line)) found.push({ line: i + 1, name: m[1] });
  });
  return found;
}

function sourceFiles(folder) {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) =>
      path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = [];
  for (const file of [...sourceFiles('client'), ...sourceFiles('server/domain')]) {
    for (const found of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
      const problem = seamProblem(file, found);
      if (problem) problems.push(`${file}: ${problem} ('${found.specifier}')`);
    }
  }
  for (const file of sourceFiles('client')) {
    for (const { line, name } of nodeGlobalsIn(readFileSync(path.join(ROOT, file), 'utf8')))
      problems.push(`${file}:${line}: uses the Node global ${name.replace(/[.(\s]+$/, '')}`);
  }
  if (problems.length) {
    console.error(`The seam between server and client is broken:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}
