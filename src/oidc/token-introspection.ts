import type { Configuration } from 'oidc-provider';
import type { AccessService } from '../access/access.service.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { UserService } from '../directory/user.service.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import { rememberedSignIn } from './sign-in-policy.js';

// The typings' enabled variant (`{ enabled: boolean }`), which they do not export by name.
type Introspection = Extract<NonNullable<NonNullable<Configuration['features']>['introspection']>, { enabled: boolean }>;

export interface IntrospectionDeps {
  users: UserService;
  apps: ApplicationService;
  access: AccessService;
  policy: PolicyGate;
}

/**
 * Token introspection (RFC 7662). An app introspects only its own tokens (as it may only revoke its
 * own), and a token is active only while its account may still sign in to its app (expiry, disabling
 * and redemption are checked here, not only when the minute job or a revocation catches up) and the
 * sign-in it remembers still satisfies the tenant's policy.
 */
export function tokenIntrospection(deps: IntrospectionDeps, tenantId: string): Introspection {
  return {
    enabled: true,
    allowedPolicy: async (_ctx, client, token) => {
      if (token.clientId !== client.clientId) return false;
      const { accountId } = token as { accountId?: string };
      if (!accountId) return true;
      const user = await deps.users.findById(accountId);
      const app = token.clientId ? await deps.apps.findByAppId(tenantId, token.clientId) : null;
      if (user?.tenantId !== tenantId || !(await deps.access.mayUseTokens(user, app, token.iat ?? 0))) return false;
      return deps.policy.tokenAllowed(user, rememberedSignIn(token as Parameters<typeof rememberedSignIn>[0]));
    },
  };
}
