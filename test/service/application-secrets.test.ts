import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { refusal, useServicesHarness } from '../helpers/services-harness.js';

const DAY = 86_400_000;

/** An application's client secrets (ApplicationSecretService): issued, bounded, verified, removed. */
describe.each(testDatabases())('application secrets on %s', (kind) => {
  const h = useServicesHarness(kind);
  const secrets = () => h.s.appSecrets;

  async function app(tenant?: Tenant) {
    const t = tenant ?? (await h.tenant('Secrets'));
    const { application, clientSecret } = await h.s.apps.createAsOperator(t.id, { displayName: 'Payroll' });
    return { t, application, clientSecret, actor: h.admin(t.id) };
  }

  it('names, dates and bounds a new secret; shows its value once and audits only its hint', async () => {
    const { t, application, actor } = await app();
    const now = h.clock.now().getTime();
    const first = await secrets().add(actor, application.id, { displayName: '  ' });
    expect(first.secret).toMatchObject({ displayName: 'Client secret', hint: first.secretText.slice(0, 3) });
    expect(first.secret.expiresAt!.getTime()).toBe(now + 180 * DAY);
    const named = await secrets().add(actor, application.id, { displayName: ` ${'n'.repeat(256)} `, expiresAt: new Date(now + 1) });
    expect(named.secret.displayName).toBe('n'.repeat(256));
    await secrets().add(actor, application.id, { expiresAt: new Date(now + 2 * 365 * DAY) });

    expect(await refusal(secrets().add(actor, application.id, { displayName: 'n'.repeat(257) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'displayName' },
    });
    for (const at of [now, now - DAY, now + 2 * 365 * DAY + 1]) {
      expect(await refusal(secrets().add(actor, application.id, { expiresAt: new Date(at) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'expiresAt' },
      });
    }
    const [audit] = await h.audits(t.id, 'Update application – Certificates and secrets management');
    expect(audit!.details).toMatchObject({
      operation: 'add',
      secretId: first.secret.id,
      displayName: 'Client secret',
      hint: first.secret.hint,
    });
    expect(JSON.stringify(audit!.details)).not.toContain(first.secretText);
  });

  it('holds at most ten secrets per app, and lets only an application manager add or remove one', async () => {
    const { t, application, actor } = await app();
    for (let i = 1; i < 10; i++) await secrets().add(actor, application.id, {});
    expect(await refusal(secrets().add(actor, application.id, {}))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const reader = h.admin(t.id, []);
    expect((await refusal(secrets().add(reader, application.id, {}))).code).toBe('FORBIDDEN');
    const [oldest] = (await secrets().listForApplications(actor, [application])).get(application.id)!;
    expect((await refusal(secrets().remove(reader, application.id, oldest!.id))).code).toBe('FORBIDDEN');
    await secrets().remove(actor, application.id, oldest!.id);
    await secrets().add(actor, application.id, {});
  });

  it('verifies a live secret of the client only: not a wrong, expired or removed one, nor in another tenant', async () => {
    const { t, application, clientSecret, actor } = await app();
    const other = await app();
    const added = await secrets().add(actor, application.id, { expiresAt: new Date(h.clock.now().getTime() + DAY) });
    const verify = (secret: string, tenantId = t.id, clientId = application.appId) => secrets().verify(tenantId, clientId, secret);
    expect([await verify(clientSecret), await verify(added.secretText)]).toEqual([true, true]);
    expect([await verify(`${clientSecret}x`), await verify(other.clientSecret), await verify(clientSecret, other.t.id)]).toEqual([
      false,
      false,
      false,
    ]);
    expect([await verify(clientSecret, t.id, 'no-such-app'), await verify(clientSecret, t.id, `${application.appId}\0`)]).toEqual([
      false,
      false,
    ]);

    h.advance(DAY + 1);
    expect([await verify(added.secretText), await verify(clientSecret)]).toEqual([false, true]);
    expect(await secrets().oldestLiveSecret(application)).toBe(clientSecret);
    const [original] = (await secrets().listForApplications(actor, [application])).get(application.id)!;
    await secrets().remove(actor, application.id, original!.id);
    expect(await verify(clientSecret)).toBe(false);
    expect(await secrets().oldestLiveSecret(application)).toBeNull();
    // Removing it again, or through another app, finds nothing.
    expect((await refusal(secrets().remove(actor, application.id, original!.id))).code).toBe('NOT_FOUND');
    const [others] = (await secrets().listForApplications(other.actor, [other.application])).get(other.application.id)!;
    expect((await refusal(secrets().remove(actor, application.id, others!.id))).code).toBe('NOT_FOUND');
  });

  it('lists the secrets of the caller’s tenant’s apps oldest first, none of another tenant’s', async () => {
    const { application, actor } = await app();
    const other = await app();
    h.advance(1000);
    const later = await secrets().add(actor, application.id, { displayName: 'Later' });
    const listed = await secrets().listForApplications(actor, [application, other.application]);
    expect(listed.get(application.id)!.map((s) => s.displayName)).toEqual(['Client secret', 'Later']);
    expect(listed.get(application.id)![1]!.id).toBe(later.secret.id);
    expect(listed.get(other.application.id)).toEqual([]);
    expect((await secrets().listForApplications(actor, [other.application])).get(other.application.id)).toEqual([]);
  });
});
