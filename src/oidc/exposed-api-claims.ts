import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AccessService } from '../access/access.service.js';
import type { Application } from '../apps/application.entity.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { ResourceApi } from '../apps/resource-apis.js';
import type { User } from '../directory/user.entity.js';
import type { UserService } from '../directory/user.service.js';
import { accountClaims } from './claims.js';
import { type ApiResource, shortScope } from './first-party-grant.js';

/** What the provider hands extraTokenClaims about an access token. */
export interface IssuedToken {
  kind?: string;
  accountId?: string;
  scope?: string;
  clientId?: string;
  resourceServer?: { identifier(): string };
}

interface ClaimDeps {
  config: { publicUrl: string };
  apps: Pick<ApplicationService, 'findByAppId'>;
  users: Pick<UserService, 'findById'>;
  access: Pick<AccessService, 'appRolesOf'>;
  api: ApiResource;
}

/** The claims of a user's account the API of another app sees (Entra's v2 access token); `roles` only when it has some. */
const USER_CLAIMS = ['oid', 'tid', 'idp', 'altsecid', 'acct', 'name', 'unique_name', 'ver'] as const;

/**
 * The claims of an access token for an API an application exposes (the provider adds `iss`, `aud`
 * = the API's identifier, `sub`, `client_id`, `scope`, `iat`, `exp`, `jti`): the tenant, the calling
 * app (`azp`, and `appid` as v1 tokens name it), and either the user it acts for with the delegated
 * scopes granted and requested (`scp`, short names) and the user's app roles in the API's app, or,
 * acting as itself, the app roles granted to it (`roles`, `idtyp: app`).
 */
export async function exposedApiClaims(
  deps: ClaimDeps,
  tenantId: string,
  api: ResourceApi & { application: Application },
  token: IssuedToken,
  account: User | null,
): Promise<Record<string, unknown>> {
  const { identifier } = api;
  const clientId = token.clientId ?? '';
  const caller = { tid: tenantId, azp: clientId, appid: clientId, ver: '2.0' };
  if (account) {
    const home = account.homeUserId ? await deps.users.findById(account.homeUserId) : null;
    const all = accountClaims(deps.config.publicUrl, tenantId, account, home);
    const scp = [
      ...new Set(
        (token.scope ?? '')
          .split(' ')
          .filter(Boolean)
          .map((s) => shortScope(s, identifier)),
      ),
    ].join(' ');
    const roles = await deps.access.appRolesOf(account, api.application.id);
    return {
      ...Object.fromEntries(USER_CLAIMS.filter((k) => all[k] !== undefined).map((k) => [k, all[k]])),
      ...caller,
      scp,
      ...(roles.length ? { roles } : {}),
    };
  }
  const app = await deps.apps.findByAppId(tenantId, clientId);
  const roles = app ? await deps.api.applicationRoles(tenantId, clientId, api) : [];
  return { ...caller, oid: app?.id, roles, idtyp: 'app' };
}

/** The application whose API a token request is for (its `resource`, or the one the code or refresh token holds), if any. */
export async function resourceApplication(
  api: ApiResource,
  tenantId: string,
  ctx: KoaContextWithOIDC,
  token: unknown,
): Promise<Application | null> {
  const param = ctx.oidc?.params?.resource;
  const held = (token as { resource?: unknown } | undefined)?.resource;
  const identifier = typeof param === 'string' ? param : typeof held === 'string' ? held : undefined;
  return identifier ? ((await api.find(tenantId, identifier))?.application ?? null) : null;
}
