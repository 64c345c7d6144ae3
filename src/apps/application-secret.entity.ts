import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One client secret of an application (an app may hold several, for rotation). */
@Entity({ name: 'application_secret' })
export class ApplicationSecret {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ type: 'varchar', length: 256 })
  displayName: string;

  /** The first characters of the secret, so an admin can tell which one a system holds. */
  @Column({ type: 'varchar', length: 8 })
  hint: string;

  /** Sealed with the gateway's SecretBox. */
  @Column({ type: 'text' })
  secretSealed: string;

  /** Null: never expires (the secret an app was created with). */
  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
