import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire } from '../../support/factories.ts';

// The labelled exports for an operator's own analysis: the SPSS syntax is run by GNU PSPP and
// its labels read back; the R and Stata scripts are checked for their structure.

let t: TestApp;
let own: Caller;
let other: Caller;
let swd: Caller;
let activityId: string;
const ids = { full: randomUUID(), blank: randomUUID(), voided: randomUUID() };
const COMMENT = 'Said "thanks", twice;\nand 多謝 on a second line';
const dirs: string[] = [];

beforeAll(async () => {
  t = await testApp();
  const operator = await t.operator();
  own = await t.user('coordinator', operator);
  other = await t.user('coordinator', await t.operator());
  swd = await t.user('swd');
  const q = await approvedQuestionnaire(t, own, swd);
  activityId = await activity(t, own, operator, [q]);
  const answers = {
    [ids.full]: {
      cope: 'strongly_agree',
      cope_more: 'no_opinion',
      family: 'strongly_disagree',
      joined: 'self',
      heard: ['poster'],
      comments: COMMENT,
    },
    [ids.blank]: { cope: 'agree' },
    [ids.voided]: { cope: 'disagree' },
  };
  for (const [id, given] of Object.entries(answers)) {
    await answered(
      t.api(own).activities[':id'].responses.$post({
        param: { id: activityId },
        json: {
          id,
          questionnaire: q,
          locale: 'zh-HK',
          answers: given,
          completedAt: new Date().toISOString(),
        },
      }),
      201,
    );
  }
  await answered(
    t.api(own).responses[':id'].void.$post({
      param: { id: ids.voided },
      json: { reason: 'entered twice' },
    }),
    204,
  );
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Downloads the zip and writes its files to a fresh folder. */
async function unpack(url: string, as = own) {
  const res = await t.app.request(`/api/v1${url}`, { headers: { cookie: as.cookie! } });
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const dir = mkdtempSync(path.join(tmpdir(), 'fsa-analysis-'));
  dirs.push(dir);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    files[name] = await zip.file(name)!.async('string');
    writeFileSync(path.join(dir, name), files[name]);
  }
  return { dir, files };
}

/** Runs the .sps in PSPP, saves a .sav, and reads it back with its value labels. */
function runPspp(dir: string) {
  const sps = readFileSync(path.join(dir, 'responses.sps'), 'utf8');
  writeFileSync(
    path.join(dir, 'check.sps'),
    `${sps}\nSAVE OUTFILE='responses.sav'.\nDISPLAY DICTIONARY.\n`,
  );
  const run = spawnSync('pspp', ['-o', 'dictionary.csv', 'check.sps'], { cwd: dir });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  const dictionary = readFileSync(path.join(dir, 'dictionary.csv'), 'utf8');
  expect(dictionary).not.toMatch(/error|warning/i);
  const convert = spawnSync('pspp-convert', ['--labels', 'responses.sav', 'labelled.csv'], {
    cwd: dir,
  });
  expect(convert.status, String(convert.stderr)).toBe(0);
  const [header, ...rows] = parseCsv(readFileSync(path.join(dir, 'labelled.csv'), 'utf8'));
  return {
    dictionary,
    cases: rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!.trim()]))),
  };
}

