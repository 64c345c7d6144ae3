import { describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { linkUpstreamIdentity } from '../../src/directory/user.rows.js';
import { testDatabases } from '../helpers/databases.js';
import { forgot, refreshes, resetCode, resetPage, resetWorld, signInEverywhere } from '../helpers/password-reset.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  AuditEventsDocument,
  RevokeSignInSessionsDocument,
  SendPasswordResetDocument,
  SetUserEnabledDocument,
} from '../graphql/generated.js';

const REFUSED = 'That code is not right, has expired or was used already';

/**
 * The admins' side of password reset over real HTTP, with openid-client as the relying party:
 * sendPasswordReset and revokeSignInSessions (ManageUsers), each with its cross-tenant twin, and
 * what disabling an account does to the reset codes mailed before.
 */
describe.each(testDatabases())('password reset by admins on %s', (kind) => {
  const w = resetWorld(kind);
  const { bob, clock } = w;

  it("sendPasswordReset mails the member a working code; another tenant's admin gets NOT_FOUND", async () => {
    expect(await w.other.admin.client.errorCode(SendPasswordResetDocument, { userId: bob.id })).toBe('NOT_FOUND');
    clock.offsetMs = 60 * 60 * 1000;
    try {
      const mails = w.smtp.received.length;
      expect(await w.home.admin.client.data(SendPasswordResetDocument, { userId: bob.id })).toEqual({ sendPasswordReset: true });
      expect(await w.home.admin.client.errorCode(SendPasswordResetDocument, { userId: bob.id }), 'a second one within a minute').toBe(
        'TOO_MANY_ATTEMPTS',
      );
      const code = await resetCode(w, bob.email, mails);
      const web = new WebClient();
      const done = await web.submit(await resetPage(w, web, bob.email), '/password/reset', {
        email: bob.email,
        code,
        password: 'the admin sent me here',
      });
      expect(text(done)).toContain('Your password was changed');
      bob.password = 'the admin sent me here';
    } finally {
      clock.offsetMs = 0;
    }
    const { auditEvents } = await w.home.admin.client.data(AuditEventsDocument, { first: 100 });
    expect(auditEvents.nodes.map((e) => e.action)).toContain('Send password reset');
  });

  it('sendPasswordReset refuses guests and federated members with their own codes', async () => {
    expect(await w.other.admin.client.errorCode(SendPasswordResetDocument, { userId: bob.guestId })).toBe('NO_PASSWORD_HERE');
    const carol = await w.t.gateway.services.users.createMember(w.home.tenant.id, {
      displayName: 'Carol',
      mail: 'carol@reset-home.example',
    });
    expect(await w.home.admin.client.errorCode(SendPasswordResetDocument, { userId: carol.id })).toBe('NO_PASSWORD_HERE');
    await linkUpstreamIdentity(w.t.gateway.db.manager, carol, { issuer: w.upstream.issuer, subject: 'carol-sub' }, new Date());
    expect(await w.home.admin.client.errorCode(SendPasswordResetDocument, { userId: carol.id })).toBe('FEDERATED_ACCOUNT');
  });

  it("revokeSignInSessions of a guest ends its tokens in this tenant only; another tenant's admin gets NOT_FOUND", async () => {
    const { a, b } = await signInEverywhere(w);
    expect(await w.home.admin.client.errorCode(RevokeSignInSessionsDocument, { userId: bob.guestId })).toBe('NOT_FOUND');
    expect(await refreshes(w.appB, b.refresh_token!), 'the twin changed nothing').toBe(true);
    expect(await w.other.admin.client.data(RevokeSignInSessionsDocument, { userId: bob.guestId })).toEqual({ revokeSignInSessions: true });
    expect(await refreshes(w.appB, b.refresh_token!)).toBe(false);
    expect(await refreshes(w.appA, a.refresh_token!), 'the home tenant is not the resource tenant’s to end').toBe(true);
  });

  it("revokeSignInSessions of a member signs it out everywhere; another tenant's admin gets NOT_FOUND", async () => {
    const { web, a, b } = await signInEverywhere(w);
    expect(await w.other.admin.client.errorCode(RevokeSignInSessionsDocument, { userId: bob.id })).toBe('NOT_FOUND');
    expect(await refreshes(w.appA, a.refresh_token!), 'the twin changed nothing').toBe(true);
    expect(await w.home.admin.client.data(RevokeSignInSessionsDocument, { userId: bob.id })).toEqual({ revokeSignInSessions: true });
    expect(await refreshes(w.appA, a.refresh_token!)).toBe(false);
    expect(await refreshes(w.appB, b.refresh_token!)).toBe(false);
    expect(text(await web.get(`${w.t.baseUrl}/${w.home.tenant.id}/myapps`))).not.toContain(`Signed in as ${bob.email}`);
    const { auditEvents } = await w.home.admin.client.data(AuditEventsDocument, { first: 100 });
    expect(auditEvents.nodes.find((e) => e.action === 'Revoke sign-in sessions')).toMatchObject({ targetId: bob.id });
  });

  it('a code mailed before the account was disabled does not set its password; disabling deletes it', async () => {
    const web = new WebClient();
    const submit = async (code: string, password: string) =>
      web.submit(await resetPage(w, web, bob.email), '/password/reset', { email: bob.email, code, password });
    clock.offsetMs = 2 * 60 * 60 * 1000;
    try {
      let mails = w.smtp.received.length;
      await forgot(w, web, bob.email);
      const early = await resetCode(w, bob.email, mails);
      // Disabled behind the service's back (the code stays): the account's state alone refuses it.
      await w.t.gateway.db.manager.update(User, { id: bob.id }, { accountEnabled: false });
      const whileDisabled = await submit(early, 'set while disabled');
      expect(whileDisabled.status).toBe(400);
      expect(text(whileDisabled)).toContain(REFUSED);
      await w.t.gateway.db.manager.update(User, { id: bob.id }, { accountEnabled: true });
      expect(text(await submit(early, 'set once enabled again')), 'the refusal did not use the code up').toContain(
        'Your password was changed',
      );
      bob.password = 'set once enabled again';

      clock.offsetMs += 2 * 60 * 1000;
      mails = w.smtp.received.length;
      await forgot(w, web, bob.email);
      const late = await resetCode(w, bob.email, mails);
      await w.home.admin.client.data(SetUserEnabledDocument, { id: bob.id, enabled: false });
      await w.home.admin.client.data(SetUserEnabledDocument, { id: bob.id, enabled: true });
      const afterReenabled = await submit(late, 'set after a disable');
      expect(afterReenabled.status, 're-enabling does not revive the code').toBe(400);
      expect(text(afterReenabled)).toContain(REFUSED);
    } finally {
      clock.offsetMs = 0;
    }
  });
});
