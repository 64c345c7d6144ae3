import { describe, expect, it } from 'vitest';
import { Application } from '../../src/apps/application.entity.js';
import { seedDemoTenant } from '../../src/demo/seed-demo.js';
import { useServicesHarness } from '../helpers/services-harness.js';

/** `--seed-demo` on a ./data folder from an older run: the seeded sample app follows this run's address. */
describe('seedDemoTenant on existing data', () => {
  const h = useServicesHarness('sqlite');
  const seed = (publicUrl: string) => seedDemoTenant(h.db, h.s, publicUrl);
  const stored = (id: string) => h.db.manager.findOneByOrFail(Application, { id });

  it('moves the sample app’s homepage and callback to this run’s, keeps an admin’s own reply URL and other apps', async () => {
    const first = await seed('http://localhost:4000');
    expect(first.sampleApp.homepageUrl).toBe('http://localhost:4000/demo/');
    // As an older seed left it (a homepage nothing serves), with a reply URL an admin added.
    await h.s.apps.update(h.admin(first.tenant.id), first.sampleApp.id, {
      homepageUrl: 'https://expenses.contoso.example',
      replyUrls: ['http://localhost:4000/demo/callback', 'https://expenses.example/cb'],
    });
    const second = await seed('http://localhost:4711');
    expect(second.tenant.id).toBe(first.tenant.id);
    const app = await stored(first.sampleApp.id);
    expect(app.homepageUrl).toBe('http://localhost:4711/demo/');
    expect(app.replyUrls).toEqual(['http://localhost:4711/demo/callback', 'https://expenses.example/cb']);
    expect(second.sampleApp.homepageUrl).toBe('http://localhost:4711/demo/');
    expect((await stored(first.adminApp.id)).updatedAt).toEqual(first.adminApp.updatedAt);

    // Already current: nothing is written again.
    const updatedAt = app.updatedAt;
    h.advance(60_000);
    await seed('http://localhost:4711');
    expect((await stored(app.id)).updatedAt).toEqual(updatedAt);
  });
});
