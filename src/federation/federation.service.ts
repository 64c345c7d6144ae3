import * as oidc from 'openid-client';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { type Actor } from '../directory/actor.js';
import { normalizeDomain } from '../directory/domains.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import { Tenant, TenantKind } from '../directory/tenant.entity.js';
import { canonicalEmail, emailDomain } from '../shared/email.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInContext, SignInLogService } from '../sign-ins/sign-in-log.service.js';
import { linkFederatedMember, type UpstreamIdentity } from './federated-member.js';
import { IdentityProvider } from './identity-provider.entity.js';
import {
  authorizationUrl,
  checkClientId,
  checkIssuer,
  exchangeCode,
  federationFailed as failed,
  type FederatedSignIn,
  type PendingFederation,
  personName,
  type UpstreamAnswer,
  upstreamEmail,
  upstreamSubject,
  UpstreamConfigurations,
} from './upstream.js';
import { authorize, Permission } from '../directory/permissions.js';

export interface RegisterProviderInput {
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
}

/**
 * Partner companies that federate once: a managed tenant registers its own OpenID provider for its
 * domains, and its people then sign in there (code flow with PKCE, state and nonce; the ID token is
 * verified against the provider's keys by openid-client). The result is a member identity of the
 * partner's tenant, without a password.
 */
