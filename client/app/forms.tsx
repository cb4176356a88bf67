import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type ErrorDetail } from './api.ts';

/** The server's rule for new passwords. */
export const PASSWORD_MIN_LENGTH = 12;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export const isEmail = (value: string) => EMAIL.test(value.trim());
export const isCode = (value: string) => CODE.test(value);

/** Messages per field, keyed by the field's path in the request body (`email`, `units.0.code`). */
export type FieldErrors = Record<string, string>;

/** What went wrong with a form: a headline and the problems to list under it. */
export interface FormProblem {
  message: string;
  items: { path?: string; label?: string; message: string }[];
}

/**
 * A form's own checks before sending, as the summary to show: null when they found nothing.
 * Each item is named by the label the form gives its field.
 */
export function checksFailed(
  message: string,
  errors: FieldErrors,
  labelFor: (path: string) => string | undefined,
): FormProblem | null {
  const items = Object.entries(errors).map(([path, text]) => ({
    path,
    label: labelFor(path),
    message: text,
  }));
  return items.length ? { message, items } : null;
}

const TRANSLATED_CODES = ['network_error', 'email_taken', 'code_taken', 'origin_mismatch'] as const;
const TRANSLATED_STATUSES = ['400', '401', '403', '404', '409', '413', '422', '429'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/**
 * Turns a failed request into a translated headline, the server's details (each named by the
 * form's label for its path, and said by `messageFor` where the form knows them) and per-field
 * messages.
 */
export function describeError(
  t: TFunction,
  error: unknown,
  labelFor: (path: string) => string | undefined = () => undefined,
  messageFor: (detail: ErrorDetail) => string = (detail) => detail.message,
): { problem: FormProblem; fieldErrors: FieldErrors } {
  if (!(error instanceof ApiError)) {
    return { problem: { message: t('errors.unknown'), items: [] }, fieldErrors: {} };
  }
  const status = String(error.status);
  const translatedCode = isOneOf(TRANSLATED_CODES, error.code);
  const message = translatedCode
    ? t(`errors.code.${error.code as (typeof TRANSLATED_CODES)[number]}`)
    : isOneOf(TRANSLATED_STATUSES, status)
      ? t(`errors.status.${status}`)
      : t('errors.unknown');
  const fieldErrors: FieldErrors = {};
  const items: FormProblem['items'] = error.details.map((detail) => {
    const said = messageFor(detail);
    fieldErrors[detail.path] ??= said;
    return { path: detail.path, label: labelFor(detail.path) ?? detail.path, message: said };
  });
  // The server's sentence says what exactly conflicted (e.g. "You cannot disable your own account.").
  if (
    !items.length &&
    !translatedCode &&
    error.status >= 400 &&
    error.status < 500 &&
    error.message
  ) {
    items.push({ message: error.message });
  }
  return { problem: { message, items }, fieldErrors };
}

/** A form's problems, announced as they appear; each item links to its field when there is one. */
export function ErrorSummary({
  problem,
  fieldId = (path) => path,
}: {
  problem: FormProblem | null;
  fieldId?: (path: string) => string;
}) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div role="alert" className="error-summary">
      <p className="error-summary-title">{problem.message}</p>
      {problem.items.length > 0 && (
        <ul>
          {problem.items.map((item, i) => (
            <li key={i}>
              {item.path && document.getElementById(fieldId(item.path)) ? (
                <a
                  href={`#${fieldId(item.path)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(fieldId(item.path!))?.focus();
                  }}
                >
                  {t('form.fieldError', { field: item.label, message: item.message })}
                </a>
              ) : item.label ? (
                t('form.fieldError', { field: item.label, message: item.message })
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A polite live region: present from the start so screen readers announce what appears in it. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p role="status" className={children ? 'status-message' : 'status-message empty'}>
      {children}
    </p>
  );
}

interface FieldFrame {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

function describedBy({ id, error, hint }: FieldFrame) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, error, hint, children }: FieldFrame & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** A labelled input with its hint and error. */
export function TextField({
  id,
  label,
  error,
  hint,
  ...input
}: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, error, hint })}
        {...input}
      />
    </Frame>
  );
}

/** A labelled select with its hint and error. */
export function SelectField({
  id,
  label,
  error,
  hint,
  children,
  ...select
}: FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, error, hint })}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

/**
 * An inline "are you sure?" in place of a row's action button: a prompt, a confirm button that
 * takes focus, and a cancel button.
 */
export function InlineConfirm({
  id,
  prompt,
  confirm,
  cancel,
  danger = true,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  prompt: string;
  confirm: string;
  cancel: string;
  danger?: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="group" aria-labelledby={id} className="confirm">
      <p id={id}>{prompt}</p>
      <button
        type="button"
        className={danger ? 'danger' : 'primary'}
        autoFocus
        disabled={busy}
        onClick={onConfirm}
      >
        {confirm}
      </button>
      <button type="button" disabled={busy} onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
