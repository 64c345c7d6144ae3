import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The admin console's backend-for-frontend session: the browser holds only a random cookie value
 * (stored here as its SHA-256); the tokens stay on the server, sealed with the gateway's SecretBox.
 * Before the callback it holds the authorization request (state, PKCE verifier); after, the tokens.
 */
@Entity({ name: 'console_session' })
export class ConsoleSession {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  idHash: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  /** The signed-in user (the ID token's `sub`); null while the authorization request is pending. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** Sealed JSON `{ state, verifier, returnTo }` of the pending authorization request; null after it. */
  @Column({ type: 'text', nullable: true })
  pendingRequest: string | null;

  @Column({ type: 'text', nullable: true })
  accessTokenSealed: string | null;

  @Column({ type: 'text', nullable: true })
  refreshTokenSealed: string | null;

  @Column({ type: Date, nullable: true })
  accessExpiresAt: Date | null;

  /**
   * Until when one process is rotating the refresh token (claimed by a conditional update on the
   * sealed refresh token); the others wait for its new tokens instead of spending the old one.
   */
  @Column({ type: Date, nullable: true })
  refreshClaimedUntil: Date | null;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date })
  createdAt: Date;
}
