import { describe, expect, it } from 'vitest';
import { TermsAcceptance } from '../../src/policies/security-policy.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { raceAgainstHeldRow } from '../helpers/held-row.js';
import { useServicesHarness } from '../helpers/services-harness.js';

/**
 * Accepting one version of the terms twice (two tabs posting at once; SecurityPolicyService.acceptTerms):
 * the unique (tenantId, userId, version) index keeps one acceptance, and the second post is answered
 * as done, not with a server error. acceptTerms does not look first, so the second call meets the index.
 */
describe.each(testDatabases())('terms accepted twice on %s', (kind) => {
  const h = useServicesHarness(kind);
  const acceptances = (userId: string) => h.db.manager.findBy(TermsAcceptance, { userId });

  it('records the acceptance once and audits it once, the second accept answered as done', async () => {
    const t = await h.tenant();
    const anna = await h.member(t);
    await h.s.policies.acceptTerms(anna, 'v1', 'en');
    await expect(h.s.policies.acceptTerms(anna, 'v1', 'de')).resolves.toBeUndefined();
    expect((await acceptances(anna.id)).map((a) => [a.version, a.language])).toEqual([['v1', 'en']]);
    expect(await h.audits(t.id, AuditAction.AcceptTermsOfUse)).toHaveLength(1);
  });

  it.runIf(kind === 'postgres')('the post whose insert came second, while the first was uncommitted, is answered as done', async () => {
    const t = await h.tenant();
    const anna = await h.member(t);
    const held = `INSERT INTO "terms_acceptance" ("id", "tenantId", "userId", "version", "language", "acceptedAt") VALUES ($1, $2, $3, 'v2', 'en', now())`;
    const outcome = await raceAgainstHeldRow(
      h.db,
      (em) => em.query(held, [newId(), t.id, anna.id]),
      () => h.s.policies.acceptTerms(anna, 'v2', 'de'),
    );
    expect(outcome.status).toBe('fulfilled');
    expect((await acceptances(anna.id)).map((a) => [a.version, a.language])).toEqual([['v2', 'en']]);
    // The loser's transaction rolled back whole: its audit record with it.
    expect(await h.audits(t.id, AuditAction.AcceptTermsOfUse)).toHaveLength(0);
  });
});
