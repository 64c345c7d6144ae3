/** A tenant's issuer: `<public url>/<tenant id>/v2.0`. */
export function issuerFor(publicUrl: string, tenantId: string): string {
  return `${publicUrl}/${tenantId}/v2.0`;
}
