import type { SigningKeyService } from '../oidc/signing-key.service.js';
import { certificateFor, privateKeyPem } from './certificates.js';
import { identityProvider } from './saml-entities.js';
import type { SamlServiceProvider } from './saml-service-provider.entity.js';

/**
 * The tenant's signing keys (src/oidc, the same keys as the JWKS) as SAML uses them: every published
 * key's certificate in the metadata (the next key ahead of its use), the active key signing.
 */
export class SamlKeys {
  constructor(
    private readonly signingKeys: SigningKeyService,
    private readonly publicUrl: string,
  ) {}

  /** The IdP metadata: every published signing key's certificate. */
  async metadata(tenantId: string): Promise<string> {
    const keys = await this.keys(tenantId);
    return identityProvider(this.publicUrl, tenantId, { certificates: keys.map((k) => k.certificate) }).getMetadata();
  }

  /** The tenant as the IdP that signs for `sp` (its active key only; `sp`'s requests signed when it registered a certificate). */
  async signer(tenantId: string, sp: SamlServiceProvider) {
    const [active] = await this.keys(tenantId);
    return identityProvider(
      this.publicUrl,
      tenantId,
      { certificates: [active!.certificate], privateKeyPem: privateKeyPem(active!.jwk) },
      sp.signingCertificate !== null,
    );
  }

  /** The published keys with their certificates; the first signs. */
  private async keys(tenantId: string) {
    const published = await this.signingKeys.published(tenantId);
    const privates = new Map((await this.signingKeys.privateJwks(tenantId)).map((jwk) => [jwk.kid, jwk]));
    return Promise.all(
      published.map(async ({ key }) => {
        const jwk = privates.get(key.kid)!;
        return { jwk, certificate: await certificateFor(tenantId, key.kid, key.createdAt, jwk) };
      }),
    );
  }
}
