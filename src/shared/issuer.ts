/** A tenant's issuer: `<public url>/<tenant id>/v2.0`. */
export function issuerFor(publicUrl: string, tenantId: string): string {
  return `${publicUrl}/${tenantId}/v2.0`;
}

/**
 * The identity provider a home identity signs in at (the `idp` a guest's ID token names): a partner
 * company's own provider for a federated identity, else the issuer of the gateway tenant it lives in.
 */
export function homeIdentityProvider(publicUrl: string, home: { tenantId: string; upstreamIssuer: string | null }): string {
  return home.upstreamIssuer ?? issuerFor(publicUrl, home.tenantId);
}