export class FederationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly signIns: SignInLogService,
    private readonly options: { callbackUrl: string; allowInsecureIssuers: boolean },
  ) {
    this.upstream = new UpstreamConfigurations(secretBox, options.allowInsecureIssuers);
  }

  private readonly upstream: UpstreamConfigurations;

  /**
   * Registers the caller's company identity provider for some of its verified domains.
   * @throws FORBIDDEN (not a GlobalAdministrator of a managed tenant), BAD_USER_INPUT, CONFLICT, FEDERATION_FAILED (discovery failed)
   */
  async register(actor: Actor, input: RegisterProviderInput): Promise<IdentityProvider> {
    authorize(actor, Permission.ManageTenant);
    const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: actor.tenantId });
    if (tenant.kind !== TenantKind.Managed)
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only managed tenants federate with an identity provider');
    const domains = [...new Set(input.domains.map((d) => normalizeDomain(d, 'domains')))];
    const own = new Set((await this.db.manager.findBy(TenantDomain, { tenantId: tenant.id })).map((d) => d.domain));
    const foreign = domains.filter((d) => !own.has(d));
    if (domains.length === 0 || foreign.length > 0) {
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `Federate only verified domains of this tenant${foreign.length ? `; not verified here: ${foreign.join(', ')}` : ''}`,
        { field: 'domains' },
      );
    }
    const issuer = checkIssuer(this.options.allowInsecureIssuers, input.issuer);
    const clientId = checkClientId(input.clientId);
    for (const existing of await this.db.manager.find(IdentityProvider, {})) {
      const overlap = existing.domains.filter((d) => domains.includes(d));
      if (overlap.length) throw new DomainError(ErrorCode.CONFLICT, `Another identity provider already answers for ${overlap.join(', ')}`);
    }
    const provider: IdentityProvider = {
      id: newId(),
      tenantId: tenant.id,
      issuer,
      clientId,
      clientSecretSealed: this.secretBox.seal(input.clientSecret),
      domains,
      createdAt: this.clock.now(),
    };
    await this.upstream.for(provider); // fails now, not at the first partner's sign-in, when discovery does not work
    await this.db.transaction(async (em) => {
      await em.insert(IdentityProvider, provider);
      await this.audit.record(
        em,
        actor,
        AuditAction.AddIdentityProvider,
        { type: 'IdentityProvider', id: provider.id },
        { issuer, domains },
      );
    });
    return provider;
  }

  async list(actor: Actor): Promise<IdentityProvider[]> {
    authorize(actor, Permission.ReadTenantConfiguration);
    return this.db.manager.find(IdentityProvider, { where: { tenantId: actor.tenantId }, order: { id: 'ASC' } });
  }

  /** @throws NOT_FOUND, FORBIDDEN */
  async remove(actor: Actor, id: string): Promise<IdentityProvider> {
    authorize(actor, Permission.ManageTenant);
    return this.db.transaction(async (em) => {
      const provider = await em.findOneBy(IdentityProvider, { id, tenantId: actor.tenantId });
      if (!provider) throw notFound('IdentityProvider', id);
      await em.delete(IdentityProvider, { id });
      await this.audit.record(em, actor, AuditAction.RemoveIdentityProvider, { type: 'IdentityProvider', id }, { issuer: provider.issuer });
      return provider;
    });
  }

  /** The provider that answers for an address's domain, if its company federated. */
  async forEmail(email: string): Promise<IdentityProvider | null> {
    const domain = emailDomain(email);
    const all = await this.db.manager.find(IdentityProvider, {});
    return all.find((p) => p.domains.includes(domain)) ?? null;
  }

  /**
   * A federated company's people sign in at its own provider: the sign-in to start there for a typed
   * address (the app sign-in page, the access panel), or null when no provider answers for it.
   */
  async startForEmail(
    rawEmail: string,
    purpose: PendingFederation['purpose'],
    returnTo: string | null,
    uid: string | null,
    options: { reauthenticate?: boolean } = {},
  ) {
    const email = canonicalEmail(rawEmail);
    const provider = email ? await this.forEmail(email) : null;
    return provider ? this.start(provider, email, purpose, returnTo, uid, options) : null;
  }

  async find(id: string): Promise<IdentityProvider | null> {
    return this.db.manager.findOneBy(IdentityProvider, { id });
  }

  /** Starts a sign-in at the upstream provider: the URL to send the browser to, and what to remember. */
  async start(
    provider: IdentityProvider,
    loginHint: string | null,
    purpose: PendingFederation['purpose'],
    returnTo: string | null,
    uid: string | null,
    options: { reauthenticate?: boolean } = {},
  ) {
    const config = await this.upstream.for(provider);
    const pending: PendingFederation = {
      providerId: provider.id,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      purpose,
      returnTo,
      uid,
      ...(options.reauthenticate ? { reauthenticate: true } : {}),
    };
    const url = await authorizationUrl(config, this.options.callbackUrl, pending, loginHint);
    return { url: url.href, sealed: this.secretBox.seal(JSON.stringify(pending)) };
  }

  openPending(sealed: string | null): PendingFederation | null {
    if (!sealed) return null;
    try {
      return JSON.parse(this.secretBox.open(sealed)) as PendingFederation;
    } catch {
      return null;
    }
  }

  /**
   * Completes the upstream sign-in (code exchange, ID token verified: issuer, audience, signature,
   * nonce, state, PKCE) and returns the member identity it links to, created on first use. The
   * decision goes to the sign-in log of the tenant that registered the provider.
   * @throws FEDERATION_FAILED
   */
  async complete(pending: PendingFederation, answer: URLSearchParams, context: SignInContext): Promise<FederatedSignIn> {
    const signIn = { kind: SignInKind.Interactive, context, authMethods: ['fed'] };
    // The address the partner sent the browser back to is ours: the code exchange's redirect_uri
    // must be the authorization request's, whatever Host or scheme the request reached us with.
    const callbackUrl = new URL(this.options.callbackUrl);
    callbackUrl.search = answer.toString();
    try {
      const signedIn = await this.completeSignIn(pending, callbackUrl);
      this.metrics.credentialChecks.inc({ method: 'federated', outcome: 'success' });
      const authMethods = signedIn.upstreamMfa ? ['fed', 'mfa'] : ['fed'];
      await this.signIns.record({ ...signIn, authMethods, tenantId: signedIn.member.tenantId, accountId: signedIn.member.id });
      return signedIn;
    } catch (error) {
      this.metrics.credentialChecks.inc({ method: 'federated', outcome: 'failure' });
      if (error instanceof DomainError) {
        const tenantId = (await this.find(pending.providerId))?.tenantId ?? null;
        await this.signIns.record({ ...signIn, tenantId, reasonCode: error.code });
      }
      throw error;
    }
  }

  /** The member, whether the partner's ID token showed MFA, and when the partner signed the person in. */
  private async completeSignIn(pending: PendingFederation, callbackUrl: URL): Promise<FederatedSignIn> {
    const provider = await this.find(pending.providerId);
    if (!provider) throw failed('The identity provider is no longer registered');
    const upstreamError = callbackUrl.searchParams.get('error');
    if (upstreamError)
      throw failed(`Your organization's sign-in refused: ${callbackUrl.searchParams.get('error_description') ?? upstreamError}`);
    let answer: UpstreamAnswer;
    try {
      answer = await exchangeCode(await this.upstream.for(provider), callbackUrl, pending, this.clock);
    } catch (error) {
      throw failed(`The sign-in at your organization could not be verified (${(error as Error).message})`);
    }
    const { claims, upstreamMfa, authenticatedAt } = answer;
    const email = upstreamEmail(claims.email);
    if (!email || claims.email_verified === false) throw failed('Your organization did not confirm an email address for you');
    if (!provider.domains.includes(emailDomain(email)))
      throw failed(`Your organization's provider does not answer for ${emailDomain(email)}`);
    const identity: UpstreamIdentity = {
      subject: upstreamSubject(claims.sub),
      email,
      name: typeof claims.name === 'string' ? claims.name : email,
      names: { givenName: personName(claims.given_name), familyName: personName(claims.family_name) },
    };
    const member = await this.db.transaction((em) => linkFederatedMember(em, provider, identity, this.clock.now()));
    return { member, upstreamMfa, authenticatedAt };
  }
}