/** A small RFC 4180 reader (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

describe('an activity’s responses', () => {
  test('the zip holds the data, the three scripts and the codebook', async () => {
    const { files } = await unpack(`/activities/${activityId}/analysis.zip`);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'responses.R',
      'responses.csv',
      'responses.do',
      'responses.sps',
    ]);
    const [header, ...rows] = parseCsv(files['responses.csv']!);
    expect(header).toEqual([
      ...['response_id', 'activity_id', 'activity', 'activity_date', 'activity_kind', 'unit'],
      ...['questionnaire', 'version', 'language', 'completed', 'source'],
      ...['cope', 'cope_more', 'family', 'joined', 'heard_1', 'heard_2', 'comments'],
    ]);
    // Voided responses are left out; skipped questions are blank.
    expect(rows.map((r) => r[0]).sort()).toEqual([ids.full, ids.blank].sort());
    const full = rows.find((r) => r[0] === ids.full)!;
    expect(full.slice(11)).toEqual(['5', '3', '1', '2', '0', '1', COMMENT.replace('\n', ' ')]);
    const blank = rows.find((r) => r[0] === ids.blank)!;
    expect(blank.slice(11)).toEqual(['4', '', '', '', '', '', '']);
    expect(files['README.txt']).toContain('cope_more (number): I cope better with difficulties.');
    expect(files['README.txt']).toContain('3 = No opinion');
    expect(files['README.txt']).toContain('Free-text answers are included');
  });

  test('GNU PSPP reads the SPSS syntax: variable labels, value labels, no opinion coded 3', async () => {
    const { dir, files } = await unpack(`/activities/${activityId}/analysis.zip?locale=en`);
    expect(files['responses.sps']).toContain('* MISSING VALUES cope cope_more family (3).');
    const { dictionary, cases } = runPspp(dir);
    // DISPLAY DICTIONARY, as CSV: name, position, label, measurement level, …
    expect(dictionary).toContain('cope,12,The service helped me handle stress.,Ordinal,');
    expect(dictionary).toContain('heard_2,17,Where did you hear?: Poster,Nominal,');
    expect(dictionary).toContain('comments,18,Other comments,Nominal,');
    expect(dictionary).toContain(
      [
        'I cope better with difficulties.,1,Strongly disagree',
        ',2,Disagree',
        ',3,No opinion',
        ',4,Agree',
        ',5,Strongly agree',
        'Family relationships improved.,1,Strongly disagree',
      ].join('\n'),
    );
    expect(dictionary).toContain('How did you join?,1,Referral\n,2,Myself');
    const full = cases.find((c) => c.response_id === ids.full)!;
    expect(full).toMatchObject({
      cope: 'Strongly agree',
      cope_more: 'No opinion',
      family: 'Strongly disagree',
      joined: 'Myself',
      heard_1: 'Not chosen',
      heard_2: 'Chosen',
      comments: COMMENT.replace('\n', ' '),
      version: '1',
    });
    // No opinion is an answer, not a missing value: nothing is declared missing.
    expect(dictionary).not.toContain('Missing');
    expect(cases.find((c) => c.response_id === ids.blank)).toMatchObject({
      cope: 'Agree',
      cope_more: '',
      comments: '',
    });
  });

  test('labels in Traditional Chinese survive the round trip through PSPP', async () => {
    const { dir } = await unpack(`/activities/${activityId}/analysis.zip?locale=zh-HK`);
    const { dictionary, cases } = runPspp(dir);
    expect(dictionary).toContain('服務幫助我處理壓力。');
    expect(dictionary).toContain('活動日期');
    expect(cases.find((c) => c.response_id === ids.full)).toMatchObject({
      cope: '十分同意',
      cope_more: '無意見',
      joined: '自行申請',
    });
  });

  test('the R script reads the CSV into labelled factors', async () => {
    const { files } = await unpack(`/activities/${activityId}/analysis.zip`);
    const r = files['responses.R']!;
    const header = parseCsv(files['responses.csv']!)[0]!;
    expect(r).toContain('responses <- read.csv("responses.csv", fileEncoding = "UTF-8"');
    for (const name of header) {
      expect(r).toMatch(new RegExp(`^  "${name}" = "(character|numeric)"`, 'm'));
      expect(r).toContain(`attr(responses[["${name}"]], "label") <- `);
    }
    expect(r).toContain('levels <- c(1, 2, 3, 4, 5)');
    expect(r).toContain(
      'labels <- c("Strongly disagree", "Disagree", "No opinion", "Agree", "Strongly agree")',
    );
    expect(r).toContain(
      'responses[["cope"]] <- factor(responses[["cope"]], levels = levels, labels = labels, ordered = TRUE)',
    );
    expect(r).toContain(
      'responses[["joined"]] <- factor(responses[["joined"]], levels = levels, labels = labels)',
    );
    expect(r).toContain('labels <- c("Referral", "Myself")');
    // Every statement is complete: brackets and quotes balance.
    const code = r.replace(/^#.*$/gm, '').replace(/"(\\.|[^"\\])*"/g, '""');
    expect(code.split('(').length).toBe(code.split(')').length);
    expect(code).not.toContain('"""');
  });

  test('the Stata do-file defines and attaches value labels', async () => {
    const { files } = await unpack(`/activities/${activityId}/analysis.zip`);
    const doFile = files['responses.do']!;
    const header = parseCsv(files['responses.csv']!)[0]!;
    expect(doFile).toContain(
      'import delimited using "responses.csv", varnames(1) case(preserve) encoding("utf-8")',
    );
    const strings = header.flatMap((h, i) =>
      ['version', 'cope', 'cope_more', 'family', 'joined'].includes(h) || h.startsWith('heard')
        ? []
        : [i + 1],
    );
    expect(doFile).toContain(`stringcols(${strings.join(' ')})`);
    expect(doFile).toContain(
      'label define fsa_likert 5 `"Strongly agree"\' 4 `"Agree"\' 3 `"No opinion"\' 2 `"Disagree"\' 1 `"Strongly disagree"\', replace',
    );
    expect(doFile).toContain('label values cope cope_more family fsa_likert');
    expect(doFile).toContain('label values joined joined');
    expect(doFile).toContain('label values heard_1 heard_2 fsa_chosen');
    for (const name of header)
      expect(doFile).toMatch(new RegExp(`^label variable ${name} \`"`, 'm'));
    expect(doFile).toContain('* mvdecode cope cope_more family, mv(3)');
  });

  test('free text can be left out', async () => {
    const { files } = await unpack(`/activities/${activityId}/analysis.zip?freeText=omit`);
    expect(files['responses.csv']).not.toContain('thanks');
    expect(parseCsv(files['responses.csv']!)[0]).not.toContain('comments');
    expect(files['README.txt']).toContain('Free-text answers are left out.');
  });
});

describe('a financial year', () => {
  test('the operator’s responses of the year, and none of another operator’s', async () => {
    const year = fiscalYearOf(new Date());
    const { files } = await unpack(`/analysis.zip?fiscalYear=${year}`);
    expect(files['responses.csv']).toContain(ids.full);
    expect(files['responses.sps']).toContain('financial year');
    const earlier = await unpack(`/analysis.zip?fiscalYear=${year - 1}`);
    expect(earlier.files['responses.csv']).not.toContain(ids.full);
    const theirs = await unpack(`/analysis.zip?fiscalYear=${year}`, other);
    expect(theirs.files['responses.csv']).not.toContain(ids.full);
  });

  test('SWD is refused; another operator’s coordinator cannot reach the activity', async () => {
    await answered(t.api(swd)['analysis.zip'].$get({ query: { fiscalYear: '2026' } }), 403);
    const activityZip = (as: Caller) =>
      t.api(as).activities[':id']['analysis.zip'].$get({ param: { id: activityId }, query: {} });
    await answered(activityZip(swd), 403);
    await answered(activityZip(other), 404);
    // A locale the types forbid.
    expect(
      (await t.call('GET', `/analysis.zip?fiscalYear=2026&locale=xx`, { as: own })).status,
    ).toBe(422);
  });
});
