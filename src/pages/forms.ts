import { html, type Part, type SafeHtml } from './layout.js';

type AttributeValue = string | number | boolean | null | undefined;
/** An element's attributes, written in order: `true` a bare attribute, `false`, `null` or `undefined` none. */
export type Attributes = Record<string, AttributeValue>;

function attributes(attrs: Attributes): SafeHtml {
  return html`${Object.entries(attrs).map(([name, value]) =>
    value === true ? html` ${name}` : value === false || value === null || value === undefined ? '' : html` ${name}="${String(value)}"`,
  )}`;
}

export function hiddenField(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

export function csrfField(token: string): SafeHtml {
  return hiddenField('csrf', token);
}

/**
 * A POST form, the browser session's CSRF token first (checked by `BrowserContext.checkCsrf`).
 * `attrs` go on the form element (an id, `class: 'inline'`).
 */
export function postForm(action: string, csrf: string, content: Part, attrs: Attributes = {}): SafeHtml {
  return html`<form method="post" action="${action}" ${attributes(attrs)}>${csrfField(csrf)}${content}</form>`;
}

/** An input and the label that names it: the input's `name` is its `id` unless given; `type` is text unless given. */
export function field(
  label: string,
  input: { id: string; name?: string; type?: 'text' | 'email' | 'password' } & Attributes,
  options: { labelClass?: string } = {},
): SafeHtml {
  const { id, name = id, type = 'text', ...rest } = input;
  return html`<label for="${id}" ${options.labelClass ? html` class="${options.labelClass}"` : ''}>${label}</label
    ><input${attributes({ type, id, name, ...rest })} />`;
}

/** The address a person signs in with, marked as the username for password managers. */
export const USERNAME_INPUT = { type: 'email', id: 'email', autocomplete: 'username', required: true } as const;

/** A new password (sign-up, activation, reset); the service checks it again (src/accounts/password.ts). */
export const NEW_PASSWORD_INPUT = {
  type: 'password',
  id: 'password',
  autocomplete: 'new-password',
  required: true,
  minlength: 10,
} as const;

/** The six-digit code the gateway mails (redemption, password reset). */
export const MAILED_CODE_INPUT = {
  id: 'code',
  inputmode: 'numeric',
  autocomplete: 'one-time-code',
  pattern: '[0-9]{6}',
  maxlength: 6,
  required: true,
} as const;

/** A refusal shown above the page's form; `id` where a page's tests or script find it by one. */
export function errorBox(error: string | null | undefined, id?: string): SafeHtml | '' {
  return error ? html`<p class="error" role="alert" ${id ? html` id="${id}"` : ''}>${error}</p>` : '';
}
