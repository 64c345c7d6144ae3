import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { operatorActor } from '../directory/actor.js';
import { ApiScope } from '../directory/permissions.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { Clock } from '../shared/clock.js';
import type { SecretBox } from '../shared/secrets.js';
import type { Application } from './application.entity.js';
import { issueSecret } from './application-secret.service.js';
import type { ApplicationService } from './application.service.js';
import type { ApplicationSecretService } from './application-secret.service.js';
import { writeGrant } from './api-access.service.js';
import { consoleClientId } from './console-client-id.js';

export { consoleClientId };

export const CONSOLE_APP_NAME = 'Admin console';
/** The console acts with the signed-in administrator's roles (the API still checks each operation). */
export const CONSOLE_SCOPES: readonly ApiScope[] = [ApiScope.DirectoryAccessAsUserAll];

/** How the gateway's console backend signs in at a tenant's provider: a confidential client it holds. */
export interface ConsoleClient {
  clientId: string;
  clientSecret: string;
}

/**
 * The admin console registered per tenant: an ordinary application (admins see it, may rename it,
 * revoke its API grant or rotate its secret) with an operator-consented delegated API grant, whose
 * one reply URL is `<PUBLIC_URL>/admin/callback`. Registered with each new tenant and, for tenants
 * made before the console existed, on the first console sign-in (idempotent, audited).
 */
export class ConsoleAppService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly apps: ApplicationService,
    private readonly secrets: ApplicationSecretService,
    private readonly audit: AuditService,
    private readonly replyUrl: string,
  ) {}

  /** Registers the console in a tenant being created (the caller's transaction). */
  async register(em: EntityManager, tenantId: string): Promise<Application> {
    const { application } = await this.apps.createAsOperator(
      tenantId,
      { displayName: CONSOLE_APP_NAME, replyUrls: [this.replyUrl], assignmentRequired: false },
      [],
      em,
      consoleClientId(tenantId),
    );
    await writeGrant(em, { clock: this.clock, audit: this.audit }, operatorActor(tenantId), application, [...CONSOLE_SCOPES]);
    return application;
  }

  /**
   * The console's client in an existing tenant, registered first when missing. A grant an admin
   * revoked stays revoked (sign-in then fails with invalid_target); a removed secret is replaced.
   */
  async ensure(tenantId: string): Promise<ConsoleClient> {
    const clientId = consoleClientId(tenantId);
    let app = await this.apps.findByAppId(tenantId, clientId);
    if (!app) {
      app = await this.db.transaction(async (em) => {
        // Two first sign-ins at once: the second finds the app the first registered.
        return (await this.apps.findByAppId(tenantId, clientId)) ?? this.register(em, tenantId);
      });
    }
    const clientSecret = (await this.secrets.oldestLiveSecret(app)) ?? (await this.replaceSecret(app));
    return { clientId, clientSecret };
  }

  private replaceSecret(app: Application): Promise<string> {
    return this.db.transaction(async (em) => {
      const issued = await issueSecret(em, this.box, app, 'Console backend', null, this.clock.now());
      await this.audit.record(
        em,
        operatorActor(app.tenantId),
        AuditAction.UpdateApplicationSecrets,
        { type: 'Application', id: app.id },
        { operation: 'add', secretId: issued.secret.id, displayName: issued.secret.displayName, hint: issued.secret.hint },
      );
      return issued.secretText;
    });
  }
}
