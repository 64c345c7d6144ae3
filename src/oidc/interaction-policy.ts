import { interactionPolicy } from 'oidc-provider';
import { loginHintMatches } from '../shared/login-hint.js';

/**
 * The provider's interaction policy: the default prompts, plus the login prompt when the account lost
 * access (the login page says why), when the browser's gateway sign-in no longer matches, or when
 * `login_hint` names someone else. `denied` and `signedOut` are set on the account by `findAccount`
 * (src/oidc/provider.factory.ts) at each authorization request.
 */
export function accessAwarePolicy() {
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('access_lost', 'the account has no access to this application', async (ctx) =>
        (ctx.oidc.account as { denied?: boolean } | undefined)?.denied
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    );
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check(
        'gateway_signed_out',
        'the browser signed out of the gateway, or in as someone else',
        'login_required',
        async (ctx) =>
          (ctx.oidc.account as { signedOut?: boolean } | undefined)?.signedOut
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    );
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('login_hint_other_account', 'login_hint names another account than the signed-in one', async (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      const account = ctx.oidc.account as
        { claims?: (use: string, scope: string) => Promise<{ email?: string }> | { email?: string } } | undefined;
      if (typeof hint !== 'string' || !account?.claims) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const { email } = await account.claims('id_token', 'openid email');
      return email && !loginHintMatches(hint, email) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}
