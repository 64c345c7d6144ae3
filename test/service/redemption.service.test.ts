import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/apps/application.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { PrincipalKind } from '../../src/directory/actor.js';
import { PartnerDomainPolicy, Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest, newMember } from '../../src/directory/user.rows.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { Metrics } from '../../src/observability/metrics.js';
import { altSecIdOf, RedemptionService } from '../../src/redemption/redemption.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { randomToken, sha256Hex } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const PUBLIC_URL = 'https://gw.test';

describe('altSecIdOf', () => {
  it('is 5::<16 hex> of tenant and id for a gateway account', () => {
    const home = { tenantId: 't1', id: 'u1', upstreamIssuer: null, upstreamSubject: null };
    expect(altSecIdOf(home)).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
    expect(altSecIdOf(home)).toMatch(/^5::[0-9A-F]{16}$/);
  });

  it('is 1:<issuer host>:<16 hex> of issuer and subject for an upstream identity', () => {
    const home = { tenantId: 't1', id: 'u1', upstreamIssuer: 'https://login.partner.example:8443/tenant', upstreamSubject: 'sub-1' };
    expect(altSecIdOf(home)).toBe(
      `1:login.partner.example:8443:${sha256Hex('https://login.partner.example:8443/tenant:sub-1').slice(0, 16).toUpperCase()}`,
    );
    // Both halves are needed for the upstream form.
    expect(altSecIdOf({ ...home, upstreamSubject: null })).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
    expect(altSecIdOf({ ...home, upstreamIssuer: null })).toBe(`5::${sha256Hex('t1:u1').slice(0, 16).toUpperCase()}`);
  });
});

