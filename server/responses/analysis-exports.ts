// Labelled exports for an operator's own analysis (issue 21): one CSV of the responses and the
// syntax that reads it into SPSS (.sps), R (.R) and Stata (.do) with variable and value labels,
// in one zip. "No opinion" is coded 3 and is not declared missing: it is an answer, counted in
// the outcome standards' denominators and scored 3 by `mean` scoring; each script says how to
// treat it as missing instead.
import JSZip from 'jszip';
import type { Variable } from './analysis-codebook.ts';
import type { AnalysisRows } from './analysis-repository.ts';

export const DATA_FILE = 'responses.csv';

/** What the export holds, for the files' headers. */
export interface ExportAbout {
  operator: string;
  scope: string;
  locale: string;
  exportedAt: Date;
  freeText: boolean;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Cuts a text to at most `max` UTF-8 bytes without splitting a character. */
function clip(text: string, max: number): string {
  if (utf8Bytes(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (utf8Bytes(out + char) > max - 3) break;
    out += char;
  }
  return `${out}…`;
}

/** The data: a header of variable names, a row per response, strings quoted (RFC 4180). */
export function csv(variables: Variable[], rows: AnalysisRows['responses']): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [variables.map((v) => v.name).join(',')];
  for (const r of rows)
    lines.push(
      variables
        .map((v) => {
          const value = v.cell(r);
          if (value === null) return '';
          return v.type === 'string' ? quote(String(value)) : String(value);
        })
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

const likertNames = (variables: Variable[]) =>
  variables.filter((v) => v.labelSet === 'likert').map((v) => v.name);

/** Variables grouped by their value labels: a shared set once, others one by one. */
function labelGroups(variables: Variable[]) {
  const groups = new Map<string, { names: string[]; values: NonNullable<Variable['values']> }>();
  for (const v of variables) {
    if (!v.values?.length) continue;
    const key = v.labelSet ?? `var:${v.name}`;
    const group = groups.get(key) ?? { names: [], values: v.values };
    group.names.push(v.name);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
}

function header(about: ExportAbout, comment: string, variables: Variable[]): string {
  const lines = [
    `FSA Outcomes: responses of ${about.operator}, ${about.scope}.`,
    `Exported ${about.exportedAt.toISOString()}; labels in ${about.locale}. Voided responses are left out.`,
    `Reads ${DATA_FILE} (UTF-8) from the working directory: run it from the folder that holds both.`,
    'Likert items: 5 strongly agree, 4 agree, 3 no opinion, 2 disagree, 1 strongly disagree.',
    '"No opinion" (3) is an answer, not a missing value: it counts in the denominator of the',
    'outcome standards and is scored 3 by the mean rule. To leave it out of an analysis, declare',
    'it missing (see the end of this file). A skipped question is blank (missing).',
    about.freeText
      ? 'Free-text answers are included: participants wrote them for the operator; share them only as the operator allows.'
      : 'Free-text answers are left out.',
  ];
  if (!likertNames(variables).length) lines.splice(3, 4);
  return lines.map((l) => `${comment} ${l}`).join('\n');
}

const spssString = (text: string, max: number) => `'${clip(text, max).replace(/'/g, "''")}'`;

/** SPSS syntax (PSPP reads it too): GET DATA from the CSV, then labels, levels and formats. */
export function spss(variables: Variable[], rows: AnalysisRows['responses'], about: ExportAbout) {
  const width = (v: Variable) =>
    Math.min(32767, Math.max(1, ...rows.map((r) => utf8Bytes(String(v.cell(r) ?? '')))));
  const formats = variables.map(
    (v) => `    ${v.name} ${v.type === 'string' ? `A${width(v)}` : 'F8.0'}`,
  );
  const labels = variables.map(
    (v, i) => `${i ? '  /' : '  '}${v.name} ${spssString(v.label, 250)}`,
  );
  const values = labelGroups(variables).map(
    (g, i) =>
      `${i ? '  /' : '  '}${g.names.join(' ')}\n${g.values
        .map((x) => `    ${x.code} ${spssString(x.label, 120)}`)
        .join('\n')}`,
  );
  const levels = (['nominal', 'ordinal', 'scale'] as const)
    .map(
      (level) =>
        [level, variables.filter((v) => v.type === 'number' && v.level === level)] as const,
    )
    .filter(([, vs]) => vs.length)
    .map(
      ([level, vs], i) =>
        `${i ? '  /' : '  '}${vs.map((v) => v.name).join(' ')} (${level.toUpperCase()})`,
    );
  const likert = likertNames(variables);
  return [
    '* Encoding: UTF-8.',
    // A comment runs on to the line that ends with a period: every sentence of the header does.
    header(about, '*', variables),
    '',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE='${DATA_FILE}'`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    "  /QUALIFIER='\"'",
    '  /VARIABLES=',
    `${formats.join('\n')}.`,
    '',
    'VARIABLE LABELS',
    `${labels.join('\n')}.`,
    ...(values.length ? ['', 'VALUE LABELS', `${values.join('\n')}.`] : []),
    ...(levels.length ? ['', 'VARIABLE LEVEL', `${levels.join('\n')}.`] : []),
    ...(likert.length
      ? [
          '',
          '* To treat "no opinion" as missing instead:',
          `* MISSING VALUES ${likert.join(' ')} (3).`,
        ]
      : []),
    'EXECUTE.',
    '',
  ].join('\n');
}

const rString = (text: string) =>
  `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** An R script: read.csv, labelled factors (ordered for likert items) and "label" attributes. */
export function rScript(variables: Variable[], about: ExportAbout) {
  const classes = variables.map(
    (v) => `  ${rString(v.name)} = ${v.type === 'string' ? '"character"' : '"numeric"'}`,
  );
  const lines = [
    header(about, '#', variables),
    '# Likert items become ordered factors (as.integer() gives back the score 1 to 5); other',
    '# coded answers become factors; each variable keeps its label in attr(, "label") (haven,',
    '# labelled and Hmisc read it). Run with source("responses.R", encoding = "UTF-8").',
    '',
    `responses <- read.csv(${rString(DATA_FILE)}, fileEncoding = "UTF-8", na.strings = "",`,
    '  check.names = FALSE, colClasses = c(',
    classes.join(',\n'),
    '  ))',
    '',
  ];
  for (const g of labelGroups(variables)) {
    const sorted = [...g.values].sort((a, b) => a.code - b.code);
    const ordered = variables.find((v) => v.name === g.names[0])!.level === 'ordinal';
    lines.push(
      `levels <- c(${sorted.map((x) => x.code).join(', ')})`,
      `labels <- c(${sorted.map((x) => rString(x.label)).join(', ')})`,
      ...g.names.map(
        (name) =>
          `responses[[${rString(name)}]] <- factor(responses[[${rString(name)}]], levels = levels, labels = labels${ordered ? ', ordered = TRUE' : ''})`,
      ),
      '',
    );
  }
  for (const v of variables)
    lines.push(`attr(responses[[${rString(v.name)}]], "label") <- ${rString(v.label)}`);
  const likert = likertNames(variables);
  if (likert.length)
    lines.push(
      '',
      '# To treat "no opinion" as missing instead:',
      `# for (v in c(${likert.map(rString).join(', ')})) responses[[v]][responses[[v]] == ${rString(
        variables.find((v) => v.labelSet === 'likert')!.values!.find((x) => x.code === 3)!.label,
      )}] <- NA`,
    );
  return `${lines.join('\n')}\n`;
}

// Stata's compound quotes, with macro characters escaped so nothing in a label expands.
const stataString = (text: string, max = 32000) =>
  `\`"${clip(text, max).replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$/g, '\\$').replace(/"'/g, '" \'')}"'`;

/** A Stata do-file: import delimited, `label define` per value set, `label values`, labels. */
export function stataDo(variables: Variable[], about: ExportAbout) {
  const positions = (type: Variable['type']) =>
    variables.flatMap((v, i) => (v.type === type ? [i + 1] : [])).join(' ');
  const lines = [
    header(about, '*', variables),
    '* Stata 14 or later (Unicode).',
    '',
    `import delimited using "${DATA_FILE}", varnames(1) case(preserve) encoding("utf-8") ///`,
    `  bindquote(strict) stringcols(${positions('string')}) numericcols(${positions('number')}) clear`,
    '',
  ];
  for (const g of labelGroups(variables)) {
    const name = g.key.startsWith('var:') ? g.names[0]! : `fsa_${g.key}`;
    lines.push(
      `label define ${name} ${g.values.map((x) => `${x.code} ${stataString(x.label)}`).join(' ')}, replace`,
      `label values ${g.names.join(' ')} ${name}`,
    );
  }
  lines.push('');
  for (const v of variables) lines.push(`label variable ${v.name} ${stataString(v.label, 80)}`);
  const likert = likertNames(variables);
  if (likert.length)
    lines.push(
      '',
      '* To treat "no opinion" as missing instead:',
      `* mvdecode ${likert.join(' ')}, mv(3)`,
    );
  return `${lines.join('\n')}\n`;
}

/** A plain-text codebook: every variable, its label, and its codes. */
export function readme(variables: Variable[], count: number, about: ExportAbout) {
  const lines = [
    header(about, '', variables).replace(/^ /gm, ''),
    '',
    `${count} responses. Files: ${DATA_FILE} (the data), responses.sps (SPSS or GNU PSPP),`,
    'responses.R (R), responses.do (Stata).',
    '',
    'Variables:',
  ];
  for (const v of variables) {
    lines.push(`  ${v.name} (${v.type}${v.freeText ? ', free text' : ''}): ${v.label}`);
    for (const x of v.values ?? []) lines.push(`      ${x.code} = ${x.label}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The zip a researcher expects: the CSV, the three scripts and the codebook. */
export async function analysisZip(
  variables: Variable[],
  rows: AnalysisRows['responses'],
  about: ExportAbout,
): Promise<Buffer> {
  const zip = new JSZip();
  const date = about.exportedAt;
  zip.file(DATA_FILE, csv(variables, rows), { date });
  zip.file('responses.sps', spss(variables, rows, about), { date });
  zip.file('responses.R', rScript(variables, about), { date });
  zip.file('responses.do', stataDo(variables, about), { date });
  zip.file('README.txt', readme(variables, rows.length, about), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
