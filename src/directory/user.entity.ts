import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum UserType {
  Member = 'Member',
  Guest = 'Guest',
}

export enum CreationType {
  Invitation = 'Invitation',
  SelfServiceSignUp = 'SelfServiceSignUp',
}

export enum ExternalUserState {
  PendingAcceptance = 'PendingAcceptance',
  Accepted = 'Accepted',
}

@Entity({ name: 'directory_user' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  userType: UserType;

  @Column({ type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  givenName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  familyName: string | null;

  /** The language of the mail the gateway sends the user (a supported language tag), or null for the default. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  preferredLanguage: string | null;

  /** Normalised (lower-case) mail address; for a guest, the invited address. */
  @Column({ type: 'varchar', length: 320 })
  mail: string;

  /**
   * A member's address; a guest's `alias_domain[n]#EXT#@<defaultDomain>` (`guestUserPrincipalName`):
   * up to 254 + a number + 6 + 253 characters, so 530 (the 1765193200000 migration).
   */
  @Column({ type: 'varchar', length: 530 })
  userPrincipalName: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  creationType: CreationType | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  externalUserState: ExternalUserState | null;

  @Column({ type: Date, nullable: true })
  externalUserStateChangedAt: Date | null;

  /** Set at redemption: the address the person signed in with. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  signInName: string | null;

  /** Set at redemption: opaque, stable id of the home identity. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  altSecId: string | null;

  @Column({ type: 'boolean' })
  accountEnabled: boolean;

  /** Members with gateway credentials: scrypt hash (see accounts/password.ts); null otherwise. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /**
   * A member an administrator created who has not yet set a password from the activation link
   * (src/accounts/activation.service.ts): it may not sign in until then.
   */
  @Column({ type: 'boolean', default: false })
  activationPending: boolean;

  /** The member proved it receives mail at `mail` (sign-up code). */
  @Column({ type: 'boolean', default: false })
  emailVerified: boolean;

  /** For a redeemed guest: the home account it signs in with (a member of a gateway tenant). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  homeUserId: string | null;

  /** A guest's access ends at this moment (disabled automatically). */
  @Column({ type: Date, nullable: true })
  accessExpiresAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastSignInAt: Date | null;

  /** A member whose identity lives at the partner's own OpenID provider: its issuer and subject. No password. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  upstreamIssuer: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  upstreamSubject: string | null;

  /** Last successful sign-in at the upstream provider; access through it is bounded from here. */
  @Column({ type: Date, nullable: true })
  upstreamAuthenticatedAt: Date | null;

  /**
   * Sign-ins ended at this moment (revokeSignInSessions, a password reset or change, disabling): API
   * access tokens issued in an earlier second are refused (system clock, like the tokens' `iat`).
   */
  @Column({ type: Date, nullable: true })
  signInSessionsValidFrom: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
