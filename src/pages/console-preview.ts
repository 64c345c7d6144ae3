import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import type { Tenant } from '../directory/tenant.entity.js';
import { STATIC_DIR } from '../http/security.js';
import type { Invitation } from '../invitations/invitation.entity.js';
import { escapeHtml } from '../shared/html.js';
import { reviewPage } from './views.js';

/** What the settings page previews: the invitation email, and the page its link opens. */
export type PreviewKind = 'invitation-mail' | 'redemption-page';
export const PREVIEW_KINDS: readonly PreviewKind[] = ['invitation-mail', 'redemption-page'];

/**
 * The query parameters the console's preview frames send: draft tenant settings (empty clears a
 * field) and the sample message and language. The API checks them as saving would.
 */
const SETTINGS = ['name', 'privacyUrl', 'contactUrl', 'logoUrl', 'brandColor', 'invitationTtlDays'] as const;

/** Each frame asks for what it shows: the page's frame needs no rendered mail (the API renders it only when read). */
const PREVIEW_QUERIES: Record<PreviewKind, string> = {
  'invitation-mail': `query ($input: InvitationPreviewInput!) { invitationPreview(input: $input) { html } }`,
  'redemption-page': `query ($input: InvitationPreviewInput!) {
  invitationPreview(input: $input) { tenant { id name privacyUrl brandColor } }
  viewer { displayName }
}`,
};

/**
 * The previews carry inline styles: they get their own policy (no script, no fetch but images, an
 * opaque origin via `sandbox`) instead of the console's, and only this console may frame them.
 */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox; frame-ancestors 'self'";

interface PreviewAnswer {
  data?: {
    invitationPreview?: { html?: string; tenant?: Pick<Tenant, 'id' | 'name' | 'privacyUrl' | 'brandColor'> };
    viewer?: { displayName: string };
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

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
  return { settings, invitationText: text('invitationText') ?? null, language: text('language') || null };
}

let gatewayCss: string | null = null;

/**
 * The redemption page as a guest would see it with the draft: the pages' own review view. Its
 * stylesheet and the draft colour are inlined, since the sandboxed frame's opaque origin may not load
 * the gateway's same-origin resources; its forms cannot submit there.
 */
function redemptionPage(
  tenant: Pick<Tenant, 'id' | 'name' | 'privacyUrl' | 'brandColor'>,
  inviter: string,
  language: string,
  invitationText: string | null,
): string {
  const invitation = { inviterDisplayName: inviter, email: 'alex@partner.example', invitationText } as Invitation;
  const page = reviewPage({ language, csrf: '' }, tenant as Tenant, invitation, []);
  gatewayCss ??= fs.readFileSync(path.join(STATIC_DIR, 'gateway.css'), 'utf8');
  const brand = tenant.brandColor && /^#[0-9a-f]{6}$/i.test(tenant.brandColor) ? `:root { --brand: ${tenant.brandColor}; }` : '';
  return page.replace('<link rel="stylesheet" href="/static/gateway.css" />', () => `<style>${gatewayCss}${brand}</style>`);
}

/**
 * `GET /admin/<tenant>/preview/<kind>?…`: the invitation mail, or the redemption page, for draft
 * settings as a page of its own, for the console's sandboxed preview frames. The gateway's API
 * renders and checks the draft (ReadTenantConfiguration) with the administrator's token. Only a frame
 * of this origin may ask: a cross-site page cannot show the gateway saying what it likes.
 */
export async function sendPreview(req: Request, res: Response, kind: PreviewKind, api: string, token: string): Promise<void> {
  const site = req.headers['sec-fetch-site'];
  const dest = req.headers['sec-fetch-dest'];
  // Required, not only checked when sent: a client without Fetch Metadata gets no preview either.
  if (site !== 'same-origin' || dest !== 'iframe') {
    res.status(403).type('text/plain').send('Only the console shows previews');
    return;
  }
  const input = inputOf(req.query);
  const upstream = await fetch(api, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: PREVIEW_QUERIES[kind], variables: { input } }),
  });
  const answer = (await upstream.json().catch(() => ({}))) as PreviewAnswer;
  res.set({ 'content-security-policy': PREVIEW_CSP, 'cache-control': 'no-store' });
  const data = answer.data;
  const { html, tenant } = data?.invitationPreview ?? {};
  if (kind === 'invitation-mail' && html) {
    res.type('html').send(html);
    return;
  }
  if (kind === 'redemption-page' && tenant && data?.viewer) {
    const text = input.invitationText?.trim() || null;
    res.type('html').send(redemptionPage(tenant, data.viewer.displayName, input.language ?? 'en', text));
    return;
  }
  // The console shows the API's refusal beside its field; the frame just says there is nothing to show.
  const problem = answer.errors?.[0];
  res
    .status(400)
    .type('html')
    .send(
      `<!doctype html><meta charset="utf-8"><p>${escapeHtml(problem ? `${problem.message} (${problem.extensions?.code ?? ''})` : 'No preview')}</p>`,
    );
}
