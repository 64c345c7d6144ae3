import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { User } from '../../src/directory/user.entity.js';
import type { RedemptionFlow } from '../../src/redemption/redemption-flow.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { sha256Hex } from '../../src/shared/secrets.js';
import { testDatabases } from '../helpers/databases.js';
import type { SignInSource } from '../../src/sign-ins/sign-in-log.service.js';
import { freshIp, PUBLIC_URL, refusal, unique, useServicesHarness } from '../helpers/services-harness.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';

/** Where a redemption comes from: a fresh IP each time, so no budget is shared between tests. */
const source = (): SignInSource => ({ context: { ip: freshIp(), userAgent: 'vitest' }, authMethods: ['pwd'] });

/** From "Accept" to a redeemed invitation (RedemptionFlow): what it reads to decide the step, and carrying the step out. */
describe.each(testDatabases())('RedemptionFlow on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, admin, member, mails } = h;
  let flow: RedemptionFlow;
  let resource: Tenant;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  /** A domain whose people sign in at a partner's provider. */
  let federated: string;
  let partner: Tenant;
  beforeAll(async () => {
    flow = h.s.redemptionFlow;
    resource = await tenant('Resource');
    upstream = await startUpstreamIdp(`${PUBLIC_URL}/federation/callback`);
    partner = await tenant('Partner');
    federated = partner.defaultDomain;
    await h.s.federation.register(admin(partner.id), {
      issuer: upstream.issuer,
      clientId: 'gateway',
      clientSecret: 'upstream-secret',
      domains: [federated],
    });
  });
  afterAll(() => upstream.close());

  /** An invitation of the resource tenant to `email`, opened by its link; with the session's reference to it. */
  async function invited(email: string) {
    const { invitation, inviteRedeemUrl } = await h.s.invitations.invite(admin(resource.id), { email, sendInvitationMessage: false });
    const ticket = new URL(inviteRedeemUrl).searchParams.get('ticket')!;
    const ref = { invitationId: invitation.id, ticketHash: sha256Hex(ticket) };
    return { ref, opened: await flow.resume(ref) };
  }
  /** A home account (a member with a password and a proven address) of a new tenant. */
  async function home(local = 'pat') {
    const user = await member(await tenant('Home'), local);
    await h.db.manager.update(User, { id: user.id }, { emailVerified: true });
    return h.db.manager.findOneByOrFail(User, { id: user.id });
  }
  const stranger = () => `new${unique()}@nobody${unique()}.example`;

  describe('resume', () => {
    it('refuses a session without an invitation or ticket, and a wrong ticket', async () => {
      const { ref, opened } = await invited(stranger());
      expect(opened.tenant.id).toBe(resource.id);
      const again = 'Open the link from your invitation email again.';
      expect(await refusal(flow.resume({ ...ref, invitationId: null }))).toEqual({ code: ErrorCode.INVITATION_INVALID, message: again });
      expect(await refusal(flow.resume({ ...ref, ticketHash: null }))).toEqual({ code: ErrorCode.INVITATION_INVALID, message: again });
      expect((await refusal(flow.resume({ ...ref, ticketHash: sha256Hex('wrong') }))).code).toBe(ErrorCode.INVITATION_INVALID);
    });
  });

  describe('nextStep', () => {
    it('not signed in: sign in with an account of the address, else prove it with a code', async () => {
      const pat = await home();
      expect((await flow.nextStep((await invited(pat.mail)).opened, null)).kind).toBe('signIn');
      expect((await flow.nextStep((await invited(stranger())).opened, null)).kind).toBe('sendCode');
    });

    it('signed in: finish as the invited address, offer a switch for another one', async () => {
      const pat = await home();
      const { opened } = await invited(pat.mail);
      expect(await flow.nextStep(opened, pat)).toEqual({ kind: 'finish', home: pat });
      const other = await home('kim');
      expect(await flow.nextStep(opened, other)).toEqual({ kind: 'switchAccount', current: other.mail });
    });

    it('a disabled account, or a federated sign-in grown stale, counts as not signed in; unless just made for this', async () => {
      const pat = await home();
      const { opened } = await invited(pat.mail);
      const disabled = { ...pat, accountEnabled: false } as User;
      expect((await flow.nextStep(opened, disabled)).kind).toBe('signIn');
      expect((await flow.nextStep(opened, disabled, { justSignedIn: true })).kind).toBe('finish');
      const stale = {
        ...pat,
        upstreamIssuer: upstream.issuer,
        upstreamAuthenticatedAt: new Date(h.clock.now().getTime() - 3600_000 * 24),
      } as User;
      expect((await flow.nextStep(opened, stale)).kind).toBe('signIn');
      const fresh = { ...stale, upstreamAuthenticatedAt: h.clock.now() } as User;
      expect((await flow.nextStep(opened, fresh)).kind).toBe('finish');
      // Made for this redemption: finish even as another address (the redemption then refuses it).
      expect((await flow.nextStep(opened, await home('kim'), { justSignedIn: true })).kind).toBe('finish');
    });

    it('a federated domain signs in at its provider, even when a gateway account has the address', async () => {
      const { mail } = await member(partner, 'pat');
      const { opened } = await invited(mail);
      expect(await flow.nextStep(opened, null)).toMatchObject({ kind: 'federate', upstream: { issuer: upstream.issuer } });
    });
  });

  describe('accept', () => {
    it('finish: redeems for the signed-in owner of the address and says where to go', async () => {
      const pat = await home();
      const { opened } = await invited(pat.mail);
      expect(await flow.accept(opened, pat.id, 'r1', source())).toEqual({
        kind: 'redeemed',
        target: `${PUBLIC_URL}/${resource.id}/myapps`,
      });
      expect((await refusal(flow.accept(opened, pat.id, 'r1', source()))).code).toBe(ErrorCode.INVITATION_INVALID);
    });

    it('switchAccount, signIn (an unknown signed-in id is no one), and a code for a new address', async () => {
      const pat = await home();
      const kim = await home('kim');
      const { opened } = await invited(pat.mail);
      expect(await flow.accept(opened, kim.id, 'r2', source())).toEqual({ kind: 'switchAccount', current: kim.mail, email: pat.mail });
      expect(await flow.accept(opened, 'no-such-user', 'r2', source())).toEqual({ kind: 'signIn', email: pat.mail });
      expect(await flow.accept(opened, null, 'r2', source())).toEqual({ kind: 'signIn', email: pat.mail });
      const email = stranger();
      const fresh = await invited(email);
      expect(await flow.accept(fresh.opened, null, `r${unique()}`, source())).toEqual({ kind: 'codeSent', email });
      expect((await mails(email))[0]!.text).toMatch(/^\d{6}$/m);
    });

    it('federate: the provider’s authorization URL with the address as login hint, and the sealed state', async () => {
      const email = `pat${unique()}@${federated}`;
      const { opened } = await invited(email);
      const outcome = await flow.accept(opened, null, 'r3', source());
      expect(outcome.kind).toBe('federate');
      const { url, sealed } = outcome as { url: string; sealed: string };
      expect(url.startsWith(`${upstream.issuer}/`)).toBe(true);
      expect(new URL(url).searchParams.get('login_hint')).toBe(email);
      expect(h.s.federation.openPending(sealed)).toMatchObject({ purpose: 'redeem', returnTo: null, uid: null });
    });
  });

  describe('afterFederation', () => {
    it('redeems for the member who just signed in, refuses another address and a dead session', async () => {
      const pat = await home();
      const { ref } = await invited(pat.mail);
      const kim = await home('kim');
      expect((await refusal(flow.afterFederation(ref, kim, source()))).code).toBe(ErrorCode.WRONG_ACCOUNT);
      expect(await flow.afterFederation(ref, { ...pat, accountEnabled: false } as User, source())).toBe(
        `${PUBLIC_URL}/${resource.id}/myapps`,
      );
      expect((await refusal(flow.afterFederation(ref, pat, source()))).code).toBe(ErrorCode.INVITATION_INVALID);
      expect((await refusal(flow.afterFederation({ invitationId: null, ticketHash: null }, pat, source()))).code).toBe(
        ErrorCode.INVITATION_INVALID,
      );
    });
  });
});
