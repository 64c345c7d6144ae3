import { describe, expect, it } from 'vitest';
import { MfaMethod } from '../../src/mfa/mfa-method.entity.js';
import { MAX_CREDENTIAL_ID_LENGTH } from '../../src/mfa/passkey-credential.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { failure } from '../helpers/accounts-harness.js';
import { testDatabases } from '../helpers/databases.js';
import { PUBLIC_URL, usePasskeyHarness } from '../helpers/passkey-harness.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';

/**
 * An outside attack: a registration response is the browser's to write, and the credential id's
 * length (authenticator data) and the transports list were stored as sent, so an id over 512
 * characters or a long transports list was a server error on PostgreSQL. WebAuthn's longest id
 * (1023 bytes) is stored; a longer one is PASSKEY_FAILED; transports keep only WebAuthn's names.
 */
describe.each(testDatabases())('passkey registration fields on %s', (kind) => {
  const { h, person, browserOf } = usePasskeyHarness(kind);

  it('stores a credential id of 1023 bytes and signs in with it; refuses 1024 bytes as PASSKEY_FAILED', async () => {
    const { home, browser } = await person();
    const longest = new SoftAuthenticator(PUBLIC_URL, false, 1023);
    expect(longest.id.length).toBeLessThanOrEqual(MAX_CREDENTIAL_ID_LENGTH);
    const { method } = await h.passkeys.register(browser, longest.register(await h.passkeys.registrationOptions(browser)), 'Long id');
    expect((await h.db.manager.findOneByOrFail(MfaMethod, { id: method.id })).credentialId).toBe(longest.id);
    const pending = await browserOf(home, { pending: true });
    expect(await h.passkeys.authenticate(pending, longest.authenticate(await h.passkeys.authenticationOptions(pending)))).toBe('hwk');

    const other = await person();
    const tooLong = new SoftAuthenticator(PUBLIC_URL, false, 1024);
    const refused = await failure(
      h.passkeys.register(other.browser, tooLong.register(await h.passkeys.registrationOptions(other.browser)), ''),
    );
    expect(refused.code).toBe(ErrorCode.PASSKEY_FAILED);
    expect(refused.message).toContain('longer than WebAuthn allows');
    expect(await h.db.manager.countBy(MfaMethod, { userId: other.home.id })).toBe(0);
  });

  it('keeps only the transports WebAuthn names, each once, whatever the browser lists', async () => {
    const { browser } = await person();
    const key = new SoftAuthenticator(PUBLIC_URL);
    const response = key.register(await h.passkeys.registrationOptions(browser));
    const junk = Array.from({ length: 40 }, (_, i) => `made-up-transport-${i}`);
    response.response.transports = ['usb', ...junk, 'nfc', 'usb', 'hybrid'];
    const { method } = await h.passkeys.register(browser, response, '');
    expect((await h.db.manager.findOneByOrFail(MfaMethod, { id: method.id })).transports).toBe('usb,nfc,hybrid');

    const none = await person();
    const bare = new SoftAuthenticator(PUBLIC_URL).register(await h.passkeys.registrationOptions(none.browser));
    bare.response.transports = junk;
    const { method: plain } = await h.passkeys.register(none.browser, bare, '');
    expect((await h.db.manager.findOneByOrFail(MfaMethod, { id: plain.id })).transports).toBeNull();
  });
});
