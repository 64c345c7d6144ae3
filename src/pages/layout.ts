import { escapeHtml } from '../shared/html.js';

/** Marks a string as already-safe HTML; everything else interpolated with `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = string | number | SafeHtml | null | undefined | false | readonly Part[];

/** Tagged template that escapes every interpolated value unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  const render = (value: Part): string => {
    if (value === null || value === undefined || value === false) return '';
    if (value instanceof SafeHtml) return value.value;
    if (Array.isArray(value)) return value.map(render).join('');
    return escapeHtml(String(value));
  };
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

export interface PageOptions {
  title: string;
  language?: string;
  /** The tenant whose colour the page wears (a stylesheet, since the CSP allows no inline style). */
  brandTenantId?: string | null;
  requestId?: string;
}

/** The page shell: no inline script, one stylesheet, readable on a phone. */
export function page(options: PageOptions, body: SafeHtml): string {
  const brand = options.brandTenantId ? html`<link rel="stylesheet" href="/branding/${options.brandTenantId}.css" />` : '';
  return html`<!doctype html>
    <html lang="${options.language ?? 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/gateway.css" />
        ${brand}
      </head>
      <body>
        <main>
          <div class="card">${body}</div>
          ${options.requestId ? html`<p class="muted">Request id: ${options.requestId}</p>` : ''}
        </main>
      </body>
    </html>`.value;
}
