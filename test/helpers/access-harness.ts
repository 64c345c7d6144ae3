// The AccessService on a real database with a fake clock, and builders for its rows (tests in test/service/access.*).
import { PartnerRows } from '../../src/partners/partner.rows.js';
import { afterAll, beforeAll } from 'vitest';
import { AccessService } from '../../src/access/access.service.js';
import { AppAssignment, AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { Application } from '../../src/apps/application.entity.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Group, GroupMember } from '../../src/directory/group.entity.js';
import { TenantKind, Tenant } from '../../src/directory/tenant.entity.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { insertUser, newInvitedGuest, newMember } from '../../src/directory/user.rows.js';
import { Metrics } from '../../src/observability/metrics.js';
import type { Clock } from '../../src/shared/clock.js';
import { SignInLogService } from '../../src/sign-ins/sign-in-log.service.js';
import { DomainError } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { type DatabaseKind, createTestDatabase, type TestDatabase } from './databases.js';

export const FEDERATED_SECONDS = 3600;

/** Opens a database for the surrounding describe block (closed after it) and returns the service, clock and builders. */
export function useAccessHarness(kind: DatabaseKind) {
  let tdb: TestDatabase;
  let db: Database;
  let access: AccessService;
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
    const signIns = new SignInLogService(db, clock, new Metrics(), async () => null, {
      publicUrl: 'http://gateway.test',
      retentionDays: 30,
    });
    access = new AccessService(db, clock, FEDERATED_SECONDS, signIns, new PartnerRows());
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  async function tenant(): Promise<Tenant> {
    const t: Tenant = Object.assign(new Tenant(), {
      id: newId(),
      name: 'Resource Org',
      kind: TenantKind.Managed,
      defaultDomain: `t${Math.random().toString(36).slice(2, 8)}.example`,
      allowedRedirectHosts: [],
      invitationTtlDays: null,
      privacyUrl: null,
      contactUrl: null,
      logoUrl: null,
      brandColor: null,
      partnerDomainPolicy: 'None',
      partnerDomains: [],
      refuseConsumerDomains: true,
      createdAt: clock.now(),
    });
    await db.manager.insert(Tenant, t);
    return t;
  }

  async function member(tenantId: string, fields: Partial<User> = {}): Promise<User> {
    const user = Object.assign(newMember({ tenantId, displayName: 'Member', mail: `m${newId()}@home.example` }, clock.now()), fields);
    await insertUser(db.manager, user);
    return user;
  }

  /** A guest of `tenantId` redeemed by `home` (unless fields say otherwise). */
  async function guest(tenantId: string, home: User | null, fields: Partial<User> = {}): Promise<User> {
    const user = Object.assign(
      newInvitedGuest(
        {
          tenantId,
          displayName: 'Guest',
          mail: home?.mail ?? 'nobody@partner.example',
          userPrincipalName: `g${newId()}#EXT#@x`,
          accessExpiresAt: null,
        },
        clock.now(),
      ),
      home ? { externalUserState: ExternalUserState.Accepted, homeUserId: home.id } : {},
      fields,
    );
    await insertUser(db.manager, user);
    return user;
  }

  async function app(tenantId: string, displayName: string, assignmentRequired = true): Promise<Application> {
    const a: Application = Object.assign(new Application(), {
      id: newId(),
      tenantId,
      appId: newId(),
      displayName,
      replyUrls: [],
      homepageUrl: null,
      logoUrl: null,
      assignmentRequired,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await db.manager.insert(Application, a);
    return a;
  }

  async function assign(
    tenantId: string,
    application: Application,
    principalType: AssignmentPrincipalType,
    principalId: string,
  ): Promise<void> {
    await db.manager.insert(AppAssignment, {
      id: newId(),
      tenantId,
      applicationId: application.id,
      principalType,
      principalId,
      appRoles: [],
      createdAt: clock.now(),
    });
  }

  async function groupWith(tenantId: string, user: User): Promise<string> {
    const id = newId();
    await db.manager.insert(Group, { id, tenantId, displayName: 'Group', description: null, createdAt: clock.now() });
    await db.manager.insert(GroupMember, { groupId: id, userId: user.id, tenantId, createdAt: clock.now() });
    return id;
  }

  async function denial(account: User, application: Application | null = null): Promise<{ code: string; message: string } | null> {
    try {
      await access.checkSignIn(account, application);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { code: error.code, message: error.message };
    }
  }

  return {
    clock,
    at,
    tenant,
    member,
    guest,
    app,
    assign,
    groupWith,
    denial,
    get db() {
      return db;
    },
    get access() {
      return access;
    },
  };
}
