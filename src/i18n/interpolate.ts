/**
 * Fills `{name}` placeholders from `values`; a placeholder with no value stays as written, so a
 * missing value shows up in the output instead of vanishing. The one place messages are filled.
 */
export function interpolate(template: string, values: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : undefined) ?? whole);
}