/** Redemption rules (RedemptionService) on a real database, with a fake clock. */
describe.each(testDatabases())('RedemptionService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let metrics: Metrics;
  let redemption: RedemptionService;
  const clock = {
    at: new Date('2026-03-01T12:00:00.000Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const at = (ms: number) => new Date(clock.at.getTime() + ms);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    metrics = new Metrics();
    redemption = new RedemptionService(db, clock, { publicUrl: PUBLIC_URL }, new AuditService(db, clock), metrics);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  async function outcomes(): Promise<Record<string, number>> {
    const values = (await metrics.redemptions.get()).values;
    return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
  }

  async function tenant(fields: Partial<Tenant> = {}): Promise<Tenant> {
    const t: Tenant = Object.assign(
      new Tenant(),
      {
        id: newId(),
        name: 'Resource Org',
        kind: TenantKind.Managed,
        defaultDomain: 'resource.example',
        allowedRedirectHosts: [],
        invitationTtlDays: null,
        privacyUrl: null,
        contactUrl: null,
        logoUrl: null,
        brandColor: null,
        partnerDomainPolicy: PartnerDomainPolicy.None,
        partnerDomains: [],
        refuseConsumerDomains: true,
        createdAt: clock.now(),
      },
      fields,
    );
    await db.manager.insert(Tenant, t);
    return t;
  }

  async function app(tenantId: string, displayName: string): Promise<Application> {
    const a: Application = Object.assign(new Application(), {
      id: newId(),
      tenantId,
      appId: newId(),
      displayName,
      replyUrls: [],
      homepageUrl: null,
      logoUrl: null,
      assignmentRequired: false,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await db.manager.insert(Application, a);
    return a;
  }

  async function home(fields: Partial<User> = {}): Promise<User> {
    const homeTenant = await tenant();
    const user = Object.assign(
      newMember(
        { tenantId: homeTenant.id, displayName: 'Pat Partner', mail: `pat${newId()}@partner.example`, emailVerified: true },
        clock.now(),
      ),
      fields,
    );
    await insertUser(db.manager, user);
    return user;
  }

  /** A pending invitation (with its guest) to `email`; returns it with its ticket. */
  async function invite(
    t: Tenant,
    email: string,
    fields: Partial<Invitation> = {},
    guestName = 'Guest Name',
  ): Promise<{ invitation: Invitation; ticket: string; guest: User }> {
    const guest = newInvitedGuest(
      {
        tenantId: t.id,
        displayName: guestName,
        mail: email,
        userPrincipalName: `g${newId()}#EXT#@resource.example`,
        accessExpiresAt: null,
      },
      clock.now(),
    );
    await insertUser(db.manager, guest);
    const ticket = randomToken(32);
    const invitation: Invitation = Object.assign(
      new Invitation(),
      {
        id: newId(),
        tenantId: t.id,
        email,
        displayName: guestName,
        invitedUserId: guest.id,
        inviterKind: 'User',
        inviterId: newId(),
        inviterDisplayName: 'Ina Inviter',
        redirectUrl: null,
        applicationIds: [],
        groupIds: [],
        invitationText: null,
        ccEmailAddress: null,
        language: 'en',
        sendInvitationMessage: false,
        status: InvitationStatus.PendingAcceptance,
        ticketHash: sha256Hex(ticket),
        expiresAt: at(60_000),
        redeemedAt: null,
        revokedAt: null,
        batchId: null,
        contactUrl: null,
        accessExpiresAt: null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
      fields,
    );
    await db.manager.insert(Invitation, invitation);
    return { invitation, ticket, guest };
  }

  async function failure(work: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
    try {
      await work;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    }
    throw new Error('expected a DomainError');
  }

  const INVALID = {
    code: ErrorCode.INVITATION_INVALID,
    message: 'This invitation link is not valid. It may have been used already or withdrawn.',
  };

  describe('open', () => {
    it("opens a pending link with the tenant and only that tenant's listed apps, counting nothing", async () => {
      const t = await tenant();
      const other = await tenant();
      const b = await app(t.id, 'B');
      const a = await app(t.id, 'A');
      const foreign = await app(other.id, 'Foreign');
      await app(t.id, 'Unlisted');
      const { invitation, ticket } = await invite(t, 'pat@partner.example', { applicationIds: [a.id, b.id, foreign.id] });
      const before = await outcomes();

      const opened = await redemption.open(t.id, invitation.id, ticket);
      expect(opened.invitation.id).toBe(invitation.id);
      expect(opened.tenant.id).toBe(t.id);
      expect(opened.apps.map((x) => x.displayName).sort()).toEqual(['A', 'B']);
      expect(await outcomes()).toEqual(before);
    });

    it('lists no apps when the invitation names none', async () => {
      const t = await tenant();
      await app(t.id, 'Some app');
      const { invitation, ticket } = await invite(t, 'pat@partner.example');
      expect((await redemption.open(t.id, invitation.id, ticket)).apps).toEqual([]);
    });

    it('gives the same INVITATION_INVALID for a bad id, unknown id, wrong ticket, other tenant, used and revoked links', async () => {
      const t = await tenant();
      const other = await tenant();
      const { invitation, ticket } = await invite(t, 'pat@partner.example');
      const used = await invite(t, 'pat@partner.example', { status: InvitationStatus.Accepted, redeemedAt: clock.now() });
      const revoked = await invite(t, 'pat@partner.example', {
        status: InvitationStatus.Revoked,
        revokedAt: clock.now(),
        expiresAt: at(-1),
      });
      const before = (await outcomes()).invitation_invalid ?? 0;

      expect(await failure(redemption.open(t.id, 'not-a-uuid', ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, newId(), ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, invitation.id, randomToken(32)))).toEqual(INVALID);
      expect(await failure(redemption.open(other.id, invitation.id, ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, used.invitation.id, used.ticket))).toEqual(INVALID);
      expect(await failure(redemption.open(t.id, revoked.invitation.id, revoked.ticket))).toEqual(INVALID);
      expect((await outcomes()).invitation_invalid).toBe(before + 6);
    });

    it('refuses a ticket hash of another length without comparing', async () => {
      const t = await tenant();
      const { invitation } = await invite(t, 'pat@partner.example');
      expect(await failure(redemption.openByHash(invitation.id, invitation.ticketHash.slice(0, 62)))).toEqual(INVALID);
      expect(await failure(redemption.openByHash(invitation.id, `${invitation.ticketHash}00`))).toEqual(INVALID);
      expect((await redemption.openByHash(invitation.id, invitation.ticketHash)).invitation.id).toBe(invitation.id);
    });

    it('says a link expired exactly at expiresAt, naming the inviter', async () => {
      const t = await tenant();
      const expired = await invite(t, 'pat@partner.example', { expiresAt: at(0) });
      const live = await invite(t, 'pat@partner.example', { expiresAt: at(1) });
      const never = await invite(t, 'pat@partner.example', { expiresAt: null });
      const before = (await outcomes()).invitation_expired ?? 0;

      expect(await failure(redemption.open(t.id, expired.invitation.id, expired.ticket))).toEqual({
        code: ErrorCode.INVITATION_EXPIRED,
        message: 'This invitation has expired. Ask Ina Inviter for a new one.',
        details: { inviter: 'Ina Inviter' },
      });
      expect((await outcomes()).invitation_expired).toBe(before + 1);
      expect((await redemption.open(t.id, live.invitation.id, live.ticket)).invitation.id).toBe(live.invitation.id);
      expect((await redemption.open(t.id, never.invitation.id, never.ticket)).invitation.id).toBe(never.invitation.id);
    });

    it("applies the tenant's current partner domain policy", async () => {
      const t = await tenant({ partnerDomainPolicy: PartnerDomainPolicy.BlockList, partnerDomains: ['partner.example'] });
      const { invitation, ticket } = await invite(t, 'pat@sub.partner.example');
      expect(await failure(redemption.open(t.id, invitation.id, ticket))).toMatchObject({
        code: ErrorCode.DOMAIN_NOT_ALLOWED,
        details: { domain: 'sub.partner.example' },
      });
      expect((await outcomes()).domain_not_allowed).toBeGreaterThanOrEqual(1);
    });
  });

  describe('redeem', () => {
    it('binds the guest to the home account, accepts the invitation, audits, and goes to the panel', async () => {
      const t = await tenant();
      const me = await home();
      const { invitation, ticket, guest } = await invite(t, me.mail);
      const opened = await redemption.open(t.id, invitation.id, ticket);
      const accepted = (await outcomes()).accepted ?? 0;
      clock.at = at(5_000);

      expect(await redemption.redeem(opened, me)).toBe(`${PUBLIC_URL}/${t.id}/myapps`);

      const bound = await db.manager.findOneByOrFail(User, { id: guest.id });
      expect(bound).toMatchObject({
        externalUserState: ExternalUserState.Accepted,
        signInName: me.mail,
        altSecId: altSecIdOf(me),
        displayName: 'Guest Name',
        homeUserId: me.id,
      });
      expect(bound.externalUserStateChangedAt?.toISOString()).toBe(clock.now().toISOString());
      const stored = await db.manager.findOneByOrFail(Invitation, { id: invitation.id });
      expect(stored.status).toBe(InvitationStatus.Accepted);
      expect(stored.redeemedAt?.toISOString()).toBe(clock.now().toISOString());
      const events = await db.manager.findBy(AuditEvent, { tenantId: t.id, action: AuditAction.RedeemExternalUserInvite });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorKind: PrincipalKind.User,
        actorId: guest.id,
        actorDisplayName: me.mail,
        targetType: 'User',
        targetId: guest.id,
        details: { invitationId: invitation.id, homeTenantId: me.tenantId },
      });
      expect((await outcomes()).accepted).toBe(accepted + 1);

      // Exactly once: the same opened link a second time.
      expect(await failure(redemption.redeem(opened, me))).toEqual({
        code: ErrorCode.INVITATION_INVALID,
        message: 'This invitation has been used already.',
      });
    });

    it("goes to the invitation's redirect URL when it has one, and names the guest after the home account when it has no name", async () => {
      const t = await tenant();
      const me = await home({ displayName: 'Pat Home' });
      const { invitation, ticket, guest } = await invite(t, me.mail, { redirectUrl: 'https://app.resource.example/start' }, '');
      expect(await redemption.redeem(await redemption.open(t.id, invitation.id, ticket), me)).toBe('https://app.resource.example/start');
      expect((await db.manager.findOneByOrFail(User, { id: guest.id })).displayName).toBe('Pat Home');

      const nameless = await home({ displayName: '' });
      const second = await invite(t, nameless.mail, {}, '');
      await redemption.redeem(await redemption.open(t.id, second.invitation.id, second.ticket), nameless);
      expect((await db.manager.findOneByOrFail(User, { id: second.guest.id })).displayName).toBe(nameless.mail);
    });

    it('refuses a home account that does not own the invited address, or has not verified it', async () => {
      const t = await tenant();
      const me = await home();
      const { invitation, ticket, guest } = await invite(t, 'someone-else@partner.example');
      const opened = await redemption.open(t.id, invitation.id, ticket);
      const before = (await outcomes()).wrong_account ?? 0;
      expect(await failure(redemption.redeem(opened, me))).toEqual({
        code: ErrorCode.WRONG_ACCOUNT,
        message: `This invitation is for someone-else@partner.example; you are signed in as ${me.mail}`,
      });
      const unverified = await home({ emailVerified: false });
      const mine = await invite(t, unverified.mail);
      expect(await failure(redemption.redeem(await redemption.open(t.id, mine.invitation.id, mine.ticket), unverified))).toMatchObject({
        code: ErrorCode.WRONG_ACCOUNT,
      });
      expect((await outcomes()).wrong_account).toBe(before + 2);
      expect((await db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);
      expect((await db.manager.findOneByOrFail(User, { id: guest.id })).externalUserState).toBe(ExternalUserState.PendingAcceptance);
    });

    it('refuses, and keeps the invitation pending, when its guest was removed or belongs elsewhere', async () => {
      const t = await tenant();
      const me = await home();
      const gone = await invite(t, me.mail);
      const opened = await redemption.open(t.id, gone.invitation.id, gone.ticket);
      await db.manager.delete(User, { id: gone.guest.id });
      const removed = { code: ErrorCode.INVITATION_INVALID, message: 'The guest account of this invitation was removed.' };
      expect(await failure(redemption.redeem(opened, me))).toEqual(removed);
      expect((await db.manager.findOneByOrFail(Invitation, { id: gone.invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);

      const noGuest = await invite(t, me.mail, { invitedUserId: null });
      expect(await failure(redemption.redeem(await redemption.open(t.id, noGuest.invitation.id, noGuest.ticket), me))).toEqual(removed);

      const elsewhere = await tenant();
      const foreignGuest = await invite(elsewhere, me.mail);
      const wrongTenant = await invite(t, me.mail, { invitedUserId: foreignGuest.guest.id });
      expect(await failure(redemption.redeem(await redemption.open(t.id, wrongTenant.invitation.id, wrongTenant.ticket), me))).toEqual(
        removed,
      );
      expect((await db.manager.findOneByOrFail(User, { id: foreignGuest.guest.id })).externalUserState).toBe(
        ExternalUserState.PendingAcceptance,
      );
    });
  });

  it('lets an unexpected failure through unchanged, uncounted, and rolled back', async () => {
    const t = await tenant();
    const countedBefore = await outcomes();
    // Not a domain rule: a ticket that is not a string fails in hashing, before any lookup.
    await expect(redemption.open(t.id, newId(), undefined as unknown as string)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });

    // A home account whose stored upstream issuer is not a URL fails while binding the guest.
    const me = await home({ upstreamIssuer: 'not a url', upstreamSubject: 'sub' });
    const { invitation, ticket, guest } = await invite(t, me.mail);
    const opened = await redemption.open(t.id, invitation.id, ticket);
    await expect(redemption.redeem(opened, me)).rejects.toMatchObject({ code: 'ERR_INVALID_URL' });
    expect(await outcomes()).toEqual(countedBefore);
    expect((await db.manager.findOneByOrFail(Invitation, { id: invitation.id })).status).toBe(InvitationStatus.PendingAcceptance);
    expect((await db.manager.findOneByOrFail(User, { id: guest.id })).externalUserState).toBe(ExternalUserState.PendingAcceptance);
  });

  it("names a home account's issuer", async () => {
    const me = await home();
    expect(redemption.homeIssuer(me)).toBe(`${PUBLIC_URL}/${me.tenantId}/v2.0`);
  });
});
