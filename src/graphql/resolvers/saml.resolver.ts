import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Application } from '../../apps/application.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { ApplicationObject } from '../types/application.type.js';
import { ApplicationProtocol, type SamlNameIdFormat, SamlSettingsObject } from '../types/saml.type.js';

/** The SAML side of an application (registration goes through createApplication with protocol SAML). */
@Resolver(() => ApplicationObject)
export class SamlResolver {
  @FieldResolver(() => ApplicationProtocol)
  protocol(@Root() app: Application): ApplicationProtocol {
    return app.protocol === 'saml' ? ApplicationProtocol.SAML : ApplicationProtocol.OIDC;
  }

  @FieldResolver(() => SamlSettingsObject, { nullable: true, description: 'Its SAML settings; null for an OpenID Connect app.' })
  async saml(@Root() app: Application, @Ctx() ctx: GraphQLContext): Promise<SamlSettingsObject | null> {
    const sp = await ctx.services.saml.settingsOf(requireActor(ctx), app);
    if (!sp) return null;
    const at = ctx.services.saml.endpoints(app.tenantId);
    return {
      entityId: sp.entityId,
      acsUrls: sp.acsUrls,
      nameIdFormat: sp.nameIdFormat as SamlNameIdFormat,
      requestsSigned: sp.signingCertificate !== null,
      logoutUrl: sp.logoutUrl,
      relayState: sp.relayState,
      idpEntityId: at.entityId,
      idpMetadataUrl: at.metadata,
      idpSsoUrl: at.sso,
      idpInitiatedUrl: `${at.entityId}/apps/${app.id}/sso`,
    };
  }
}
