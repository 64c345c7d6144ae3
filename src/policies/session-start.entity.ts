import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When the browser session behind a sign-in to a tenant began, for that tenant (written only by
 * src/policies/session-starts.ts): tokens remember the sign-in (`auth_time`), not the session, so a
 * refresh token got after the person signed in again within a session is held to that session's
 * start. Recorded for tenants with a session lifetime only.
 */
@Entity({ name: 'sign_in_session_start' })
@Index('IDX_sign_in_session_start_created', ['createdAt'])
export class SignInSessionStart {
  /** The account in the tenant (a guest's id, not its home account's). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  /** The sign-in's `auth_time`, in seconds. */
  @PrimaryColumn({ type: 'integer' })
  authTime: number;

  @Column({ type: Date })
  sessionStartedAt: Date;

  @Column({ type: Date })
  createdAt: Date;
}
