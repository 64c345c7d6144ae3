import { type EntityManager, LessThan } from 'typeorm';
import { Application } from '../apps/application.entity.js';
import type { ApplicationInput, ApplicationPatch, ApplicationService, CreatedApplication } from '../apps/application.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import type { User } from '../directory/user.entity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { logoutResponseXml, nameIdFor, responseXml, samlAttributes } from './assertion.js';
import { serviceProvider, tenantEndpoints } from './saml-entities.js';
import type { SamlKeys } from './saml-keys.js';
import { configuredRelayState, safeDeepLink } from './relay-state.js';
import { checkFresh, type InboundMessage, readRequest, relayStateOf, REQUEST_TTL_MS, type SamlBinding } from './saml-inbound.js';
import { SamlRequest } from './saml-request.entity.js';
import { SamlServiceProvider } from './saml-service-provider.entity.js';
import { type SamlAppInput, type SamlSettingsPatch, samlSettings } from './saml-settings.js';

/** A SAML response ready for the browser to post to the SP (HTTP-POST binding). */
export interface PostToSp {
  action: string;
  fields: Record<string, string>;
}

/** A pending sign-in: the request, its SP and app. */
export interface PendingSignIn {
  request: SamlRequest;
  sp: SamlServiceProvider;
  app: Application;
}

const refuse = (why: string) => new DomainError(ErrorCode.BAD_USER_INPUT, `This SAML request was refused: ${why}.`);

/**
 * The tenant as a SAML 2.0 identity provider: its metadata, SAML apps' settings, the AuthnRequests it
 * receives (each request id once, stored so every process agrees), the signed responses it sends and
 * single logout. Who may sign in is AccessService's and the policy's (the pages ask them first).
 */
