import type { Request, Response } from 'express';
import { escapeHtml } from '../shared/html.js';

/**
 * The query parameters the console's preview frame sends: draft tenant settings (empty clears a
 * field) and the sample message and language. The API checks them as saving would.
 */
const SETTINGS = ['name', 'privacyUrl', 'contactUrl', 'logoUrl', 'brandColor', 'invitationTtlDays'] as const;

const PREVIEW_QUERY = 'query ($input: InvitationPreviewInput!) { invitationPreview(input: $input) { html } }';

/**
 * The mail is HTML with inline styles: it gets its own policy (no script, no fetch but images, its
 * own opaque origin via `sandbox`) instead of the console's, and only this console may frame it.
 */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox; frame-ancestors 'self'";

function inputOf(query: Request['query']) {
  const text = (name: string) => (typeof query[name] === 'string' ? String(query[name]) : undefined);
  const settings: Record<string, string | number | null> = {};
  for (const name of SETTINGS) {
    const value = text(name);
    // An empty name keeps the saved one (a name cannot be cleared).
    if (value === undefined || (name === 'name' && !value.trim())) continue;
    if (name === 'invitationTtlDays') settings[name] = value.trim() === '' ? null : Number(value);
    else settings[name] = name === 'name' ? value : value.trim() || null;
  }
  return { settings, invitationText: text('invitationText') ?? null, language: text('language') ?? null };
}

/**
 * `GET /admin/<tenant>/preview/invitation-mail?…`: the invitation mail for draft settings as a page
 * of its own, for the console's sandboxed preview frame. The gateway's API renders it (the mail's
 * own renderer, ReadTenantConfiguration) with the administrator's token. Only a frame of this origin
 * may ask: a cross-site page cannot show the gateway saying what it likes.
 */
export async function sendInvitationMailPreview(req: Request, res: Response, api: string, token: string): Promise<void> {
  const site = req.headers['sec-fetch-site'];
  const dest = req.headers['sec-fetch-dest'];
  if ((site && site !== 'same-origin') || (dest && dest !== 'iframe')) {
    res.status(403).type('text/plain').send('Only the console previews the invitation mail');
    return;
  }
  const upstream = await fetch(api, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: PREVIEW_QUERY, variables: { input: inputOf(req.query) } }),
  });
  const body = (await upstream.json().catch(() => ({}))) as {
    data?: { invitationPreview?: { html: string } } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  res.set({ 'content-security-policy': PREVIEW_CSP, 'cache-control': 'no-store' });
  const html = body.data?.invitationPreview?.html;
  if (html) {
    res.type('html').send(html);
    return;
  }
  // The console shows the API's refusal beside its field; the frame just says there is nothing to show.
  const problem = body.errors?.[0];
  res
    .status(400)
    .type('html')
    .send(
      `<!doctype html><meta charset="utf-8"><p>${escapeHtml(problem ? `${problem.message} (${problem.extensions?.code ?? ''})` : 'No preview')}</p>`,
    );
}
