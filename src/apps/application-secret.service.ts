import { createHash, timingSafeEqual } from 'node:crypto';
import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { holdsNul } from '../shared/nul.js';
import { randomToken, type SecretBox } from '../shared/secrets.js';
import { Application } from './application.entity.js';
import type { ApplicationService } from './application.service.js';
import { ApplicationSecret } from './application-secret.entity.js';

export interface SecretInput {
  displayName?: string | null;
  expiresAt?: Date | null;
}

/** An OIDC client: the app and its live secrets, oldest first. */
export interface ClientWithSecrets {
  app: Application;
  secrets: ApplicationSecret[];
}

export interface IssuedSecret {
  secret: ApplicationSecret;
  /** Shown once; only a sealed copy is stored. */
  secretText: string;
}

const DAY_MS = 86_400_000;
/** Entra's defaults: 180 days unless chosen, at most two years. */
const DEFAULT_LIFETIME_MS = 180 * DAY_MS;
const MAX_LIFETIME_MS = 2 * 365 * DAY_MS;
/** Enough for overlapping rotations; bounds the work of one token request. */
const MAX_SECRETS = 10;
/** Bounds the opened-secret digests kept (cleared when full). */
const OPENED_MAX = 1000;

/** Writes the `application_secret` table. Creates an app's secret inside the caller's transaction. */
export function issueSecret(
  em: EntityManager,
  box: SecretBox,
  app: Application,
  displayName: string,
  expiresAt: Date | null,
  now: Date,
): Promise<IssuedSecret> {
  const secretText = randomToken(32);
  const secret = em.create(ApplicationSecret, {
    id: newId(),
    tenantId: app.tenantId,
    applicationId: app.id,
    displayName,
    hint: secretText.slice(0, 3),
    secretSealed: box.seal(secretText),
    expiresAt,
    createdAt: now,
  });
  return em.insert(ApplicationSecret, secret).then(() => ({ secret, secretText }));
}

export async function deleteSecretsOf(em: EntityManager, applicationId: string): Promise<void> {
  await em.delete(ApplicationSecret, { applicationId });
}

