import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What was attempted. The GraphQL enum names are the keys. */
export enum SignInKind {
  /** A password or federated sign-in: an app's sign-in page, the access panel, the account page, a partner's provider. */
  Interactive = 'interactive',
  /** An app sign-in that used the browser's existing gateway sign-in, without the sign-in page. */
  Silent = 'silent',
  /** Redeeming an invitation. */
  Redemption = 'redemption',
  /** An app exchanging a refresh token for new tokens. */
  Refresh = 'refresh',
}

export enum SignInResult {
  Success = 'success',
  Failure = 'failure',
}

/**
 * One entry of a tenant's sign-in log (Entra's sign-in log): who tried to sign in to what, how, from
 * where, and the decision. Never a password, code or token. Written only by SignInLogService.
 */
@Entity({ name: 'sign_in_event' })
@Index('IDX_sign_in_event_tenant_time', ['tenantId', 'createdAt'])
@Index('IDX_sign_in_event_tenant_user', ['tenantId', 'userId'])
@Index('IDX_sign_in_event_tenant_app', ['tenantId', 'applicationId'])
@Index('IDX_sign_in_event_time', ['createdAt'])
export class SignInEvent {
  /** Time-ordered (UUIDv7): the listing pages by id, newest first. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The tenant whose log holds the entry: where the app, panel or invitation lives. */
  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: 'varchar', length: 16 })
  kind: SignInKind;

  @Column({ type: 'varchar', length: 8 })
  result: SignInResult;

  /** Why it was refused: an ErrorCode (INVALID_CREDENTIALS, ACCESS_DENIED, …) or the OIDC error of a refresh (`invalid_grant`). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reasonCode: string | null;

  /** The tenant's account (member or guest), when known; no foreign key: the entry outlives a removed user. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** The home identity behind the account (the account itself for a member). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  homeUserId: string | null;

  /** The address the person signed in with: the account's, or the one typed when no account was found. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  signInAddress: string | null;

  /** The account's display name at the time. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  userDisplayName: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  applicationId: string | null;

  /** The app's display name at the time. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  appDisplayName: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** Truncated to 512 characters. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  /** How the person had signed in (RFC 8176 amr values, space-separated, e.g. `pwd otp mfa`). */
  @Column({ type: 'varchar', length: 64 })
  authMethods: string;

  /** The home identity provider (the `idp` a guest's ID token names): a partner's issuer or a gateway tenant's. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  homeIdp: string | null;
}
