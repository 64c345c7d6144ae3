import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storageId } from '../../src/oidc/adapter.js';
import { finishInteraction } from '../../src/oidc/finish-interaction.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GRANT_REDIRECT, type GrantTarget, grantTarget } from '../helpers/oidc-grants.js';
import { TestClock } from '../helpers/test-clock.js';
import { WebClient } from '../helpers/web-client.js';

type Finisher = (provider: Provider, req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** What a browser and the database see once an interaction is finished, its uid written `<uid>`. */
interface Finished {
  /** How long the interaction lived when started (its configured TTL), in seconds. */
  lifetimeS: number;
  /** Where the interaction said the browser goes back to. */
  returnTo: string;
  status: number;
  location: string;
  contentLength: string | null;
  body: string;
  /** The headers the finisher set itself (Node would add a missing Content-Length: 0 on the wire). */
  headersSet: Record<string, unknown>;
  /** The stored interaction's fields that changed, its expiry as seconds after the (frozen) moment it was finished. */
  stored: Record<string, unknown>;
  /** The row's own expiry (what the adapter's reads check), in ms after that moment. */
  rowExpiresInMs: number;
}

/** How long after the interaction started it is finished (a moment close to now): time stands still meanwhile. */
const AFTER_S = 1;
const LAST_SUBMISSION = { login: { accountId: 'earlier-account', amr: ['pwd'], remember: true }, consent: { grantId: 'earlier-grant' } };
const RESULTS: Record<string, InteractionResults> = {
  consent: { consent: { grantId: 'new-grant' } },
  error: { error: 'access_denied', error_description: 'The user has no access to this application' },
};

/**
 * `finishInteraction` (src/oidc/finish-interaction.ts) re-implements oidc-provider's
 * `interactionFinished` without loading the interaction again. Each case finishes one interaction with
 * the provider's own method and an identical one with ours: the same stored interaction (result, with
 * or without the last submission merged), the same expiry, the same 303 back to the provider. Fails
 * when either drifts, e.g. after an upgrade of oidc-provider.
 */
describe.each(testDatabases())('finishInteraction against the provider’s interactionFinished on %s', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock });
  let target: GrantTarget;
  let provider: Provider;
  let authorizationEndpoint: string;
  let server: http.Server;
  let finisher: Finisher;
  let frozenMs = 0;
  let headersSet: Record<string, unknown> = {};

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'Finish');
    provider = (await suite.t.gateway.providers.get(target.tenantId))!;
    const discovery = await fetch(`${target.issuer}/.well-known/openid-configuration`);
    authorizationEndpoint = String(((await discovery.json()) as Record<string, unknown>).authorization_endpoint);
    // A request of the browser's, with its interaction cookies, finished by `finisher` with time frozen.
    server = http.createServer((req, res) => {
      const now = vi.spyOn(Date, 'now').mockReturnValue(frozenMs);
      finisher(provider, req, res)
        .then(() => {
          headersSet = { ...res.getHeaders(), ended: res.writableEnded };
        })
        .catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        })
        .finally(() => now.mockRestore());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A new browser's interaction (the login prompt) with `LAST_SUBMISSION` stored, and its cookies. */
  async function interaction(): Promise<{ uid: string; cookie: string }> {
    const web = new WebClient();
    const url = new URL(authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: target.clientId,
      response_type: 'code',
      redirect_uri: GRANT_REDIRECT,
      scope: 'openid',
      state: 'same-state',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const started = await web.get(url.href);
    const uid = /\/interaction\/([^/?]+)$/.exec(started.location ?? '')?.[1];
    if (!uid) throw new Error(`no interaction: ${started.status} ${started.location}`);
    const stored = (await provider.Interaction.find(uid))!;
    stored.lastSubmission = structuredClone(LAST_SUBMISSION);
    await stored.persist();
    const cookie = Object.entries(web.cookies())
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    return { uid, cookie };
  }

  const storedRow = (uid: string) =>
    suite.t.gateway.db.manager.findOneByOrFail(OidcPayload, { model: 'Interaction', id: storageId(uid), tenantId: target.tenantId });

  async function finish(finisherOf: Finisher): Promise<Finished> {
    const { uid, cookie } = await interaction();
    const before = JSON.parse((await storedRow(uid)).payload) as Record<string, unknown> & { exp: number; iat: number; returnTo: string };
    finisher = finisherOf;
    headersSet = {};
    frozenMs = (before.iat + AFTER_S) * 1000 + 500;
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/interaction/${uid}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    const body = await response.text();
    const row = await storedRow(uid);
    const after = JSON.parse(row.payload) as Record<string, unknown>;
    // Each field as stored, or `<as before>` (ids and times differ from one interaction to the next).
    const stored = Object.fromEntries(
      [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) => [
        key,
        JSON.stringify(after[key]) === JSON.stringify(before[key]) ? '<as before>' : after[key],
      ]),
    );
    const withoutUid = (value: string) => value.replaceAll(uid, '<uid>');
    return {
      lifetimeS: before.exp - before.iat,
      returnTo: withoutUid(before.returnTo),
      status: response.status,
      location: withoutUid(response.headers.get('location') ?? ''),
      contentLength: response.headers.get('content-length'),
      body,
      headersSet: { ...headersSet, location: withoutUid(String(headersSet.location)) },
      stored: { ...stored, exp: Number(after.exp) - Math.floor(frozenMs / 1000) },
      rowExpiresInMs: row.expiresAt!.getTime() - frozenMs,
    };
  }

  describe.each([true, false])('mergeWithLastSubmission %s', (mergeWithLastSubmission) => {
    it.each(Object.keys(RESULTS))('%s result: the same stored interaction, expiry and redirect', async (name) => {
      const result = RESULTS[name]!;
      const theirs = await finish((p, req, res) => p.interactionFinished(req, res, structuredClone(result), { mergeWithLastSubmission }));
      const ours = await finish(async (p, req, res) => {
        const details = await p.interactionDetails(req, res);
        await finishInteraction(details, res, structuredClone(result), { mergeWithLastSubmission });
      });

      // The provider's own answer, so that the comparison below compares something.
      const merged = mergeWithLastSubmission && name !== 'error';
      expect(theirs.stored.result).toEqual(merged ? { ...LAST_SUBMISSION, ...result } : result);
      const ttl = theirs.lifetimeS - AFTER_S; // what was left of its life: the interaction expires when it would have
      expect(theirs.stored.exp).toBe(ttl);
      expect(theirs).toMatchObject({ status: 303, contentLength: '0', body: '', rowExpiresInMs: ttl * 1000 });
      expect(theirs.headersSet).toEqual({ location: theirs.returnTo, 'content-length': '0', ended: true });
      expect(theirs.location).toBe(theirs.returnTo);
      expect(theirs.returnTo).toContain('<uid>');

      expect(ours).toEqual(theirs);
    });
  });
});
