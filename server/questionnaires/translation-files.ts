// Translators' round trip (issue 21): a version's texts out as a workbook or XLIFF 2.0, one row
// (unit) per string, and back in. Strings are named by their `key` (element name and choice
// value), so a file made from one version can come back into the next draft. Server only.
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { AppError, ruleBroken, type ErrorDetail } from '../errors.ts';
import {
  LOCALE_NAMES,
  SOURCE_LOCALE,
  type LocaleCode,
  type QuestionnaireDefinition,
} from '../domain/definition.ts';
import {
  sha256,
  staleStrings,
  stringStatus,
  translatableStrings,
  type LocaleStatus,
  type TranslationState,
} from './translations.ts';

/** One string in one locale, as a translation file carries it. */
export interface TranslationRow {
  key: string;
  path: string;
  locale: string;
  source: string;
  translation: string;
  status: LocaleStatus;
  stale: boolean;
}

/** A string as read back from a file: what the translator was given and what they say. */
export interface ImportedString {
  key: string;
  locale: string;
  source: string;
  translation: string;
  status: LocaleStatus;
  /** Where in the file, for messages: "en!C7" or "unit u3". */
  at: string;
}

/** Every string of the definition in each locale, with its status and whether it is stale. */
export function translationRows(
  definition: QuestionnaireDefinition,
  state: TranslationState,
  locales: string[],
): TranslationRow[] {
  const stale = new Set(staleStrings(definition, state).map((s) => `${s.locale} ${s.path}`));
  return locales.flatMap((locale) =>
    translatableStrings(definition).flatMap(({ key, path, texts }) =>
      texts[SOURCE_LOCALE] === undefined
        ? []
        : [
            {
              key,
              path,
              locale,
              source: texts[SOURCE_LOCALE],
              translation: texts[locale] ?? '',
              status: stringStatus(state, locale, path),
              // Missing translations are listed by staleStrings too; here they are just blank.
              stale: texts[locale] !== undefined && stale.has(`${locale} ${path}`),
            },
          ],
    ),
  );
}

const HEADER = ['key', `${SOURCE_LOCALE} (source)`, 'translation', 'status', 'stale'] as const;
const localeName = (code: string) => LOCALE_NAMES[code as LocaleCode] ?? code;

/**
 * A workbook with a sheet per locale (named by its code): key, the zh-HK source, the
 * translation (its header is the locale code), status (a drop-down: draft or reviewed) and
 * whether the translation was made from an older Chinese text.
 */
export async function translationWorkbook(
  rows: TranslationRow[],
  about: { questionnaire: string; version: number },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FSA Outcomes';
  const readme = workbook.addWorksheet('README');
  readme.addRows([
    [`Questionnaire ${about.questionnaire}, version ${about.version}`],
    ['Fill in the translation column of each language’s sheet; set status to reviewed when the'],
    ['translation is final, or leave it draft. Do not change the key or the Chinese source:'],
    ['a file whose Chinese text has changed since it was made is refused, string by string.'],
    ['stale = yes: the Chinese changed after this translation was made; check it still fits.'],
  ]);
  readme.getColumn(1).width = 100;
  for (const locale of [...new Set(rows.map((r) => r.locale))]) {
    const sheet = workbook.addWorksheet(locale);
    const header = sheet.addRow([...HEADER.slice(0, 2), locale, ...HEADER.slice(3)]);
    header.font = { bold: true };
    sheet.getCell('C1').note = localeName(locale);
    for (const row of rows.filter((r) => r.locale === locale)) {
      const added = sheet.addRow([
        row.key,
        row.source,
        row.translation,
        row.status,
        row.stale ? 'yes' : 'no',
      ]);
      added.getCell(4).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: ['"draft,reviewed"'],
      };
      added.alignment = { wrapText: true, vertical: 'top' };
    }
    sheet.columns.forEach((column, i) => (column.width = [36, 50, 50, 12, 8][i]));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const notReadable = (what: string, details: ErrorDetail[] = []) =>
  ruleBroken(`The file cannot be read: ${what}`, details, 'translation_file_unreadable');

/** A cell's text, whatever exceljs made of it (rich text, a number, a formula's result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
}

const readStatus = (text: string, at: string): LocaleStatus => {
  const status = text.trim().toLowerCase();
  if (status === 'draft' || status === 'reviewed') return status;
  throw ruleBroken('Some strings have a status that is neither draft nor reviewed.', [
    { path: at, message: `The status "${text}" is neither draft nor reviewed.` },
  ]);
};

/** The strings of a workbook made by `translationWorkbook` (other sheets are ignored). */
export async function readTranslationWorkbook(file: Buffer): Promise<ImportedString[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw notReadable('it is not an Excel workbook (.xlsx).');
  }
  const strings: ImportedString[] = [];
  const problems: ErrorDetail[] = [];
  workbook.eachSheet((sheet) => {
    const header = sheet.getRow(1);
    if (cellText(header.getCell(1).value).trim() !== 'key') return;
    const locale = cellText(header.getCell(3).value).trim();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const key = cellText(row.getCell(1).value).trim();
      if (!key) return;
      const at = `${sheet.name}!A${n}`;
      try {
        strings.push({
          key,
          locale,
          source: cellText(row.getCell(2).value),
          translation: cellText(row.getCell(3).value),
          status: readStatus(cellText(row.getCell(4).value), `${sheet.name}!D${n}`),
          at,
        });
      } catch (error) {
        problems.push(...((error as { details?: ErrorDetail[] }).details ?? []));
      }
    });
  });
  if (problems.length)
    throw ruleBroken('Some strings have a status that is neither draft nor reviewed.', problems);
  if (!strings.length) throw notReadable('it has no sheet of strings made by this service.');
  return strings;
}

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * An XLIFF 2.0 document for one locale: a unit per string, named by its key; the segment's
 * state is `reviewed` or `translated` (`initial` where nothing is translated yet), and a stale
 * translation carries `subState="fsa:stale"` and a note.
 */
