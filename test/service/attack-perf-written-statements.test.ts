import { describe, expect, it } from 'vitest';
import { createAdapterClass } from '../../src/oidc/adapter.js';
import { adjustPending, type PendingDelta } from '../../src/partners/partner-pending.js';
import { PartnerRow } from '../../src/partners/partner.entity.js';
import { domainPartnerId } from '../../src/shared/partner-key.js';
import { testDatabases } from '../helpers/databases.js';
import { unique, useServicesHarness } from '../helpers/services-harness.js';

const DAY = 86_400_000;

/**
 * Statements written by hand in the performance work, attacked where their tests did not look: every
 * write of the OIDC adapter names the tenant (another tenant's provider holding the same artefact id
 * can neither consume, destroy nor revoke it, nor find it by uid or user code), and the one pending
 * UPDATE for all partners of a settlement keeps two tenants' rows of the same partner apart.
 */
describe.each(testDatabases())('attack: hand-written statements on %s', (kind) => {
  const h = useServicesHarness(kind);

  it("another tenant's provider neither finds, consumes, destroys nor revokes an artefact of the same id", async () => {
    const [mine, theirs] = [(await h.tenant('Mine')).id, (await h.tenant('Theirs')).id];
    const adapter = (tenantId: string, model: string) =>
      new (createAdapterClass({ db: h.db, clock: h.clock, tenantId, findClient: async () => undefined }))(model);
    const id = `rt-${unique()}`;
    const payload = { accountId: 'u1', grantId: `g-${id}`, uid: `uid-${id}`, userCode: `UC-${id}`, kind: 'RefreshToken' };
    await adapter(mine, 'RefreshToken').upsert(id, payload, 3600);
    const stranger = adapter(theirs, 'RefreshToken');
    expect(await stranger.find(id)).toBeUndefined();
    expect(await stranger.findByUid(payload.uid)).toBeUndefined();
    expect(await stranger.findByUserCode(payload.userCode)).toBeUndefined();
    // Nothing of theirs to claim: refused as a used token, and no grant of ours is touched.
    await expect(stranger.consume(id)).rejects.toMatchObject({ error: 'invalid_grant' });
    await stranger.destroy(id);
    await stranger.revokeByGrantId(payload.grantId);
    const own = adapter(mine, 'RefreshToken');
    const found = await own.find(id);
    expect(found).toMatchObject({ accountId: 'u1', grantId: payload.grantId });
    expect(found?.consumed).toBeUndefined();
    // Another model of the same tenant is another artefact too.
    await adapter(mine, 'AccessToken').destroy(id);
    expect(await own.find(id)).toMatchObject({ accountId: 'u1' });
  });

  it("one UPDATE for partners of two tenants with the same id counts each tenant's own delta", async () => {
    const [mine, theirs] = [(await h.tenant('Mine')).id, (await h.tenant('Theirs')).id];
    const id = domainPartnerId(`same${unique()}.example`);
    const now = h.clock.now();
    for (const tenantId of [mine, theirs]) {
      await h.db.manager.insert(PartnerRow, {
        tenantId,
        id,
        partnerTenantId: null,
        domain: 'same.example',
        guestCount: 1,
        lastSignInAt: null,
        pendingCount: 10,
        pendingSweptUntil: now,
      });
    }
    // More instants than one statement takes (200), so that a partner's terms span two statements;
    // one instant already swept (before pendingSweptUntil) must count nothing.
    const many: PendingDelta = new Map(Array.from({ length: 250 }, (_, i) => [now.getTime() + (i + 1) * DAY, 1]));
    const few: PendingDelta = new Map([
      [now.getTime() + DAY, -3],
      [now.getTime() - DAY, -5],
    ]);
    await h.db.transaction((em) =>
      adjustPending(em, [
        { tenantId: mine, id, pending: many },
        { tenantId: theirs, id, pending: few },
      ]),
    );
    const count = async (tenantId: string) => (await h.db.manager.findOneByOrFail(PartnerRow, { tenantId, id })).pendingCount;
    expect([await count(mine), await count(theirs)]).toEqual([260, 7]);
    await h.db.transaction((em) => adjustPending(em, []));
    expect([await count(mine), await count(theirs)]).toEqual([260, 7]);
  });
});
