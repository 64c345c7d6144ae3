import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import { Database } from '../../src/db/database.js';
import type { Actor } from '../../src/directory/actor.js';
import { User } from '../../src/directory/user.entity.js';
import { type Services } from '../../src/services.js';
import { newId } from '../../src/shared/ids.js';
import { ACR_1FA } from '../../src/policies/acr.js';
import { testDatabases } from '../helpers/databases.js';
import { AS_USER, READ, useApiTokenHarness } from '../helpers/api-token-harness.js';

/** The API token verifier on the tokens of a member and of a guest. */
describe.each(testDatabases())('API token verifier on %s', (kind) => {
  const h = useApiTokenHarness(kind);
  const { clock, userToken, reason } = h;
  let db: Database;
  let s: Services;
  let tenantId: string;
  let admin: Actor;
  let app: Application;
  let readOnlyApp: Application;
  let ungrantedApp: Application;
  let member: User;
  let home: User;
  let guest: User;
  beforeAll(() => {
    ({ db, s, tenantId, admin, app, readOnlyApp, ungrantedApp, member, home, guest } = h);
  });

  describe("a user's token", () => {
    it("names the user with its roles and the app's delegated scopes", async () => {
      expect(await s.apiTokens.verify(await userToken(member, app))).toEqual({
        tenantId,
        kind: 'user',
        id: member.id,
        displayName: 'Mia Member',
        roles: ['GlobalAdministrator'],
        scopes: [AS_USER],
      });
    });

    it('acts with the intersection of its scp and what the app is granted now', async () => {
      const both = await userToken(member, readOnlyApp, { scp: `openid ${AS_USER} ${READ}` });
      expect((await s.apiTokens.verify(both)).scopes).toEqual([READ]);
      const reordered = await userToken(member, app, { scp: `${READ} ${AS_USER}` });
      expect((await s.apiTokens.verify(reordered)).scopes).toEqual([AS_USER]);
    });

    it('is refused when the scope it carries is no longer granted', async () => {
      expect(await reason(await userToken(member, readOnlyApp, { scp: AS_USER }))).toBe(
        'the application has no delegated access to the API',
      );
      expect(await reason(await userToken(member, ungrantedApp))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: undefined }))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: [AS_USER] }))).toBe('the application has no delegated access to the API');
      expect(await reason(await userToken(member, app, { scp: '' }))).toBe('the application has no delegated access to the API');
    });

    it("is refused when its sign-in falls short of the tenant's security policy (MFA, sign-in frequency)", async () => {
      const refused = 'the security policy requires a new sign-in';
      // The member holds GlobalAdministrator: MFA for administrators is on by default.
      expect(await reason(await userToken(member, app, { acr: ACR_1FA }))).toBe(refused);
      expect(await reason(await userToken(member, app, { acr: undefined }))).toBe(refused);
      await s.policies.update(admin, { mfaForAdmins: false });
      expect((await s.apiTokens.verify(await userToken(member, app, { acr: ACR_1FA }))).id).toBe(member.id);
      await s.policies.update(admin, { mfaForAdmins: true, signInFrequencyMinutes: 60 });
      const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
      expect(await reason(await userToken(member, app, { auth_time: twoHoursAgo }))).toBe(refused);
      expect((await s.apiTokens.verify(await userToken(member, app))).id).toBe(member.id);
      await s.policies.update(admin, { signInFrequencyMinutes: null });
    });

    it('stops working when the app loses its API access', async () => {
      const client = (await s.apps.createAsOperator(tenantId, { displayName: 'Revoked', assignmentRequired: false })).application;
      await s.apiAccess.grant(admin, client.id, [AS_USER]);
      const token = await userToken(member, client);
      expect(await reason(token)).toBe('accepted');
      await s.apiAccess.revoke(admin, client.id);
      expect(await reason(token)).toBe('the application has no delegated access to the API');
    });

    it('needs an application that still exists', async () => {
      expect(await reason(await userToken(member, app, { client_id: undefined }))).toBe('the application no longer exists');
      expect(await reason(await userToken(member, app, { client_id: 7 }))).toBe('the application no longer exists');
      expect(await reason(await userToken(member, app, { client_id: 'unknown-client' }))).toBe('the application no longer exists');
    });

    it('needs a user of the issuing tenant', async () => {
      expect(await reason(await userToken(member, app, { oid: newId() }))).toBe('the user is unknown');
      expect(await reason(await userToken(home, app))).toBe('the user is unknown');
      expect(await reason(await userToken(member, app, { oid: 42 }))).toBe('the token names no caller');
    });

    it('stops working when the user is disabled, and works again when enabled', async () => {
      const user = await s.users.createMember(tenantId, { displayName: 'Dora', mail: 'dora@contoso.example' });
      const token = await userToken(user, app);
      expect(await s.apiTokens.verify(token)).toMatchObject({ id: user.id, roles: [] });
      await s.users.setEnabled(admin, user.id, false);
      expect(await reason(token)).toBe('the user has no access');
      await s.users.setEnabled(admin, user.id, true);
      expect(await reason(token)).toBe('accepted');
    });

    it('is refused when issued in a second before the user’s sign-ins ended, accepted from that second on', async () => {
      const user = await s.users.createMember(tenantId, { displayName: 'Rita', mail: 'rita@contoso.example' });
      await s.users.revokeSignInSessions(admin, user.id);
      const ended = (await db.manager.findOneByOrFail(User, { id: user.id })).signInSessionsValidFrom!.getTime();
      const second = Math.floor(ended / 1000);
      expect(Math.abs(ended - Date.now()), 'on the system clock, that of iat').toBeLessThan(5_000);
      expect(await reason(await userToken(user, app, {}, { iat: second - 1 }))).toBe('the user has no access');
      expect(await reason(await userToken(user, app, {}, { iat: second }))).toBe('accepted');
      expect(await reason(await userToken(user, app, {}, { iat: second + 1 }))).toBe('accepted');
      expect(await reason(await userToken(member, app, {}, { iat: second - 1 })), 'another user').toBe('accepted');
    });

    it('is refused for an app that requires assignment when the user is not assigned', async () => {
      const client = (await s.apps.createAsOperator(tenantId, { displayName: 'Assigned only', assignmentRequired: true })).application;
      await s.apiAccess.grant(admin, client.id, [READ]);
      expect(await reason(await userToken(member, client, { scp: READ }))).toBe('the user has no access');
    });

    it("ignores a member's altsecid", async () => {
      expect(await reason(await userToken(member, app, { altsecid: 'anything' }))).toBe('accepted');
    });
  });

  describe("a guest's token", () => {
    it('names the guest while it is bound to the home identity that signed in', async () => {
      expect(await s.apiTokens.verify(await userToken(guest, app))).toEqual({
        tenantId,
        kind: 'user',
        id: guest.id,
        displayName: 'Gus Guest',
        roles: [],
        scopes: [AS_USER],
      });
    });

    it('is refused once the guest is bound to another identity', async () => {
      const token = await userToken(guest, app);
      expect(await reason(await userToken(guest, app, { altsecid: undefined }))).toBe('the guest is bound to another identity');
      expect(await reason(await userToken(guest, app, { altsecid: 'gw::someone-else' }))).toBe('the guest is bound to another identity');
      // A reset redemption redeemed by someone else re-binds the same object.
      await db.manager.update(User, { id: guest.id }, { altSecId: 'gw::new-home' });
      try {
        expect(await reason(token)).toBe('the guest is bound to another identity');
      } finally {
        await db.manager.update(User, { id: guest.id }, { altSecId: guest.altSecId });
      }
      expect(await reason(token)).toBe('accepted');
    });

    it('stops working when the home account is disabled', async () => {
      const token = await userToken(guest, app);
      await db.manager.update(User, { id: home.id }, { accountEnabled: false });
      try {
        expect(await reason(token)).toBe('the user has no access');
      } finally {
        await db.manager.update(User, { id: home.id }, { accountEnabled: true });
      }
    });

    it('is refused when issued before its home account’s sign-ins ended (a reset of the home account)', async () => {
      const second = Math.floor(Date.now() / 1000);
      await db.manager.update(User, { id: home.id }, { signInSessionsValidFrom: new Date(second * 1000 + 500) });
      try {
        expect(await reason(await userToken(guest, app, {}, { iat: second - 1 }))).toBe('the user has no access');
        expect(await reason(await userToken(guest, app, {}, { iat: second }))).toBe('accepted');
      } finally {
        await db.manager.update(User, { id: home.id }, { signInSessionsValidFrom: null });
      }
    });

    it("stops working when the guest's access ends (on the gateway's clock)", async () => {
      const token = await userToken(guest, app);
      const ends = new Date(clock.now().getTime() + 60_000);
      await db.manager.update(User, { id: guest.id }, { accessExpiresAt: ends });
      try {
        expect(await reason(token)).toBe('accepted');
        clock.offset += 60_000;
        expect(await reason(token)).toBe('the user has no access');
      } finally {
        clock.offset = 0;
        await db.manager.update(User, { id: guest.id }, { accessExpiresAt: null });
      }
    });
  });
});