export class SamlService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly apps: ApplicationService,
    private readonly keys: SamlKeys,
    private readonly publicUrl: string,
    /** The key of persistent NameIDs (derived from the gateway secret). */
    private readonly nameIdKey: Buffer,
  ) {}

  endpoints(tenantId: string) {
    return tenantEndpoints(this.publicUrl, tenantId);
  }

  /** The IdP metadata: every published signing key (the next one ahead of its use, as for JWKS). */
  metadata(tenantId: string): Promise<string> {
    return this.keys.metadata(tenantId);
  }

  /** Registers a SAML app: the application and its SP settings in one transaction. @throws FORBIDDEN, BAD_USER_INPUT, INVALID_REPLY_URL, CONFLICT */
  async register(actor: Actor, app: ApplicationInput, input: SamlAppInput): Promise<CreatedApplication> {
    authorize(actor, Permission.ManageApplications);
    const settings = samlSettings(input);
    try {
      return await this.apps.create(actor, { ...app, replyUrls: [] }, async (em, application) => {
        await em.insert(SamlServiceProvider, {
          ...settings,
          applicationId: application.id,
          tenantId: actor.tenantId,
          createdAt: this.clock.now(),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError(ErrorCode.CONFLICT, `A SAML app with the entity id ${settings.entityId} exists already`, {
          field: 'entityId',
        });
      throw error;
    }
  }

  /**
   * Changes an app and its SAML settings (today its relay state: undefined keeps it, null or empty
   * clears it) in one transaction, audited as one update of the app.
   * @throws FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (`saml` on an OpenID Connect app; `relayState`), INVALID_REPLY_URL
   */
  async update(actor: Actor, id: string, patch: ApplicationPatch, saml: SamlSettingsPatch): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    const relayState = saml.relayState === undefined ? undefined : configuredRelayState(saml.relayState);
    const write = async (em: EntityManager, app: Application) => {
      if (!(await em.existsBy(SamlServiceProvider, { applicationId: app.id, tenantId: app.tenantId })))
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'saml settings apply only to a SAML app', { field: 'saml' });
      if (relayState !== undefined) await em.update(SamlServiceProvider, { applicationId: app.id }, { relayState });
    };
    return this.apps.update(actor, id, patch, { fields: relayState === undefined ? [] : ['saml.relayState'], write });
  }

  /** The SAML settings of an app of the caller's tenant (null for an OIDC app). */
  async settingsOf(actor: Actor, app: Application): Promise<SamlServiceProvider | null> {
    authorize(actor, Permission.ReadDirectory);
    if (app.tenantId !== actor.tenantId) return null;
    return this.db.manager.findOneBy(SamlServiceProvider, { applicationId: app.id, tenantId: actor.tenantId });
  }

  /**
   * An AuthnRequest (HTTP-Redirect or HTTP-POST) from a registered SP: read through the XML gate,
   * checked (signature when the SP registered a certificate, issue time, destination, ACS URL), and
   * stored under its request id, once. Returns the pending sign-in's id.
   * @throws BAD_USER_INPUT
   */
  async receive(tenantId: string, binding: SamlBinding, message: InboundMessage): Promise<string> {
    const relayState = relayStateOf(message.RelayState);
    const read = await readRequest(
      'login',
      binding,
      message,
      (entityId) => this.spByEntityId(tenantId, entityId),
      (sp) => this.keys.signer(tenantId, sp),
    );
    const { sp, requestId, issueInstant, destination } = read;
    checkFresh(issueInstant, this.clock.now());
    const at = this.endpoints(tenantId);
    if (destination && destination !== at.sso) throw refuse('its Destination is not this organization’s sign-in address');
    const wanted = read.acsUrl;
    if (wanted && !sp.acsUrls.includes(wanted)) throw refuse('its AssertionConsumerServiceURL is not registered for the app');
    return this.store(sp, requestId, wanted ?? sp.acsUrls[0]!, relayState, read.forceAuthn);
  }

  /**
   * An IdP-initiated sign-in to a SAML app of the tenant (the access panel's link): a pending sign-in
   * without a request, carrying the app's configured relay state, or a deep link's RelayState from the
   * query when it names the app itself (`safeDeepLink`). Another one is refused, not dropped: the
   * person followed a link that claims to open a page, and landing elsewhere without a word would hide
   * that the link was not the app's. @throws NOT_FOUND, BAD_USER_INPUT
   */
  async beginIdpInitiated(tenantId: string, applicationId: string, deepLink: unknown): Promise<string> {
    const sp = await this.db.manager.findOneBy(SamlServiceProvider, { tenantId, applicationId });
    if (!sp) throw notFound('Application', applicationId);
    const asked = relayStateOf(deepLink);
    const safe = asked === null ? null : safeDeepLink(asked, sp.acsUrls, sp.relayState);
    if (asked !== null && safe === null)
      throw refuse('its RelayState is not an address of this app, so the link may lead somewhere else. Open the app from your apps page');
    return this.store(sp, null, sp.acsUrls[0]!, safe ?? sp.relayState);
  }

  /** The pending sign-in `id` of the tenant, unanswered and unexpired. @throws BAD_USER_INPUT */
  async pending(tenantId: string, id: string): Promise<PendingSignIn> {
    const request = await this.db.manager.findOneBy(SamlRequest, { id, tenantId });
    if (!request || request.answeredAt || request.expiresAt <= this.clock.now())
      throw refuse('this sign-in has expired or was completed already. Go back to the application and sign in again');
    const sp = await this.db.manager.findOneByOrFail(SamlServiceProvider, { applicationId: request.applicationId });
    const app = await this.db.manager.findOneByOrFail(Application, { id: request.applicationId, tenantId });
    return { request, sp, app };
  }

  /**
   * The signed response for a pending sign-in of `account` (signed in at `authnInstant`), once: the
   * pending sign-in is marked answered by a conditional update, so a second answer is refused.
   * Assertion and response are signed with the tenant's active key (RSA-SHA256).
   * @throws BAD_USER_INPUT
   */
  async respond(pending: PendingSignIn, account: User, home: User | null, authnInstant: Date, roles: readonly string[]): Promise<PostToSp> {
    const { request, sp } = pending;
    const now = this.clock.now();
    const claimed = await this.db.manager
      .createQueryBuilder()
      .update(SamlRequest)
      .set({ answeredAt: now })
      .where('id = :id AND "answeredAt" IS NULL', { id: request.id })
      .execute();
    if (claimed.affected !== 1) throw refuse('this sign-in was completed already');
    const email = account.signInName ?? account.mail;
    const xml = responseXml({
      issuer: this.endpoints(request.tenantId).entityId,
      destination: request.acsUrl,
      audience: sp.entityId,
      inResponseTo: request.requestId,
      nameId: nameIdFor(this.nameIdKey, sp, account, email),
      nameIdFormat: sp.nameIdFormat,
      attributes: samlAttributes(this.publicUrl, account, home, roles),
      authnInstant,
      sessionIndex: request.id,
      now,
    });
    const idp = await this.keys.signer(request.tenantId, sp);
    const signed = await idp.createLoginResponse(
      serviceProvider(sp),
      { extract: {} },
      'post',
      {},
      {
        customTagReplacement: () => ({ id: '', context: xml }),
      },
    );
    return {
      action: request.acsUrl,
      fields: { SAMLResponse: signed.context, ...(request.relayState ? { RelayState: request.relayState } : {}) },
    };
  }

  /**
   * A LogoutRequest from a registered SP (signed when it registered a certificate, fresh, to our
   * logout address). Returns what the page needs: whether it names `account` (whose gateway session
   * then ends) and the signed LogoutResponse to post back.
   * @throws BAD_USER_INPUT
   */
  async receiveLogout(tenantId: string, binding: SamlBinding, message: InboundMessage) {
    const relayState = relayStateOf(message.RelayState);
    const read = await readRequest(
      'logout',
      binding,
      message,
      (entityId) => this.spByEntityId(tenantId, entityId),
      (sp) => this.keys.signer(tenantId, sp),
    );
    checkFresh(read.issueInstant, this.clock.now());
    if (read.destination && read.destination !== this.endpoints(tenantId).logout)
      throw refuse('its Destination is not this organization’s logout address');
    if (!read.sp.logoutUrl) throw refuse('the app registered no logout URL');
    const sp = read.sp;
    return {
      sp,
      /** Whether the request's NameID is the one this app knows `account` by. */
      names: (account: User) =>
        read.nameId !== null && read.nameId === nameIdFor(this.nameIdKey, sp, account, account.signInName ?? account.mail),
      /** The signed LogoutResponse (Success, or Requester when the NameID was not the browser's person). */
      respond: async (success: boolean): Promise<PostToSp> => {
        const idp = await this.keys.signer(tenantId, sp);
        const status = success ? 'urn:oasis:names:tc:SAML:2.0:status:Success' : 'urn:oasis:names:tc:SAML:2.0:status:Requester';
        const xml = logoutResponseXml({
          issuer: this.endpoints(tenantId).entityId,
          destination: sp.logoutUrl!,
          inResponseTo: read.requestId,
          status,
          now: this.clock.now(),
        });
        const response = idp.createLogoutResponse(serviceProvider(sp), read.parsed as never, 'post', {
          customTagReplacement: () => ({ id: '', context: xml }),
        });
        return { action: sp.logoutUrl!, fields: { SAMLResponse: response.context, ...(relayState ? { RelayState: relayState } : {}) } };
      },
    };
  }

  /** Deletes pending sign-ins and used request ids past their time (an older request is refused by its IssueInstant anyway). */
  async sweep(): Promise<void> {
    await this.db.manager.delete(SamlRequest, { expiresAt: LessThan(this.clock.now()) });
  }

  private async store(
    sp: SamlServiceProvider,
    requestId: string | null,
    acsUrl: string,
    relayState: string | null,
    forceAuthn = false,
  ): Promise<string> {
    const now = this.clock.now();
    const row: SamlRequest = {
      id: newId(),
      tenantId: sp.tenantId,
      applicationId: sp.applicationId,
      requestId,
      acsUrl,
      relayState,
      forceAuthn,
      createdAt: now,
      // Kept past the oldest IssueInstant accepted, so a replay meets its row until checkFresh refuses it.
      expiresAt: new Date(now.getTime() + REQUEST_TTL_MS + 60_000),
      answeredAt: null,
    };
    try {
      await this.db.manager.insert(SamlRequest, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw refuse('its ID was used already');
      throw error;
    }
    return row.id;
  }

  private spByEntityId(tenantId: string, entityId: string): Promise<SamlServiceProvider | null> {
    return this.db.manager.findOneBy(SamlServiceProvider, { tenantId, entityId });
  }
}
