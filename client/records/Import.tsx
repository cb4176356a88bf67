import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type ErrorDetail } from '../app/api.ts';
import { describeError, ErrorSummary, StatusMessage, type FormProblem } from '../app/forms.tsx';
import { PageHeading } from '../app/page.tsx';
import { useLanguage } from '../i18n/index.ts';
import {
  fileType,
  importApi,
  type ImportKind,
  type ImportResult,
  type RowProblem,
} from './import-api.ts';
import './import.css';

const KINDS: ImportKind[] = ['cases', 'attendance'];

/** A rule in the reader's language, with its values; the server's sentence if it is new to us. */
function ruleSentence(
  t: TFunction<'import'>,
  rule: string | undefined,
  params: ErrorDetail['params'],
  fallback: string,
) {
  const values = Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
  return rule
    ? t(`rules.${rule}` as 'rules.value_required', { ...values, defaultValue: fallback })
    : fallback;
}

/** What was stored (or would be), in words: "2 cases, 1 first contacts". */
function storedWords(t: TFunction<'import'>, stored: Record<string, number>) {
  return Object.entries(stored)
    .map(([what, count]) =>
      t(`result.store.${what}` as 'result.store.cases', {
        count,
        defaultValue: `${count} ${what}`,
      }),
    )
    .join(t('result.separator'));
}

/**
 * Import of cases or attendance from a CSV or xlsx file: check it first (a dry run that lists
 * every row's problem and stores nothing), then import it once it is clean.
 */
export default function Import() {
  const { t } = useTranslation('import');
  const language = useLanguage();
  const fileId = useId();
  const [kind, setKind] = useState<ImportKind>('cases');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const reset = () => {
    setChecked(null);
    setImported(null);
    setProblem(null);
  };

  async function send(dryRun: boolean) {
    reset();
    if (!file) {
      setProblem({ message: t('file.none'), items: [] });
      document.getElementById(fileId)?.focus();
      return;
    }
    const type = fileType(file.name);
    if (!type) {
      setProblem({ message: t('file.wrongType'), items: [] });
      return;
    }
    setBusy(dryRun ? 'checking' : 'importing');
    try {
      const result = await importApi.send(kind, file, type, dryRun);
      if (dryRun && !result.alreadyImported) setChecked(result);
      else setImported(result);
    } catch (error) {
      const { problem: said } = describeError(t as unknown as TFunction, error, undefined, (d) =>
        ruleSentence(t, d.rule, d.params, d.message),
      );
      // A file found unclean at import (changed since its check): its problems, as a check's.
      if (error instanceof ApiError && error.code === 'import_has_problems') {
        setChecked({
          kind,
          dryRun: true,
          rows: 0,
          stored: {},
          alreadyImported: false,
          importedAt: null,
          problems: error.details.map((d) => ({
            row: Number(d.params?.row ?? 0),
            column: String(d.params?.column ?? ''),
            value: '',
            rule: d.rule ?? '',
            message: d.message,
          })),
        });
      } else {
        setProblem({ ...said, message: t('result.failed') });
      }
    } finally {
      setBusy(null);
    }
  }

  const date = (iso: string) =>
    new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-HK', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Hong_Kong',
    }).format(new Date(iso));

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <form
        className="import-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <fieldset>
          <legend>{t('kind.legend')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="choice">
              <input
                type="radio"
                name="import-kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  reset();
                }}
              />
              {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <section className="panel" aria-labelledby="import-template">
          <h2 id="import-template">{t('template.heading')}</h2>
          <p className="hint">{t('template.hint')}</p>
          <p className="import-templates">
            <a href={importApi.templateUrl(kind, 'xlsx')} download>
              {t('template.xlsx')}
            </a>
            <a href={importApi.templateUrl(kind, 'csv')} download>
              {t('template.csv')}
            </a>
          </p>
        </section>
        <div className="field">
          <label htmlFor={fileId}>{t('file.label')}</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <ErrorSummary problem={problem} />
        <button type="submit" disabled={busy !== null}>
          {busy === 'checking' ? t('file.checking') : t('file.check')}
        </button>
      </form>

      {checked && checked.problems.length > 0 && (
        <Problems problems={checked.problems} fileName={file?.name ?? ''} />
      )}
      {checked && checked.problems.length === 0 && (
        <section className="import-ready" aria-live="polite">
          <StatusMessage>
            {t('result.clean', { count: checked.rows })}{' '}
            {t('result.willStore', { what: storedWords(t, checked.stored) })}
          </StatusMessage>
          <button type="button" disabled={busy !== null} onClick={() => void send(false)}>
            {busy === 'importing' ? t('file.importing') : t('file.import', { count: checked.rows })}
          </button>
        </section>
      )}
      {imported && (
        <StatusMessage>
          {imported.alreadyImported && imported.importedAt
            ? t('result.already', {
                date: date(imported.importedAt),
                what: storedWords(t, imported.stored),
              })
            : t('result.stored', { what: storedWords(t, imported.stored) })}
        </StatusMessage>
      )}
    </>
  );
}

/** The check's problems, a row each: where, what the cell holds, and the rule in words. */
function Problems({ problems, fileName }: { problems: RowProblem[]; fileName: string }) {
  const { t } = useTranslation('import');
  return (
    <section className="import-problems">
      <div role="alert" className="error-summary">
        <p className="error-summary-title">{t('result.problems', { count: problems.length })}</p>
      </div>
      <div className="table-scroll">
        <table>
          <caption>{t('result.caption', { file: fileName })}</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t('result.row')}
              </th>
              <th scope="col">{t('result.column')}</th>
              <th scope="col">{t('result.value')}</th>
              <th scope="col">{t('result.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td className="numeric">{p.row}</td>
                <td>
                  {t(`columns.${p.column}` as 'columns.unit', { defaultValue: p.column })}{' '}
                  <code className="import-column">{p.column}</code>
                </td>
                <td>
                  <code>{p.value}</code>
                </td>
                <td>{ruleSentence(t, p.rule, p.params, p.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
