import { Application } from '../apps/application.entity.js';
import type { Database } from '../db/database.js';
import { operatorActor } from '../directory/actor.js';
import { DirectoryRole } from '../directory/role-assignment.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { User } from '../directory/user.entity.js';
import type { Services } from '../services.js';
import { SAMPLE_APP_PATH, sampleAppHomepage, sampleAppReplyUrl } from './sample-app.js';

export const DEMO_TENANT_NAME = 'Contoso (demo)';
const ADMIN_APP_NAME = 'Contoso admin automation';
const SAMPLE_APP_NAME = 'Contoso Expenses';
export const DEMO_ADMIN_EMAIL = 'admin@contoso.example';

export interface DemoTenant {
  tenant: Tenant;
  adminApp: Application;
  adminClientSecret: string;
  sampleApp: Application;
  /** The sample app's secret in plain, for the demo's relying party (src/demo/sample-app.ts); null once removed. */
  sampleClientSecret: string | null;
  /** The human GlobalAdministrator; `activationUrl` is a fresh link while it has not chosen a password. */
  humanAdmin: { email: string; activationUrl: string | null };
}

/**
 * Creates (once) a managed demo tenant with an admin automation app holding GlobalAdministrator
 * and a sample partner-facing app. Idempotent: a second start finds and re-prints the same tenant.
 */
export async function seedDemoTenant(db: Database, services: Services, publicUrl: string): Promise<DemoTenant> {
  const tenant = (await services.tenants.findByName(DEMO_TENANT_NAME)) ?? (await createDemo(services, publicUrl));
  const apps = await db.manager.findBy(Application, { tenantId: tenant.id });
  const adminApp = apps.find((a) => a.displayName === ADMIN_APP_NAME);
  const sampleApp = apps.find((a) => a.displayName === SAMPLE_APP_NAME);
  if (!adminApp || !sampleApp) throw new TypeError('The demo tenant exists but its apps were removed; delete ./data to start over');
  return {
    tenant,
    adminApp,
    adminClientSecret: (await services.appSecrets.oldestLiveSecret(adminApp)) ?? '(removed; add one with addApplicationSecret)',
    sampleApp: await currentSampleApp(services, sampleApp, publicUrl),
    sampleClientSecret: await services.appSecrets.oldestLiveSecret(sampleApp),
    humanAdmin: await humanAdmin(db, services, tenant),
  };
}

/**
 * The sample app served by this run: ./data from an older run (another port or PUBLIC_URL, or a seed
 * from before the sample app) keeps a homepage and reply URL nothing serves now. The seeded app's
 * homepage becomes this run's, and its reply URLs this run's callback plus the ones it did not seed
 * (an admin's own stay); other apps are never touched. Unchanged when already current.
 */
async function currentSampleApp(services: Services, app: Application, publicUrl: string): Promise<Application> {
  const homepageUrl = sampleAppHomepage(publicUrl);
  const callback = sampleAppReplyUrl(publicUrl);
  const seededCallback = (url: string) => URL.parse(url)?.pathname === `${SAMPLE_APP_PATH}/callback`;
  const replyUrls = [callback, ...app.replyUrls.filter((url) => !seededCallback(url))];
  if (app.homepageUrl === homepageUrl && app.replyUrls.includes(callback) && app.replyUrls.length === replyUrls.length) return app;
  // The gateway's operator, as when it seeded the app: audited as an update of the app.
  const operator = { ...operatorActor(app.tenantId), roles: [DirectoryRole.GlobalAdministrator] };
  return services.apps.update(operator, app.id, { homepageUrl, replyUrls });
}

/** The demo's human admin: created once, pending until activated; each start before that prints a fresh link. */
async function humanAdmin(db: Database, services: Services, tenant: Tenant): Promise<DemoTenant['humanAdmin']> {
  const existing = await db.manager.findOneBy(User, { tenantId: tenant.id, mail: DEMO_ADMIN_EMAIL });
  const activationUrl = existing
    ? await services.members.resendAsOperator(tenant.id, existing.id)
    : (
        await services.members.createAsOperator(tenant.id, {
          email: DEMO_ADMIN_EMAIL,
          displayName: 'Contoso Admin',
          givenName: 'Contoso',
          familyName: 'Admin',
          roles: [DirectoryRole.GlobalAdministrator],
        })
      ).activationUrl;
  return { email: DEMO_ADMIN_EMAIL, activationUrl };
}

async function createDemo(services: Services, publicUrl: string): Promise<Tenant> {
  const tenant = await services.tenants.create({
    name: DEMO_TENANT_NAME,
    domains: ['contoso.example'],
    allowedRedirectHosts: ['*.contoso.example'],
    privacyUrl: 'https://contoso.example/privacy',
  });
  await services.apps.createAsOperator(tenant.id, { displayName: ADMIN_APP_NAME }, [DirectoryRole.GlobalAdministrator]);
  await services.apps.createAsOperator(tenant.id, {
    displayName: SAMPLE_APP_NAME,
    replyUrls: [sampleAppReplyUrl(publicUrl), 'http://localhost:3000/callback'],
    homepageUrl: sampleAppHomepage(publicUrl),
  });
  await services.consoleApps.ensure(tenant.id);
  return tenant;
}
