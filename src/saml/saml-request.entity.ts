import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An AuthnRequest received (or an IdP-initiated sign-in begun): where its answer goes. The pair
 * (applicationId, requestId) is unique, so a replayed request id is refused by every process;
 * `answeredAt` is set once, by a conditional update, so one request gets one response.
 */
@Entity({ name: 'saml_request' })
export class SamlRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  /** The AuthnRequest's ID (InResponseTo); null for an IdP-initiated sign-in. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 2048 })
  acsUrl: string;

  @Column({ type: 'text', nullable: true })
  relayState: string | null;

  /** The SP asked for a fresh sign-in (ForceAuthn): the browser's sign-in is not used silently. */
  @Column({ type: 'boolean', default: false })
  forceAuthn: boolean;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  answeredAt: Date | null;
}
