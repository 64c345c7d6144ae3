import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NameIdFormat = 'email' | 'persistent' | 'unspecified';

/** A SAML service provider: the SAML side of an application whose protocol is `saml`. */
@Entity({ name: 'saml_service_provider' })
export class SamlServiceProvider {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  /** The SP's entity id: the Issuer of its requests and the Audience of our assertions. */
  @Column({ type: 'varchar', length: 1024 })
  entityId: string;

  /** Assertion consumer service URLs (HTTP-POST); the first is the default. */
  @Column({ type: 'simple-json' })
  acsUrls: string[];

  @Column({ type: 'varchar', length: 16 })
  nameIdFormat: NameIdFormat;

  /** The SP's signing certificate (base64 DER); when set, its AuthnRequests and LogoutRequests must be signed. */
  @Column({ type: 'text', nullable: true })
  signingCertificate: string | null;

  /** Where a LogoutResponse goes (HTTP-POST); the first ACS URL's origin is never guessed. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  logoutUrl: string | null;

  /** The relay state of IdP-initiated sign-ins (Entra's "Relay State"), checked by `configuredRelayState`; null: none. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  relayState: string | null;

  @Column({ type: Date })
  createdAt: Date;
}
