import { useCallback, useState } from 'react';

/**
 * Form drafts that survive a sign-in: when the console session has ended (the API answers 401), the
 * console saves every `<form data-draft="<id>">` of the page in sessionStorage (this tab only),
 * keyed by path and form id, before it goes to the sign-in; coming back to the same path, the form
 * fills itself again. Never saved: password, file and hidden fields, one-time codes, and any field
 * marked `data-secret`.
 */
const PREFIX = 'console.draft:';
const keyOf = (formId: string) => `${PREFIX}${window.location.pathname}#${formId}`;
/** Drafts taken out of storage in this page load, less what was filled (React may attach a form twice). */
const taken = new Map<string, Entry[]>();

function take(key: string): Entry[] | null {
  const saved = window.sessionStorage.getItem(key);
  if (saved) {
    // Used once: a later visit starts empty.
    window.sessionStorage.removeItem(key);
    taken.set(key, JSON.parse(saved) as Entry[]);
  }
  return taken.get(key) ?? null;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
interface Entry {
  readonly name: string;
  /** The text, the chosen option(s), or for a checkbox / radio button its value. */
  readonly value: string | string[];
  readonly checked?: boolean;
}

const NEVER = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);
function kept(field: Field): boolean {
  if (!field.name || field.disabled || field.hasAttribute('data-secret')) return false;
  if (field instanceof HTMLInputElement && NEVER.has(field.type)) return false;
  return !/(password|one-time-code)/.test(field.autocomplete);
}

function fieldsOf(form: HTMLFormElement): Field[] {
  return [...form.elements].filter(
    (e): e is Field => e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement,
  );
}

function entryOf(field: Field): Entry {
  if (field instanceof HTMLSelectElement && field.multiple)
    return { name: field.name, value: [...field.selectedOptions].map((o) => o.value) };
  if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'))
    return { name: field.name, value: field.value, checked: field.checked };
  return { name: field.name, value: field.value };
}

/** Saves the drafts of every `form[data-draft]` on the page (called just before signing in again). */
export function saveDrafts(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-draft]')) {
    const entries = fieldsOf(form).filter(kept).map(entryOf);
    window.sessionStorage.setItem(keyOf(form.dataset.draft!), JSON.stringify(entries));
  }
}

/**
 * Puts a value back the way a person would, so controlled React inputs see it too: the native
 * setter, then the event React listens to.
 */
function restore(field: Field, entry: Entry): boolean {
  if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
    if (field.value !== entry.value) return false;
    if (field.checked !== entry.checked) field.click();
    return true;
  }
  if (field instanceof HTMLSelectElement && field.multiple && Array.isArray(entry.value)) {
    for (const option of field.options) option.selected = entry.value.includes(option.value);
    field.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }
  const proto = Object.getPrototypeOf(field) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, String(entry.value));
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  return true;
}

/** Fills what it can now; returns the entries whose fields are not (yet) on the page. */
function fill(form: HTMLFormElement, entries: readonly Entry[]): Entry[] {
  const fields = fieldsOf(form).filter(kept);
  return entries.filter((entry) => !fields.some((f) => f.name === entry.name && restore(f, entry)));
}

/**
 * Props for a form whose draft survives a sign-in, and whether a draft was just put back. Fields that
 * appear later (e.g. pickers loaded from the API) are filled when they appear.
 */
export function useDraft(formId: string): {
  form: { 'data-draft': string; ref: (form: HTMLFormElement | null) => () => void };
  restored: boolean;
} {
  const [restored, setRestored] = useState(false);
  const ref = useCallback(
    (form: HTMLFormElement | null) => {
      const key = keyOf(formId);
      const draft = form && take(key);
      if (!form || !draft) return () => {};
      const fillNow = () => {
        const pending = fill(form, taken.get(key) ?? []);
        if (pending.length > 0) taken.set(key, pending);
        else taken.delete(key);
        return pending.length;
      };
      setRestored(true);
      if (fillNow() === 0) return () => {};
      const observer = new MutationObserver(() => {
        if (fillNow() === 0) observer.disconnect();
      });
      observer.observe(form, { childList: true, subtree: true });
      return () => observer.disconnect();
    },
    [formId],
  );
  return { form: { 'data-draft': formId, ref }, restored };
}
