import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The gateway's own browser session (cookie `gw_session`): who is signed in with a home account,
 * and the redemption in progress. Kept in the database so any gateway process can serve the next step.
 */
@Entity({ name: 'browser_session' })
export class BrowserSession {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  idHash: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** The invitation being redeemed in this browser, once its ticket was checked. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;

  /** The ticket hash seen, so the redemption is bound to the link that started it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ticketHash: string | null;

  /** Sign-up: the address proven by a code, waiting for the profile step. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  verifiedEmail: string | null;

  /** A sign-in at a partner's identity provider in progress (sealed JSON: state, nonce, PKCE verifier, purpose). */
  @Column({ type: 'text', nullable: true })
  federationState: string | null;

  /** The OIDC interaction that a sign-in just completed for (so prompt=login does not ask twice). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  freshLoginUid: string | null;

  /**
   * How the signed-in person proved who they are (RFC 8176 values, space-separated: `pwd`, `fed`,
   * `otp`, `hwk`, `swk`, `mfa`); the ID token's `amr` and `acr` are derived from it.
   */
  @Column({ type: 'varchar', length: 128, nullable: true })
  amr: string | null;

  /** When the person last signed in with a first factor (the ID token's `auth_time`). */
  @Column({ type: Date, nullable: true })
  authenticatedAt: Date | null;

  /**
   * When this browser's sign-in as its person began: the first factor proven while the browser was
   * not signed in (nor half-way) as that person. Re-authenticating the same person keeps it; a tenant
   * whose session lifetime it outlived begins it anew (policy-steps.ts). Null before the migration.
   */
  @Column({ type: Date, nullable: true })
  sessionStartedAt: Date | null;

  /**
   * Per tenant id, when the session began anew for that tenant (epoch ms, JSON): a sign-in made after
   * the tenant's session lifetime ended begins a new session for that tenant only (policy-steps.ts),
   * so it cannot revive another tenant's ended one. Cleared when the browser signs in as someone else.
   */
  @Column({ type: 'text', nullable: true })
  tenantSessionStarts: string | null;

  /** When the person last completed a second factor in this browser. */
  @Column({ type: Date, nullable: true })
  mfaAt: Date | null;

  /** A password (or partner sign-in) was proven for this account, but its second factor is still owed: not signed in yet. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  pendingUserId: string | null;

  /** A WebAuthn ceremony in progress (sealed JSON: challenge, purpose, expiry): single use, bound to this session. */
  @Column({ type: 'text', nullable: true })
  mfaChallenge: string | null;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date })
  createdAt: Date;
}