/** Client secrets: added and removed by admins, checked at the token endpoint (several may be live). */
export class ApplicationSecretService {
  private readonly opened = new Map<string, Buffer>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly apps: ApplicationService,
    private readonly audit: AuditService,
  ) {}

  /** @throws FORBIDDEN, NOT_FOUND, BAD_USER_INPUT */
  async add(actor: Actor, applicationId: string, input: SecretInput): Promise<IssuedSecret> {
    authorize(actor, Permission.ManageApplications);
    const now = this.clock.now();
    const displayName = (input.displayName ?? '').trim() || 'Client secret';
    if (displayName.length > 256)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'displayName must be at most 256 characters', { field: 'displayName' });
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + DEFAULT_LIFETIME_MS);
    if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_LIFETIME_MS) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'expiresAt must be in the future and at most two years away', { field: 'expiresAt' });
    }
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      if ((await em.countBy(ApplicationSecret, { applicationId })) >= MAX_SECRETS) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `An application holds at most ${MAX_SECRETS} secrets; remove one first`);
      }
      const issued = await issueSecret(em, this.box, app, displayName, expiresAt, now);
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateApplicationSecrets,
        { type: 'Application', id: app.id },
        {
          operation: 'add',
          secretId: issued.secret.id,
          displayName,
          hint: issued.secret.hint,
          expiresAt: expiresAt.toISOString(),
        },
      );
      return issued;
    });
  }

  /** Ends the secret at once. @throws FORBIDDEN, NOT_FOUND */
  async remove(actor: Actor, applicationId: string, secretId: string): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const secret = await em.findOneBy(ApplicationSecret, { id: secretId, applicationId: app.id });
      if (!secret) throw notFound('ApplicationSecret', secretId);
      await em.delete(ApplicationSecret, { id: secret.id });
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateApplicationSecrets,
        { type: 'Application', id: app.id },
        {
          operation: 'remove',
          secretId: secret.id,
          displayName: secret.displayName,
          hint: secret.hint,
        },
      );
      return app;
    });
  }

  /** Metadata only: the value is never returned after creation. */
  /** The secrets of each of the caller's tenant's apps, oldest first, in one query (another tenant's apps have none). */
  async listForApplications(
    actor: Actor,
    apps: readonly Pick<Application, 'id' | 'tenantId'>[],
  ): Promise<Map<string, ApplicationSecret[]>> {
    authorize(actor, Permission.ReadDirectory);
    const byApp = new Map(apps.map((app) => [app.id, [] as ApplicationSecret[]]));
    const mine = apps.filter((app) => app.tenantId === actor.tenantId).map((app) => app.id);
    if (mine.length === 0) return byApp;
    const secrets = await this.db.manager.find(ApplicationSecret, {
      where: { applicationId: In(mine) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const secret of secrets) byApp.get(secret.applicationId)!.push(secret);
    return byApp;
  }

  /** Whether `presented` is a live (unexpired) secret of the client; compares with every one in constant time. */
  async verify(tenantId: string, clientId: string, presented: string): Promise<boolean> {
    const client = await this.findClient(tenantId, clientId);
    return client ? this.verifyAgainst(client, presented) : false;
  }

  /** `verify` against a client the caller has just read with `findClient` (the provider reads it once per request). */
  verifyAgainst(client: ClientWithSecrets, presented: string): boolean {
    const expected = digest(presented);
    let matched = false;
    for (const secret of client.secrets) {
      matched = timingSafeEqual(this.openedDigest(secret.secretSealed), expected) || matched;
    }
    return matched;
  }

  /**
   * The digest of a sealed secret's plain value, opened once per sealed value (a pure function of it:
   * which secrets are live is still read at every request, so a removed one stops matching at once).
   */
  private openedDigest(sealed: string): Buffer {
    let found = this.opened.get(sealed);
    if (!found) {
      if (this.opened.size >= OPENED_MAX) this.opened.clear();
      this.opened.set(sealed, (found = digest(this.box.open(sealed))));
    }
    return found;
  }

  /**
   * The app behind an OIDC client id, within one tenant only, with its live secrets oldest first: one
   * statement written once (src/db/raw-read.ts), as every OIDC request reads its app and every token
   * request its secrets.
   */
  async findClient(tenantId: string, appId: string): Promise<ClientWithSecrets | null> {
    // No app id holds a NUL; PostgreSQL would refuse it (a client id comes straight from a request).
    if (holdsNul(appId) || holdsNul(tenantId)) return null;
    const apps = entityReader(this.db.dataSource, Application);
    const secrets = entityReader(this.db.dataSource, ApplicationSecret);
    // Parameters numbered in order of appearance: SQLite's placeholders are positional. App ids are unique.
    const sql = secrets.statement('client', (r) => {
      const live = `s."tenantId" = a."tenantId" AND s."applicationId" = a."id" AND (s."expiresAt" IS NULL OR s."expiresAt" > ${r.param(1)})`;
      return (
        `SELECT ${apps.columnsAs('a')}, ${r.columnsAs('s')} FROM ${apps.table} a LEFT JOIN ${r.table} s ON ${live} ` +
        `WHERE a."tenantId" = ${r.param(2)} AND a."appId" = ${r.param(3)} ORDER BY s."createdAt" ASC, s."id" ASC`
      );
    });
    const rows = await secrets.rows(sql, [secrets.date(this.clock.now()), tenantId, appId]);
    const app = rows[0] ? apps.fromRow(rows[0], 'a') : null;
    if (!app) return null;
    return { app, secrets: rows.flatMap((row) => secrets.fromRow(row, 's') ?? []) };
  }

  /** The oldest live secret in plain: for the demo's printout and the console backend's own client. */
  async oldestLiveSecret(app: Application): Promise<string | null> {
    const [first] = await this.live(app);
    return first ? this.box.open(first.secretSealed) : null;
  }

  private live(app: Application): Promise<ApplicationSecret[]> {
    // Read at every client authentication: one statement written once (src/db/raw-read.ts).
    const secrets = entityReader(this.db.dataSource, ApplicationSecret);
    const sql = secrets.statement(
      'live',
      (r) =>
        `${r.select(`"applicationId" = ${r.param(1)} AND ("expiresAt" IS NULL OR "expiresAt" > ${r.param(2)})`)} ORDER BY "createdAt" ASC, "id" ASC`,
    );
    return secrets.many(sql, [app.id, secrets.date(this.clock.now())]);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
