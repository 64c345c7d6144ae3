import type Provider from 'oidc-provider';
import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { writeBatchOf } from '../db/write-batch.js';
import type { Logger } from '../logging/logger.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';
import type { RequestLookups } from './request-lookups.js';

/**
 * A refresh token whose session outlived the tenant's session lifetime: the app gets `invalid_grant`,
 * the sign-in log the reason `SESSION_LIFETIME_ENDED`.
 */
export class SessionLifetimeEnded extends errors.InvalidGrant {
  readonly reasonCode = 'SESSION_LIFETIME_ENDED';

  constructor() {
    super("the session outlived the organization's session lifetime");
  }
}

/**
 * Every refresh-token decision of a tenant's provider goes to its sign-in log: the account and app
 * come from what the provider loaded (a refused token still names its account), the reason is the
 * OIDC error (`invalid_grant` when the account may no longer sign in), or the gateway's own where it
 * has one (`SESSION_LIFETIME_ENDED`). The token itself is never
 * passed on. A failed client authentication is the app's failure, not a sign-in: not recorded.
 */
export function logRefreshDecisions(
  provider: Provider,
  tenantId: string,
  signIns: SignInLogService,
  logger: Logger,
  known: Pick<RequestLookups, 'user' | 'app'>,
): void {
  // The provider's events cannot be awaited: each entry is kept by its request, whose answer waits for
  // it below. So the entry is in the log once the app has its answer (nothing races a reader).
  const writing = new WeakMap<object, Promise<void>>();
  provider.use(async (ctx, next) => {
    await next();
    await writing.get(ctx);
  });
  const record = (ctx: KoaContextWithOIDC, reasonCode: string | null) => {
    if (ctx.oidc?.params?.grant_type !== 'refresh_token' || !ctx.oidc.client || reasonCode === 'invalid_client') return;
    const token = ctx.oidc.entities.RefreshToken ?? ctx.oidc.entities.RotatedRefreshToken;
    const entry = signIns
      .record({
        kind: SignInKind.Refresh,
        tenantId,
        accountId: ctx.oidc.account?.accountId ?? token?.accountId ?? null,
        clientId: ctx.oidc.client.clientId,
        reasonCode,
        authMethods: token?.amr ?? [],
        context: { ip: ctx.ip, userAgent: ctx.get('user-agent') || null },
        known,
        // Written with the request's new tokens, in one statement on PostgreSQL.
        batch: writeBatchOf(ctx),
      })
      .catch((err: unknown) => logger.error({ err, tenantId }, 'recording a refresh in the sign-in log failed'));
    writing.set(ctx, entry);
  };
  provider.on('grant.success', (ctx) => record(ctx, null));
  provider.on('grant.error', (ctx, err) => {
    const { reasonCode, error } = err as { reasonCode?: string; error?: string };
    record(ctx, reasonCode ?? String(error ?? 'error'));
  });
}
