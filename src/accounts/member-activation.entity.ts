import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one live activation link of a member (new account or password reset): only a keyed hash of
 * its token is kept; a new link replaces the row, using it deletes the row, removing the user
 * deletes it (foreign key).
 */
@Entity({ name: 'member_activation' })
export class MemberActivation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  /** HMAC-SHA-256 of the token under a key derived from the gateway secret. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date })
  createdAt: Date;
}
