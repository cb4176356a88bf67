import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * A labelled multi-line text field. `context` (a question's name, say) is read out with the
 * label but not shown, so every field has a distinct accessible name.
 */
export function TextArea({
  id,
  label,
  context,
  hint,
  ...textarea
}: {
  id: string;
  label: string;
  context?: string;
  hint?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {context && <span className="visually-hidden"> ({context})</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <textarea id={id} rows={2} aria-describedby={hint ? `${id}-hint` : undefined} {...textarea} />
    </div>
  );
}

/** A labelled one-line input with a hidden `context`, like TextArea. */
export function Input({
  id,
  label,
  context,
  hint,
  ...input
}: {
  id: string;
  label: string;
  context?: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {context && <span className="visually-hidden"> ({context})</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input id={id} type="text" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
}
