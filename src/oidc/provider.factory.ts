import Provider, { type AdapterPayload, type Configuration, errors } from 'oidc-provider';
import type { Application } from '../apps/application.entity.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { UserService } from '../directory/user.service.js';
import type { Clock } from '../shared/clock.js';
import { deriveKey } from '../shared/secrets.js';
import { createAdapterClass } from './adapter.js';
import { SIGNING_ALG, type SigningKeyService } from './signing-key.service.js';

export interface ProviderDeps {
  config: Config;
  db: Database;
  clock: Clock;
  apps: ApplicationService;
  users: UserService;
  signingKeys: SigningKeyService;
}

export function issuerFor(publicUrl: string, tenantId: string): string {
  return `${publicUrl}/${tenantId}/v2.0`;
}

/**
 * Builds the OpenID provider of one tenant (wiring only; rules live in the services).
 * Clients are the tenant's applications, read at each use, so app changes need no restart.
 */
export async function createTenantProvider(deps: ProviderDeps, tenantId: string): Promise<Provider> {
  const { config } = deps;
  const configuration: Configuration = {
    adapter: createAdapterClass({
      db: deps.db,
      clock: deps.clock,
      tenantId,
      findClient: async (clientId) => {
        const app = await deps.apps.findByAppId(tenantId, clientId);
        return app ? clientMetadata(app, deps.apps.clientSecretOf(app)) : undefined;
      },
    }),
    jwks: { keys: (await deps.signingKeys.privateJwks(tenantId)) as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: [deriveKey(config.gatewaySecret, 'oidc-cookies').toString('base64url')] },
    findAccount: async (_ctx, sub) => {
      const user = await deps.users.findById(sub);
      if (!user || user.tenantId !== tenantId || !user.accountEnabled) return undefined;
      return { accountId: user.id, claims: () => ({ sub: user.id, name: user.displayName, email: user.mail }) };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // A client-credentials request without `resource` is for the gateway's API.
        defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? config.apiResource : undefined) as string,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== config.apiResource) throw new errors.InvalidTarget();
          return {
            scope: 'directory',
            audience: config.apiResource,
            accessTokenTTL: config.apiTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/${tenantId}/interaction/${interaction.uid}` },
    ttl: { ClientCredentials: config.apiTokenTtlSeconds },
  };
  const provider = new Provider(issuerFor(config.publicUrl, tenantId), configuration);
  provider.proxy = config.trustProxy;
  return provider;
}

function clientMetadata(app: Application, clientSecret: string): AdapterPayload {
  const interactive = app.replyUrls.length > 0;
  return {
    client_id: app.appId,
    client_secret: clientSecret,
    client_name: app.displayName,
    redirect_uris: app.replyUrls,
    grant_types: interactive ? ['authorization_code', 'refresh_token', 'client_credentials'] : ['client_credentials'],
    response_types: interactive ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}
