import { PartnerRows } from '../../src/partners/partner.rows.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../src/accounts/account.service.js';
import { PasswordHasher } from '../../src/accounts/password.js';
import { RateLimits } from '../../src/accounts/rate-limits.js';
import { VerificationCode } from '../../src/accounts/verification-code.entity.js';
import { VerificationCodeService } from '../../src/accounts/verification-code.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { PartnerDomainPolicy, Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxService } from '../../src/mail/outbox.service.js';
import { Metrics } from '../../src/observability/metrics.js';
import type { OpenedInvitation } from '../../src/redemption/redemption.service.js';
import { SignUpService } from '../../src/redemption/sign-up.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { DomainError, ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'sign-up-service-test-secret-0123456789';
const PASSWORD = 'Lantern-Quartz-Meadow-41';

/** Creating a home account from an invitation (SignUpService) on a real database, with a fake clock. */
describe.each(testDatabases())('SignUpService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let signUp: SignUpService;
  let accounts: AccountService;
  const box = new SecretBox(SECRET);
  const clock = {
    at: new Date('2026-03-01T12:00:00.000Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    const metrics = new Metrics();
    const limits = await RateLimits.create(db, metrics, { invitationMailPerHour: 100 });
    const outbox = new OutboxService(db, clock, box, { from: 'gateway@gw.test', messageIdDomain: 'gw.test' });
    accounts = new AccountService(db, clock, new AuditService(db, clock), limits, metrics, new PasswordHasher(metrics), new PartnerRows());
    signUp = new SignUpService(accounts, new VerificationCodeService(db, clock, outbox, limits, SECRET));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** What the redemption pages pass along: an opened invitation (only the fields sign-up reads matter). */
  async function opened(email: string, ccEmailAddress: string | null = null): Promise<OpenedInvitation> {
    const tenant = Object.assign(new Tenant(), {
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
    });
    const invitation = Object.assign(new Invitation(), {
      id: newId(),
      tenantId: tenant.id,
      email,
      displayName: 'Guest',
      invitedUserId: newId(),
      inviterKind: 'User',
      inviterId: newId(),
      inviterDisplayName: 'Ina',
      redirectUrl: null,
      applicationIds: [],
      groupIds: [],
      invitationText: null,
      ccEmailAddress,
      language: 'en',
      sendInvitationMessage: true,
      status: InvitationStatus.PendingAcceptance,
      ticketHash: '00',
      expiresAt: null,
      redeemedAt: null,
      revokedAt: null,
      batchId: null,
      contactUrl: null,
      accessExpiresAt: null,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await db.manager.insert(Tenant, tenant);
    return { invitation, tenant, apps: [] };
  }

  async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
    try {
      await work;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { code: error.code, message: error.message };
    }
    throw new Error('expected a DomainError');
  }

  /** The code mailed to `to` (the outbox body is sealed with the gateway secret). */
  async function mailedCode(to: string): Promise<string> {
    const messages = await db.manager.find(OutboxMessage, { where: { toAddress: to }, order: { createdAt: 'DESC' } });
    const body = JSON.parse(box.open(messages[0]!.bodySealed)) as { text: string };
    return /\b(\d{6})\b/.exec(body.text)![1]!;
  }

  const CC_ONLY = {
    code: ErrorCode.SIGN_UP_NOT_ALLOWED,
    message: 'This invitation can only be accepted with an existing account; it cannot be used to create one.',
  };

  it('mails a code to the invited address, verifies it, then creates the account for that address', async () => {
    const email = `new${newId()}@newcomer.example`;
    const invite = await opened(email);
    const redemptionId = `r-${newId()}`;
    await signUp.sendCode(invite, redemptionId, '198.51.100.1');
    expect(await db.manager.countBy(VerificationCode, { redemptionId, email })).toBe(1);

    const code = await mailedCode(email);
    expect(await failure(signUp.verifyCode(invite, redemptionId, code === '000000' ? '111111' : '000000', '198.51.100.1'))).toMatchObject({
      code: ErrorCode.INVALID_CODE,
    });
    await signUp.verifyCode(invite, redemptionId, code, '198.51.100.1');

    const user = await signUp.createAccount(invite, email, 'New Comer', PASSWORD);
    expect(user).toMatchObject({ mail: email, displayName: 'New Comer', userType: UserType.Member, emailVerified: true });
    expect(await db.manager.countBy(User, { mail: email })).toBe(1);

    // The account exists now: a second sign-up for the address is refused at every step.
    const exists = { code: ErrorCode.SIGN_UP_NOT_ALLOWED, message: 'An account with this address exists already; sign in instead.' };
    expect(await failure(signUp.sendCode(await opened(email), `r-${newId()}`, '198.51.100.1'))).toEqual(exists);
    expect(await failure(signUp.verifyCode(await opened(email), redemptionId, '123456', '198.51.100.1'))).toEqual(exists);
    expect(await failure(signUp.createAccount(await opened(email), email, 'Again', PASSWORD))).toEqual(exists);
  });

  it('creates nothing until the invited address itself was verified in this session', async () => {
    const email = `unverified${newId()}@newcomer.example`;
    const first = { code: ErrorCode.INVALID_CODE, message: 'Verify your email address first.' };
    expect(await failure(signUp.createAccount(await opened(email), null, 'Eve', PASSWORD))).toEqual(first);
    expect(await failure(signUp.createAccount(await opened(email), `other${newId()}@newcomer.example`, 'Eve', PASSWORD))).toEqual(first);
    expect(await db.manager.countBy(User, { mail: email })).toBe(0);
  });

  it('refuses every step of a CC invitation: it is for existing accounts only', async () => {
    const email = `cc${newId()}@newcomer.example`;
    const invite = await opened(email, 'manager@newcomer.example');
    const redemptionId = `r-${newId()}`;
    expect(await failure(signUp.sendCode(invite, redemptionId, '198.51.100.2'))).toEqual(CC_ONLY);
    expect(await db.manager.countBy(VerificationCode, { redemptionId })).toBe(0);
    expect(await db.manager.countBy(OutboxMessage, { toAddress: email })).toBe(0);

    // Even with a code obtained through a plain invitation to the same address in this session.
    await signUp.sendCode(await opened(email), redemptionId, '198.51.100.2');
    const code = await mailedCode(email);
    expect(await failure(signUp.verifyCode(invite, redemptionId, code, '198.51.100.2'))).toEqual(CC_ONLY);
    expect(await failure(signUp.createAccount(invite, email, 'Cc', PASSWORD))).toEqual(CC_ONLY);
    expect(await db.manager.countBy(User, { mail: email })).toBe(0);
    // The code was not spent by the refused check.
    await signUp.verifyCode(await opened(email), redemptionId, code, '198.51.100.2');
  });
});
