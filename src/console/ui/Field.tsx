import type { ReactNode } from 'react';

/** What a control needs to be labelled and tied to its error: spread it onto the input. */
export interface FieldControl {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/**
 * One labelled form field with an optional hint and the API's error beside it (aria-invalid and
 * aria-describedby point at both), e.g. `<Field id="name" label="Name" error={e}>{(c) => <input {...c} />}</Field>`.
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: (control: FieldControl) => ReactNode;
}) {
  const { id, label, hint, error, children } = props;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <span className="muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </p>
  );
}
