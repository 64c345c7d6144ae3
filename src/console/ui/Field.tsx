import type { ReactNode } from 'react';

/** What a control needs to be tied to its label and to the complaint shown beside it. */
export interface FieldControl {
  readonly id: string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/**
 * A labelled form field with the API's complaint about it (if any) beside it: the control gets
 * aria-invalid and is described by the complaint.
 */
export function Field(props: {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const { id, label, error, hint, children } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {error && (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </p>
  );
}
