/**
 * Authentication context class references (the ID token's `acr`) the gateway issues and advertises:
 * one factor (a password or a partner's sign-in), or a second factor that counts in the tenant (the
 * gateway's own, or a partner's the tenant's policy trusts). An app asks for MFA with
 * `acr_values=urn:b2b-gateway:acr:mfa` (or an essential `acr` claim) and gets it.
 */
export const ACR_1FA = 'urn:b2b-gateway:acr:1fa';
export const ACR_MFA = 'urn:b2b-gateway:acr:mfa';
export const ACR_VALUES = [ACR_1FA, ACR_MFA] as const;

/** The acr of a sign-in whose MFA counted (or not) in the tenant. */
export function acrFor(mfaCounted: boolean): string {
  return mfaCounted ? ACR_MFA : ACR_1FA;
}

/** The gateway's values among `values` name MFA and not one factor (which would be acceptable too). */
function onlyMfa(values: readonly unknown[]): boolean {
  return values.includes(ACR_MFA) && !values.includes(ACR_1FA);
}

/** Whether an authorization request asks for MFA: `acr_values`, or an `acr` claim in `claims.id_token`/`claims.userinfo`. */
export function requestsMfa(params: { acr_values?: unknown; claims?: unknown }): boolean {
  if (typeof params.acr_values === 'string' && onlyMfa(params.acr_values.split(' '))) return true;
  let claims: unknown = params.claims;
  if (typeof claims === 'string') {
    try {
      claims = JSON.parse(claims);
    } catch {
      return false;
    }
  }
  const asked = (where: unknown): boolean => {
    const acr = (where as { acr?: { value?: unknown; values?: unknown } } | undefined)?.acr;
    return acr?.value === ACR_MFA || (Array.isArray(acr?.values) && onlyMfa(acr.values));
  };
  const c = claims as { id_token?: unknown; userinfo?: unknown } | null;
  return !!c && (asked(c.id_token) || asked(c.userinfo));
}

/** acr values of a partner's provider that say MFA: another b2b-gateway's, and OpenID PAPE's multi-factor policy. */
const PARTNER_MFA_ACRS: ReadonlySet<string> = new Set([ACR_MFA, 'http://schemas.openid.net/pape/policies/2007/06/multi-factor']);

/**
 * Whether a partner's ID token shows a completed second factor: `amr` (RFC 8176) contains `mfa`, or
 * `acr` is one of PARTNER_MFA_ACRS. A bare `otp` or `hwk` is not taken for MFA: a provider may use
 * one as the only factor. Whether it counts in a tenant is the tenant's policy (`trustPartnerMfa`).
 */
export function upstreamShowsMfa(claims: { amr?: unknown; acr?: unknown }): boolean {
  if (Array.isArray(claims.amr) && claims.amr.includes('mfa')) return true;
  return typeof claims.acr === 'string' && PARTNER_MFA_ACRS.has(claims.acr);
}
