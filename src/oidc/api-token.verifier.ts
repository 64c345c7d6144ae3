import { decodeJwt, errors as joseErrors, type JWK, type JWTPayload } from 'jose';
import type { AccessService } from '../access/access.service.js';
import type { ApiAccessService } from '../apps/api-access.service.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import type { UserService } from '../directory/user.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { holdsNul } from '../shared/nul.js';
import { UserType } from '../directory/user.entity.js';
import { keysAndApplication, type TokenApplication } from './api-token.lookup.js';
import { issuerFor } from './issuer.js';
import { Rs256Verifier } from './api-token.signature.js';
import type { SigningKeyService } from './signing-key.service.js';
import type { PolicyGate } from '../policies/policy-gate.js';

/**
 * Verifies a bearer access token for the gateway API (signature against the issuing tenant's keys,
 * issuer, audience, expiry, `typ: at+jwt`) and resolves the caller with its current directory roles.
 * A user's token is accepted only while its app still holds delegated API access (the scopes act as
 * the intersection of the token's `scp` and the current grant), the user may still sign in (the same
 * access rules as the provider: enabled, redeemed, home enabled, access not expired, assigned), and a
 * guest is still bound to the home identity that signed in, and the token was not issued before the
 * user's sign-ins were ended (revokeSignInSessions, a password reset or change), and its sign-in still satisfies the tenant's
 * security policy. Token times use the system clock, like
 * the provider that issued them.
 */
export class ApiTokenVerifier {
  private readonly issuerPattern: RegExp;
  /**
   * Keeps only imported key material: which keys verify is read from the database at every request (a
   * key that is no longer published is no longer offered), and a kid whose material changed is another entry.
   */
  private readonly signature = new Rs256Verifier();

  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'publicUrl' | 'apiResource'>,
    private readonly signingKeys: SigningKeyService,
    private readonly apps: ApplicationService,
    private readonly users: UserService,
    private readonly apiAccess: ApiAccessService,
    private readonly access: AccessService,
    private readonly policy: PolicyGate,
  ) {
    const base = config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.issuerPattern = new RegExp(`^${base}/([0-9a-f-]{36})/v2\\.0$`);
  }

  /** @throws UNAUTHENTICATED with a short reason */
  async verify(token: string): Promise<Actor> {
    const { tenantId, claims } = this.unverifiedClaims(token);
    // An application's token: its keys, app and roles in one statement (read before the signature is
    // checked, used only after). Other tokens read the keys alone, then their caller.
    // Only an id an application can have is bound unverified (PostgreSQL refuses a NUL in text: a
    // 500 anyone could cause); any other takes the keys-only path and fails its signature check.
    const unverifiedClient = typeof claims.client_id === 'string' && possibleAppId(claims.client_id) ? claims.client_id : undefined;
    const appToken = typeof claims.oid !== 'string' && unverifiedClient !== undefined && claims.sub === unverifiedClient;
    const lookup = appToken ? await keysAndApplication(this.db.dataSource, tenantId, unverifiedClient) : null;
    const published = lookup ? this.signingKeys.verificationJwksOf(lookup.keys) : await this.signingKeys.verificationJwks(tenantId);
    const payload = this.verifySignature(token, tenantId, published);
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    if (typeof payload.oid === 'string') return this.userActor(tenantId, payload, clientId);
    if (clientId && payload.sub === clientId) {
      if (lookup && clientId === unverifiedClient) return this.applicationActor(tenantId, lookup.app);
      const app = await this.apps.findByAppId(tenantId, clientId);
      return this.applicationActor(tenantId, app && { id: app.id, displayName: app.displayName, roles: await this.apps.rolesOf(app) });
    }
    throw unauthenticated('the token names no caller');
  }

  private unverifiedClaims(token: string): { tenantId: string; claims: JWTPayload } {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw unauthenticated('malformed token');
    }
    const match = typeof claims.iss === 'string' ? this.issuerPattern.exec(claims.iss) : null;
    if (!match) throw unauthenticated('unknown issuer');
    return { tenantId: match[1]!, claims };
  }

  private verifySignature(token: string, tenantId: string, published: JWK[]): JWTPayload {
    try {
      return this.signature.verify(token, published, {
        issuer: issuerFor(this.config.publicUrl, tenantId),
        audience: this.config.apiResource,
        typ: 'at+jwt',
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('token expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`invalid ${error.claim} claim`);
      throw unauthenticated('invalid signature or token');
    }
  }

  private applicationActor(tenantId: string, app: TokenApplication | null): Actor {
    if (!app) throw unauthenticated('the application no longer exists');
    return { tenantId, kind: PrincipalKind.Application, id: app.id, displayName: app.displayName, roles: app.roles, scopes: null };
  }

  private async userActor(tenantId: string, payload: JWTPayload, clientId: string | undefined): Promise<Actor> {
    const app = clientId ? await this.apps.findByAppId(tenantId, clientId) : null;
    if (!app) throw unauthenticated('the application no longer exists');
    const granted = new Set(await this.apiAccess.scopesForClient(tenantId, app.appId));
    const scopes = (typeof payload.scp === 'string' ? payload.scp.split(' ') : []).filter((s) => granted.has(s));
    if (scopes.length === 0) throw unauthenticated('the application has no delegated access to the API');
    const user = await this.users.findById(String(payload.oid));
    if (!user || user.tenantId !== tenantId) throw unauthenticated('the user is unknown');
    // A guest whose redemption was reset (and perhaps redeemed by someone else) is another identity now.
    if (user.userType === UserType.Guest && payload.altsecid !== user.altSecId)
      throw unauthenticated('the guest is bound to another identity');
    // A token without `iat` counts as issued at 0: before any end of the user's sign-ins.
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : 0;
    if (!(await this.access.mayUseTokens(user, app, issuedAt))) throw unauthenticated('the user has no access');
    // The sign-in behind the token (its acr and auth_time) against the tenant's current security policy.
    if (!(await this.policy.tokenAllowed(user, { acr: payload.acr, authTime: payload.auth_time })))
      throw unauthenticated('the security policy requires a new sign-in');
    return {
      tenantId,
      kind: PrincipalKind.User,
      id: user.id,
      displayName: user.displayName,
      roles: await this.users.rolesOf(user),
      scopes,
    };
  }
}

/** Whether `value` fits the application id column (varchar 36) and is text every database binds. */
function possibleAppId(value: string): boolean {
  return value.length <= 36 && !holdsNul(value);
}

function unauthenticated(reason: string): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, `Invalid access token: ${reason}`, { reason });
}
