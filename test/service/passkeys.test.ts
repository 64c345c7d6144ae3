import { describe, expect, it } from 'vitest';
import { MfaMethod, MfaMethodKind } from '../../src/mfa/mfa-method.entity.js';
import { CEREMONY_TTL_MS } from '../../src/mfa/ceremony.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { failure } from '../helpers/accounts-harness.js';
import { testDatabases } from '../helpers/databases.js';
import { raceAgainstHeldRow } from '../helpers/held-row.js';
import { PUBLIC_URL, usePasskeyHarness } from '../helpers/passkey-harness.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';

const FAILED = ErrorCode.PASSKEY_FAILED;

/** The WebAuthn ceremony rules of PasskeyService with real registration and assertion responses. */
describe.each(testDatabases())('passkeys on %s', (kind) => {
  const { h, advance, person, browserOf, enrolled, stepUp, auditOf } = usePasskeyHarness(kind);

  it('registers a passkey for the signed-in person, then signs a pending sign-in in with it (hwk, swk when synced)', async () => {
    const { home, browser } = await person();
    const key = new SoftAuthenticator(PUBLIC_URL);
    const options = await h.passkeys.registrationOptions(browser);
    expect(options.rp).toEqual({ id: 'gateway.example', name: 'b2b-gateway' });
    expect(options.user.name).toBe(home.mail);
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(home.id);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'preferred', userVerification: 'preferred' });
    const { method: stored, recoveryCodes } = await h.passkeys.register(browser, key.register(options), '  YubiKey  ');
    // The account's first method: its recovery codes, this once.
    expect(recoveryCodes).toHaveLength(10);
    expect(stored).toMatchObject({ userId: home.id, credentialId: key.id, label: 'YubiKey', backedUp: false, transports: 'internal' });
    expect(browser.session.mfaChallenge).toBeNull();
    expect((await auditOf(home)).map((e) => e.action)).toEqual([AuditAction.RegisterSecurityInfo]);

    // Another method needs the second factor in this browser first; then the first key is excluded.
    expect((await failure(h.passkeys.registrationOptions(browser))).code).toBe(ErrorCode.MFA_REQUIRED);
    await stepUp(browser);
    expect((await h.passkeys.registrationOptions(browser)).excludeCredentials).toEqual([
      { id: key.id, type: 'public-key', transports: ['internal'] },
    ]);

    const pending = await browserOf(home, { pending: true });
    const request = await h.passkeys.authenticationOptions(pending);
    expect(request.allowCredentials).toEqual([{ id: key.id, type: 'public-key', transports: ['internal'] }]);
    expect(await h.passkeys.authenticate(pending, key.authenticate(request))).toBe('hwk');
    expect((await h.db.manager.findOneByOrFail(MfaMethod, { id: stored.id })).lastUsedAt).not.toBeNull();

    const synced = await enrolled({ backedUp: true });
    const again = await browserOf(synced.home, { pending: true });
    expect(await h.passkeys.authenticate(again, synced.key.authenticate(await h.passkeys.authenticationOptions(again)))).toBe('swk');
  });

  it('refuses a response made for another origin or another RP id', async () => {
    const { browser } = await person();
    const key = new SoftAuthenticator(PUBLIC_URL);
    for (const overrides of [{ origin: 'https://evil.example' }, { origin: 'http://gateway.example' }, { rpId: 'evil.example' }]) {
      const response = key.register(await h.passkeys.registrationOptions(browser), overrides);
      expect((await failure(h.passkeys.register(browser, response, ''))).code).toBe(FAILED);
    }
    const { browser: signedIn, key: own } = await enrolled();
    for (const overrides of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }]) {
      const response = own.authenticate(await h.passkeys.authenticationOptions(signedIn), overrides);
      expect((await failure(h.passkeys.authenticate(signedIn, response))).code).toBe(FAILED);
    }
    expect(await h.db.manager.countBy(MfaMethod, { credentialId: key.id })).toBe(0);
  });

  it('uses a challenge once, whatever the outcome', async () => {
    const { browser, key } = await enrolled();
    const request = await h.passkeys.authenticationOptions(browser);
    const response = key.authenticate(request);
    expect(await h.passkeys.authenticate(browser, response)).toBe('hwk');
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(request)))).code).toBe(FAILED);

    // A refused attempt spends the challenge too: no second guess with it.
    const next = await h.passkeys.authenticationOptions(browser);
    await failure(h.passkeys.authenticate(browser, key.authenticate(next, { origin: 'https://evil.example' })));
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(next)))).code).toBe(FAILED);

    const fresh = new SoftAuthenticator(PUBLIC_URL);
    const options = await h.passkeys.registrationOptions(browser);
    await h.passkeys.register(browser, fresh.register(options), '');
    expect((await failure(h.passkeys.register(browser, new SoftAuthenticator(PUBLIC_URL).register(options), ''))).code).toBe(FAILED);
  });

  it('lets one of two racing requests with the same answer through', async () => {
    const { browser, key } = await enrolled();
    const response = key.authenticate(await h.passkeys.authenticationOptions(browser));
    // Two requests of the same browser, each with the session as it loaded it.
    const [a, b] = [(await h.sessions.find(browser.value))!, (await h.sessions.find(browser.value))!];
    const outcomes = await Promise.allSettled([h.passkeys.authenticate(a, response), h.passkeys.authenticate(b, response)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);

    // One key, two people registering it at once: one gets it, the other a refusal (not a 500).
    const shared = new SoftAuthenticator(PUBLIC_URL);
    const [first, second] = [await person(), await person()];
    const answers = [
      shared.register(await h.passkeys.registrationOptions(first.browser)),
      shared.register(await h.passkeys.registrationOptions(second.browser)),
    ];
    const registered = await Promise.allSettled([
      h.passkeys.register(first.browser, answers[0], ''),
      h.passkeys.register(second.browser, answers[1], ''),
    ]);
    expect(registered.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = registered.find((o) => o.status === 'rejected')!;
    expect(((refused as PromiseRejectedResult).reason as { code: string }).code).toBe(FAILED);
    expect(await h.db.manager.countBy(MfaMethod, { credentialId: shared.id })).toBe(1);
  });

  // Certain on PostgreSQL: the other registration's row is uncommitted when this one looks, so its insert meets the index.
  it.runIf(kind === 'postgres')('refuses a registration whose insert meets a concurrent one of the key, writing nothing', async () => {
    const shared = new SoftAuthenticator(PUBLIC_URL);
    const [first, second] = [await person(), await person()];
    const answer = shared.register(await h.passkeys.registrationOptions(second.browser));
    const now = new Date();
    const held: MfaMethod = {
      ...{ id: newId(), userId: first.home.id, kind: MfaMethodKind.Passkey, label: 'Held', credentialId: shared.id },
      ...{ totpSecret: null, totpLastStep: null, publicKey: 'x', signCount: 0, transports: null, backedUp: false },
      ...{ confirmedAt: now, createdAt: now, lastUsedAt: null },
    };
    const outcome = await raceAgainstHeldRow(
      h.db,
      (em) => em.insert(MfaMethod, held),
      () => h.passkeys.register(second.browser, answer, ''),
    );
    expect(outcome).toMatchObject({ status: 'rejected', reason: { code: FAILED, message: 'This passkey is registered already.' } });
    expect(await h.db.manager.findBy(MfaMethod, { userId: second.home.id })).toEqual([]);
    expect(await auditOf(second.home)).toEqual([]);
  });

  it('refuses a challenge after five minutes', async () => {
    const { browser, key } = await enrolled();
    const late = await h.passkeys.authenticationOptions(browser);
    advance(CEREMONY_TTL_MS);
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(late)))).code).toBe(FAILED);
    const inTime = await h.passkeys.authenticationOptions(browser);
    advance(CEREMONY_TTL_MS - 1000);
    expect(await h.passkeys.authenticate(browser, key.authenticate(inTime))).toBe('hwk');
  });

  it('refuses a challenge of another browser session, or of the other ceremony', async () => {
    const { home, browser, key } = await enrolled();
    const other = await browserOf(home);
    const theirs = await h.passkeys.authenticationOptions(other);
    await h.passkeys.authenticationOptions(browser);
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(theirs)))).code).toBe(FAILED);
    // A browser that asked for nothing has no challenge to meet.
    const idle = await browserOf(home);
    expect((await failure(h.passkeys.authenticate(idle, key.authenticate(theirs)))).code).toBe(FAILED);
    // Nor one issued for another person, should the session change hands in between.
    const bob = await enrolled();
    const forAlice = await h.passkeys.authenticationOptions(browser);
    await h.sessions.update(browser, { userId: bob.home.id });
    expect((await failure(h.passkeys.authenticate(browser, bob.key.authenticate(forAlice)))).code).toBe(FAILED);
    await h.sessions.update(browser, { userId: home.id });
    // A registration challenge does not sign in.
    const registration = await h.passkeys.registrationOptions(browser);
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(registration)))).code).toBe(FAILED);
  });

  it('refuses a signature counter that does not grow (a cloned key), audited', async () => {
    const { home, browser, key } = await enrolled({ counter: 10 });
    expect(await h.passkeys.authenticate(browser, key.authenticate(await h.passkeys.authenticationOptions(browser)))).toBe('hwk');
    const method = await h.db.manager.findOneByOrFail(MfaMethod, { credentialId: key.id });
    expect(method.signCount).toBe(11);
    key.counter = 11;
    expect((await failure(h.passkeys.authenticate(browser, key.authenticate(await h.passkeys.authenticationOptions(browser))))).code).toBe(
      FAILED,
    );
    key.counter = 3;
    await failure(h.passkeys.authenticate(browser, key.authenticate(await h.passkeys.authenticationOptions(browser))));
    const refusals = (await auditOf(home)).filter((e) => e.action === AuditAction.PasskeyCounterRegressed);
    expect(refusals.map((e) => e.details)).toEqual([
      { credentialId: key.id, storedCounter: 11, presentedCounter: 11 },
      { credentialId: key.id, storedCounter: 11, presentedCounter: 3 },
    ]);
    expect((await h.db.manager.findOneByOrFail(MfaMethod, { id: method.id })).signCount).toBe(11);
  });

  it("refuses another person's passkey, and offers only the person's own", async () => {
    const mallory = await enrolled();
    const { home, browser } = await person({ pending: true });
    expect((await failure(h.passkeys.authenticationOptions(browser))).code).toBe(FAILED);
    const alice = await enrolled();
    const pending = await browserOf(alice.home, { pending: true });
    const request = await h.passkeys.authenticationOptions(pending);
    expect(request.allowCredentials?.map((c) => c.id)).toEqual([alice.key.id]);
    expect((await failure(h.passkeys.authenticate(pending, mallory.key.authenticate(request)))).code).toBe(FAILED);
    // Nor may anyone register a key already registered to someone else.
    const copy = Object.assign(new SoftAuthenticator(PUBLIC_URL), { credentialId: mallory.key.credentialId });
    const { browser: signedIn } = await person();
    const response = copy.register(await h.passkeys.registrationOptions(signedIn));
    expect((await failure(h.passkeys.register(signedIn, response, ''))).code).toBe(FAILED);
    expect(home.id).not.toBe(alice.home.id);
  });

  it('needs a signed-in person to register, and a signed-in or pending one to sign in; malformed answers are refused', async () => {
    const { browser: pending } = await person({ pending: true });
    expect((await failure(h.passkeys.registrationOptions(pending))).code).toBe(ErrorCode.FORBIDDEN);
    const anonymous = await h.sessions.create();
    expect((await failure(h.passkeys.authenticationOptions(anonymous))).code).toBe(ErrorCode.FORBIDDEN);
    const { browser } = await person();
    for (const junk of [null, 'x', {}, { id: 'x', response: {} }, [1, 2]]) {
      await h.passkeys.registrationOptions(browser);
      expect((await failure(h.passkeys.register(browser, junk, ''))).code).toBe(FAILED);
    }
    const { browser: signedIn } = await enrolled();
    for (const junk of [null, {}, { id: 42 }]) {
      await h.passkeys.authenticationOptions(signedIn);
      expect((await failure(h.passkeys.authenticate(signedIn, junk))).code).toBe(FAILED);
    }
  });
});
