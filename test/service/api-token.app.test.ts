import { createHmac, createPrivateKey, sign as rsaSign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import type { Actor } from '../../src/directory/actor.js';
import { User } from '../../src/directory/user.entity.js';
import { type Services } from '../../src/services.js';
import { testDatabases } from '../helpers/databases.js';
import { PUBLIC_URL, useApiTokenHarness } from '../helpers/api-token-harness.js';

/** The API token verifier on application tokens and the token itself (its signature, header and times). */
describe.each(testDatabases())('API token verifier on %s', (kind) => {
  const h = useApiTokenHarness(kind);
  const { issuer, sign, userToken, appToken, reason } = h;
  let s: Services;
  let tenantId: string;
  let otherTenantId: string;
  let admin: Actor;
  let app: Application;
  let readOnlyApp: Application;
  let ungrantedApp: Application;
  let member: User;
  beforeAll(() => {
    ({ s, tenantId, otherTenantId, admin, app, readOnlyApp, ungrantedApp, member } = h);
  });

  describe('an application token', () => {
    it('names the application with its roles, acting as itself', async () => {
      expect(await s.apiTokens.verify(await appToken(app))).toEqual({
        tenantId,
        kind: 'application',
        id: app.id,
        displayName: 'Portal',
        roles: ['GuestInviter'],
        scopes: null,
      });
      expect(await s.apiTokens.verify(await appToken(ungrantedApp))).toMatchObject({ id: ungrantedApp.id, roles: [], scopes: null });
    });

    it('must be its own subject', async () => {
      expect(await reason(await appToken(app, { sub: readOnlyApp.appId }))).toBe('the token names no caller');
      expect(await reason(await sign({ sub: app.appId }))).toBe('the token names no caller');
      expect(await reason(await sign({ sub: 'x', client_id: 42 }))).toBe('the token names no caller');
      // A client_id that is not a string names no client, even when the subject repeats it.
      expect(await reason(await sign({ sub: 42 as unknown as string, client_id: 42 }))).toBe('the token names no caller');
    });

    it('stops working once the application is deleted', async () => {
      const gone = (await s.apps.createAsOperator(tenantId, { displayName: 'Short-lived' })).application;
      const token = await appToken(gone);
      expect(await reason(token)).toBe('accepted');
      await s.apps.delete(admin, gone.id);
      expect(await reason(token)).toBe('the application no longer exists');
    });

    it('is refused in another tenant, even when signed by that tenant', async () => {
      expect(await reason(await appToken(app, {}, { tid: otherTenantId }))).toBe('the application no longer exists');
    });
  });

  describe('the token itself', () => {
    it('must be a JWT', async () => {
      expect(await reason('not-a-jwt')).toBe('malformed token');
      expect(await reason('')).toBe('malformed token');
    });

    it('must name an issuer of this gateway, exactly', async () => {
      expect(await reason(await appToken(app, { iss: 42 as unknown as string }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: undefined }))).toBe('unknown issuer');
      // Not a string that happens to read like one (an array's text is its element).
      expect(await reason(await appToken(app, { iss: [issuer()] as unknown as string }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `https://other.example/${tenantId}/v2.0` }))).toBe('unknown issuer');
      // The public URL is matched literally: its dots are not wildcards.
      expect(await reason(await appToken(app, { iss: `https://gwxexample/${tenantId}/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `x${issuer()}` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${issuer()}/x` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}/v2x0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}/v1.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/tenant/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${'g'.repeat(36)}/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId}0/v2.0` }))).toBe('unknown issuer');
      expect(await reason(await appToken(app, { iss: `${PUBLIC_URL}/${tenantId.slice(1)}/v2.0` }))).toBe('unknown issuer');
    });

    it("must be signed with the issuing tenant's key", async () => {
      expect(await reason(await appToken(app, {}, { keyTenant: otherTenantId }))).toBe('invalid signature or token');
      const token = await appToken(app);
      const [header, payload, signature] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'x' })).toString(
        'base64url',
      );
      expect(await reason(`${header}.${forged}.${signature}`)).toBe('invalid signature or token');
    });

    it('names no tenant whose keys do not exist', async () => {
      expect(await reason(await appToken(app, { iss: issuer('0190c0de-0000-7000-8000-000000000000') }))).toBe('invalid signature or token');
    });

    it('must be RS256', async () => {
      expect(await reason(await appToken(app, {}, { alg: 'PS256' }))).toBe('invalid signature or token');
    });

    it('must carry no header parameter beyond alg, kid and typ, even signed with the tenant’s own key', async () => {
      const [jwk] = await s.signingKeys.privateJwks(tenantId);
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const payload = JSON.parse(Buffer.from((await appToken(app)).split('.')[1]!, 'base64url').toString()) as object;
      const signed = (header: Record<string, unknown>) => {
        const input = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: jwk!.kid, ...header })}.${b64(payload)}`;
        return `${input}.${rsaSign('sha256', Buffer.from(input), createPrivateKey({ key: jwk as never, format: 'jwk' })).toString('base64url')}`;
      };
      expect(await reason(signed({}))).toBe('accepted');
      for (const forged of [
        { crit: ['b64'], b64: false },
        { crit: ['exp'] },
        { jku: 'https://evil.example/jwks' },
        { x5u: 'https://evil.example/cert.pem' },
        { jwk: { kty: 'RSA', n: jwk!.n, e: jwk!.e } },
        { alg: 'none' },
        { alg: 'PS256' },
        { kid: 'another' },
      ]) {
        expect(await reason(signed(forged)), JSON.stringify(forged)).toBe('invalid signature or token');
      }
      const [header, body] = signed({}).split('.');
      expect(await reason(`${header}.${body}.`)).toBe('invalid signature or token');
      const hs256 = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: jwk!.kid })}.${body}`;
      const secret = JSON.stringify((await s.signingKeys.verificationJwks(tenantId))[0]);
      expect(await reason(`${hs256}.${createHmac('sha256', secret).update(hs256).digest('base64url')}`)).toBe('invalid signature or token');
    });

    it('must be an access token for the gateway API', async () => {
      expect(await reason(await appToken(app, { aud: 'https://other.example/api' }))).toBe('invalid aud claim');
      expect(await reason(await appToken(app, { aud: app.appId }))).toBe('invalid aud claim');
      expect(await reason(await appToken(app, {}, { typ: 'JWT' }))).toBe('invalid typ claim');
    });

    it('must not have expired', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      expect(await reason(await appToken(app, {}, { iat: past - 600, exp: past }))).toBe('token expired');
      expect(await reason(await userToken(member, app, {}, { iat: past - 600, exp: past }))).toBe('token expired');
    });
  });
});
