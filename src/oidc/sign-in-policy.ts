import type { KoaContextWithOIDC } from 'oidc-provider';
import type { User } from '../directory/user.entity.js';
import { requestsMfa } from '../policies/acr.js';
import type { KnownPolicy, PolicyGate, RememberedSignIn } from '../policies/policy-gate.js';

interface TokenLike {
  kind?: string;
  acr?: unknown;
  authTime?: unknown;
  iiat?: unknown;
  extra?: Record<string, unknown>;
}

/**
 * The sign-in a token was issued under: an authorization code and a refresh token carry `acr` and
 * `authTime`; an access token carries them in its extra claims (`signInTokenClaims`). A refresh
 * token's session began no later than the first of its rotations (`iiat`, which rotation keeps) and
 * the sign-in behind it (`authTime`): the earlier of the two, so refresh tokens an app got silently
 * late in a browser session end with that session rather than a lifetime after their first issue.
 */
export function rememberedSignIn(token: TokenLike | undefined): RememberedSignIn {
  if (!token) return {};
  if (token.kind === 'AccessToken') return { acr: token.extra?.acr, authTime: token.extra?.auth_time };
  if (token.kind !== 'RefreshToken') return { acr: token.acr, authTime: token.authTime };
  const times = [token.iiat, token.authTime].filter((t): t is number => typeof t === 'number');
  return { acr: token.acr, authTime: token.authTime, sessionStartedAt: times.length ? Math.min(...times) : undefined };
}

/**
 * `acr` and `auth_time` of the sign-in behind an access token being issued (from the code or the
 * refresh token of the grant), so userinfo, introspection and the API can hold it against the policy.
 */
export function signInTokenClaims(ctx: KoaContextWithOIDC): Record<string, unknown> {
  const entities = ctx.oidc.entities as { AuthorizationCode?: TokenLike; RefreshToken?: TokenLike };
  const source = entities.RefreshToken ?? entities.AuthorizationCode;
  if (!source) return {};
  return {
    ...(typeof source.acr === 'string' ? { acr: source.acr } : {}),
    ...(typeof source.authTime === 'number' ? { auth_time: source.authTime } : {}),
  };
}

/**
 * At authorization with an existing provider session: whether its sign-in still satisfies the
 * tenant's policy and the app's acr request, its session (the browser's sign-in, `browserSessionStart`)
 * within the session lifetime. When not, the login prompt runs and the gateway's interaction asks
 * for what is missing (another sign-in, MFA, terms).
 */
export async function sessionSatisfiesPolicy(
  gate: PolicyGate,
  ctx: KoaContextWithOIDC,
  account: User,
  browserSessionStart: Date | null,
  /** The policy, when the caller read it already (access-facts.ts). */
  known?: KnownPolicy,
): Promise<boolean> {
  const session = ctx.oidc.session;
  if (!session?.accountId || session.accountId !== account.id) return true; // no sign-in to judge: the login prompt runs anyway
  const authenticatedAt = typeof session.loginTs === 'number' ? new Date(session.loginTs * 1000) : null;
  const verdict = await gate.decide(
    account,
    { kind: 'token', authenticatedAt, acr: session.acr ?? null, sessionStartedAt: browserSessionStart ?? authenticatedAt },
    requestsMfa(ctx.oidc.params ?? {}),
    known,
  );
  return verdict.step === 'ok';
}
