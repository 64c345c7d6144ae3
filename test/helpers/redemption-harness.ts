// The RedemptionService on a real database with a fake clock, and builders for its rows (tests in test/service/redemption.*).
import { PartnerRows } from '../../src/partners/partner.rows.js';
import { afterAll, beforeAll } from 'vitest';
import { Application } from '../../src/apps/application.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { PartnerDomainPolicy, Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest, newMember } from '../../src/directory/user.rows.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { Metrics } from '../../src/observability/metrics.js';
import { RedemptionService } from '../../src/redemption/redemption.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { randomToken, sha256Hex } from '../../src/shared/secrets.js';
import { SignInLogService, type SignInSource } from '../../src/sign-ins/sign-in-log.service.js';
import { type DatabaseKind, createTestDatabase, type TestDatabase } from './databases.js';

export const PUBLIC_URL = 'https://gw.test';
/** A redemption made outside any browser (service tests): no address, no sign-in methods. */
export const NO_SOURCE: SignInSource = { context: { ip: null, userAgent: null }, authMethods: [] };

/** Opens a database for the surrounding suite (closed after it) and returns the service, clock and builders. */
export function useRedemptionHarness(kind: DatabaseKind) {
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
    const signIns = new SignInLogService(db, clock, metrics, async () => null, { publicUrl: PUBLIC_URL, retentionDays: 30 });
    redemption = new RedemptionService(
      db,
      clock,
      { publicUrl: PUBLIC_URL },
      new AuditService(db, clock),
      metrics,
      signIns,
      new PartnerRows(),
    );
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

  return {
    clock,
    at,
    outcomes,
    tenant,
    app,
    home,
    invite,
    failure,
    INVALID,
    get db() {
      return db;
    },
    get metrics() {
      return metrics;
    },
    get redemption() {
      return redemption;
    },
  };
}
