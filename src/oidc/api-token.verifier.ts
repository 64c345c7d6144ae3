import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { ApplicationService } from '../apps/application.service.js';
import type { Config } from '../config/config.js';
import type { Actor } from '../directory/actor.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import type { UserService } from '../directory/user.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { issuerFor } from './issuer.js';
import { SIGNING_ALG, type SigningKeyService } from './signing-key.service.js';

/**
 * Verifies a bearer access token for the gateway API (signature against the issuing tenant's keys,
 * issuer, audience, expiry, `typ: at+jwt`) and resolves the caller with its current directory roles.
 * Token times use the system clock, like the provider that issued them.
 */
export class ApiTokenVerifier {
  private readonly issuerPattern: RegExp;

  constructor(
    private readonly config: Pick<Config, 'publicUrl' | 'apiResource'>,
    private readonly signingKeys: SigningKeyService,
    private readonly apps: ApplicationService,
    private readonly users: UserService,
  ) {
    const base = config.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.issuerPattern = new RegExp(`^${base}/([0-9a-f-]{36})/v2\\.0$`);
  }

  /** @throws UNAUTHENTICATED with a short reason */
  async verify(token: string): Promise<Actor> {
    const tenantId = this.tenantOf(token);
    const payload = await this.verifySignature(token, tenantId);
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    if (typeof payload.oid === 'string') return this.userActor(tenantId, payload.oid);
    if (clientId && payload.sub === clientId) return this.applicationActor(tenantId, clientId);
    throw unauthenticated('the token names no caller');
  }

  private tenantOf(token: string): string {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthenticated('malformed token');
    }
    const match = typeof issuer === 'string' ? this.issuerPattern.exec(issuer) : null;
    if (!match) throw unauthenticated('unknown issuer');
    return match[1]!;
  }

  private async verifySignature(token: string, tenantId: string): Promise<JWTPayload> {
    const jwks = createLocalJWKSet({ keys: await this.signingKeys.verificationJwks(tenantId) });
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: issuerFor(this.config.publicUrl, tenantId),
        audience: this.config.apiResource,
        typ: 'at+jwt',
        algorithms: [SIGNING_ALG],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('token expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`invalid ${error.claim} claim`);
      throw unauthenticated('invalid signature or token');
    }
  }

  private async applicationActor(tenantId: string, clientId: string): Promise<Actor> {
    const app = await this.apps.findByAppId(tenantId, clientId);
    if (!app) throw unauthenticated('the application no longer exists');
    return { tenantId, kind: PrincipalKind.Application, id: app.id, displayName: app.displayName, roles: await this.apps.rolesOf(app) };
  }

  private async userActor(tenantId: string, userId: string): Promise<Actor> {
    const user = await this.users.findById(userId);
    if (!user || user.tenantId !== tenantId || !user.accountEnabled) throw unauthenticated('the user is unknown or disabled');
    return { tenantId, kind: PrincipalKind.User, id: user.id, displayName: user.displayName, roles: await this.users.rolesOf(user) };
  }
}

function unauthenticated(reason: string): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, `Invalid access token: ${reason}`, { reason });
}