export function translationXliff(
  rows: TranslationRow[],
  about: { questionnaire: string; version: number; locale: string },
): string {
  const units = rows.map((row, i) => {
    const state = !row.translation
      ? 'initial'
      : row.status === 'reviewed'
        ? 'reviewed'
        : 'translated';
    const notes = row.stale
      ? `\n      <notes><note category="fsa:stale">The Chinese text changed after this translation was made: check it still fits.</note></notes>`
      : '';
    const target = row.translation
      ? `\n        <target>${escapeXml(row.translation)}</target>`
      : '';
    return `    <unit id="u${i + 1}" name="${escapeXml(row.key)}">${notes}
      <segment state="${state}"${row.stale ? ' subState="fsa:stale"' : ''}>
        <source>${escapeXml(row.source)}</source>${target}
      </segment>
    </unit>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="${SOURCE_LOCALE}" trgLang="${escapeXml(about.locale)}">
  <file id="f1" original="questionnaires/${escapeXml(about.questionnaire)}/versions/${about.version}">
${units.join('\n')}
  </file>
</xliff>
`;
}

/**
 * The strings of an XLIFF 2.0 document: each unit's name is the key; the source and target are
 * the texts of its segments; `reviewed` and `final` read as reviewed, `initial` and `translated`
 * as draft. Inline markup is refused (our texts have none).
 */
export function readXliff(text: string): ImportedString[] {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const strings: ImportedString[] = [];
  const problems: ErrorDetail[] = [];
  let locale = '';
  let unit: { name: string; id: string; source: string; target: string; states: string[] } | null =
    null;
  let into: 'source' | 'target' | null = null;
  parser.on('opentag', (tag) => {
    if (tag.uri !== XLIFF_NS) return;
    const attr = (name: string) => tag.attributes[name]?.value ?? '';
    if (into) {
      problems.push({
        path: `unit ${unit?.id}`,
        message: `Holds <${tag.local}> markup, which these texts do not use.`,
      });
    } else if (tag.local === 'xliff') {
      if (!attr('version').startsWith('2.')) throw notReadable('it is not XLIFF 2.');
      if (attr('srcLang') !== SOURCE_LOCALE)
        throw notReadable(`its source language is not ${SOURCE_LOCALE}.`);
      locale = attr('trgLang');
    } else if (tag.local === 'unit') {
      unit = { name: attr('name'), id: attr('id'), source: '', target: '', states: [] };
    } else if (tag.local === 'segment' && unit) {
      unit.states.push(attr('state') || 'initial');
    } else if ((tag.local === 'source' || tag.local === 'target') && unit) {
      into = tag.local;
    }
  });
  parser.on('text', (chars) => {
    if (into && unit) unit[into] += chars;
  });
  parser.on('cdata', (chars) => {
    if (into && unit) unit[into] += chars;
  });
  parser.on('closetag', (tag) => {
    if (tag.uri !== XLIFF_NS) return;
    if (tag.local === 'source' || tag.local === 'target') into = null;
    if (tag.local === 'unit' && unit) {
      if (unit.name)
        strings.push({
          key: unit.name,
          locale,
          source: unit.source,
          translation: unit.target,
          status: unit.states.every((s) => s === 'reviewed' || s === 'final')
            ? 'reviewed'
            : 'draft',
          at: `unit ${unit.id}`,
        });
      unit = null;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notReadable(`it is not well-formed XML (${(error as Error).message}).`);
  }
  if (problems.length) throw notReadable('it holds inline markup.', problems);
  if (!locale) throw notReadable('it is not an XLIFF 2.0 document with a target language.');
  if (!strings.length) throw notReadable('it has no units named by this service.');
  return strings;
}

/** One string an import changes: its translation, its status, or both. */
export interface TranslationChange {
  key: string;
  path: string;
  locale: string;
  source: string;
  before: { translation: string; status: LocaleStatus; stale: boolean };
  after: { translation: string; status: LocaleStatus };
}

/**
 * What importing the strings into a draft would do: the changes, the definition with the new
 * translations, and the bookkeeping. 422 naming each string whose Chinese text is not the one
 * the file was made from, each key the draft no longer has, and each locale it does not list.
 *
 * A translation marked reviewed, or changed, is recorded as made from the current Chinese; an
 * untouched draft one keeps its record (a stale one stays stale). A blank translation leaves
 * the string as it is. Afterwards a locale is reviewed when every one of its strings is;
 * otherwise it is draft and remembers which strings are reviewed.
 */
export function planImport(
  definition: QuestionnaireDefinition,
  state: TranslationState,
  imported: ImportedString[],
) {
  const strings = new Map(translatableStrings(definition).map((s) => [s.key, s]));
  const listed = Array.isArray(definition.locales) ? definition.locales : [];
  const problems: ErrorDetail[] = [];
  for (const locale of new Set(imported.map((s) => s.locale))) {
    if (locale === SOURCE_LOCALE || !listed.includes(locale))
      problems.push({
        path: locale || 'locale',
        message: `${localeName(locale)} (${locale}) is not one of the questionnaire's translated languages.`,
      });
  }
  for (const s of imported) {
    const current = strings.get(s.key);
    if (!current)
      problems.push({ path: s.key, message: `${s.at}: the questionnaire has no string ${s.key}.` });
    else if (current.texts[SOURCE_LOCALE] !== s.source)
      problems.push({
        path: s.key,
        message: `${s.at}: the Chinese text of ${s.key} has changed since this file was made; export it again and translate the new text.`,
      });
  }
  if (problems.length)
    throw ruleBroken(
      'The file does not fit this version; nothing was imported.',
      problems,
      'translation_file_outdated',
    );

  const nextDefinition = structuredClone(definition);
  const before = translationRows(definition, state, [...new Set(imported.map((s) => s.locale))]);
  const beforeOf = new Map(before.map((r) => [`${r.locale} ${r.key}`, r]));
  const statuses = new Map(before.map((r) => [`${r.locale} ${r.key}`, r.status]));
  const sources = structuredClone(state.sources ?? {});
  const changes: TranslationChange[] = [];
  for (const s of imported) {
    const was = beforeOf.get(`${s.locale} ${s.key}`)!;
    const translation = s.translation.trim() ? s.translation : was.translation;
    if (!translation) continue; // nothing there before, nothing given
    const textChanged = translation !== was.translation;
    if (textChanged) setText(nextDefinition, was.path, s.locale, translation);
    if (textChanged || s.status === 'reviewed')
      sources[was.path] = { ...sources[was.path], [s.locale]: sha256(was.source) };
    statuses.set(`${s.locale} ${s.key}`, s.status);
    if (textChanged || s.status !== was.status)
      changes.push({
        key: s.key,
        path: was.path,
        locale: s.locale,
        source: was.source,
        before: { translation: was.translation, status: was.status, stale: was.stale },
        after: { translation, status: s.status },
      });
  }

  const locales = { ...state.locales };
  const reviewed = { ...state.reviewed };
  for (const locale of new Set(imported.map((s) => s.locale))) {
    const rows = before.filter((r) => r.locale === locale);
    const done = rows.filter((r) => statuses.get(`${locale} ${r.key}`) === 'reviewed');
    if (done.length === rows.length) {
      locales[locale] = 'reviewed';
      delete reviewed[locale];
    } else {
      locales[locale] = 'draft';
      reviewed[locale] = done.map((r) => r.path);
    }
  }
  const nextState: TranslationState = {
    locales,
    sources,
    ...(Object.keys(reviewed).length ? { reviewed } : {}),
  };
  return { changes, definition: nextDefinition, state: nextState };
}

// Sets `definition.<path>[locale] = text` for a path from translatableStrings.
function setText(definition: object, path: string, locale: string, text: string) {
  let node = definition as Record<string, unknown>;
  for (const part of path.split('.')) node = node[part] as Record<string, unknown>;
  node[locale] = text;
}
