import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import type { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import type { TenantFixture } from './fixtures.js';
import type { TestGateway } from './test-gateway.js';
import { text, WebClient, type WebResponse } from './web-client.js';

export const MFA_PASSWORD = 'Quiet-Harbour-Lantern-7';
const PERIOD_MS = 30_000;

/** The code an authenticator app shows for `secret` at `at` (RFC 6238, as the gateway's enrolment says). */
export function totpCode(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
}

/** `at` moved on by `steps` TOTP periods (a later code). */
export const stepsLater = (at: Date, steps: number) => new Date(at.getTime() + steps * PERIOD_MS);

/** A member of `tenant` with a gateway password (and optionally directory roles). */
export async function memberWithPassword(t: TestGateway, tenant: TenantFixture, mail: string, roles: DirectoryRole[] = []): Promise<User> {
  const member = await t.gateway.services.users.createMember(tenant.tenant.id, { displayName: 'Mia Factor', mail, roles });
  await t.gateway.services.accounts.setPassword(member.id, MFA_PASSWORD);
  return member;
}

/** A browser signed in on the account page with the password (the second factor too when `code` is given). */
export async function accountSignIn(t: TestGateway, email: string, code?: () => string): Promise<{ web: WebClient; page: WebResponse }> {
  const web = new WebClient();
  const form = await web.get(`${t.baseUrl}/account`);
  let page = await web.follow(await web.submit(form, '/account/signin', { email, password: MFA_PASSWORD }));
  if (code) page = await web.follow(await web.submit(page, '/mfa/totp', { code: code() }));
  return { web, page };
}

/**
 * Adds an authenticator app from the account page as a person would: the key read off the enrolment
 * page, one code computed from it. Returns the key and the recovery codes shown (first method only).
 */
export async function enrolTotp(t: TestGateway, web: WebClient, at: Date, label = 'Phone') {
  const page = await web.get(`${t.baseUrl}/mfa/enrol?return=/account`);
  expect(page.status, text(page)).toBe(200);
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
  const confirmed = await web.submit(page, '/mfa/enrol', { code: totpCode(secret, at), label });
  const recoveryCodes = [...confirmed.body.matchAll(/<li><code>([a-z0-9]{4}-[a-z0-9]{4})<\/code><\/li>/g)].map((m) => m[1]!);
  return { secret, page, confirmed, recoveryCodes };
}
