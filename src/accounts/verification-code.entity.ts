import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A one-time code mailed to prove an address (sign-up at redemption, password reset). Only its hash is kept. */
@Entity({ name: 'verification_code' })
export class VerificationCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** Whose code it is: the browser session (its id hash) a sign-up runs in, or `password-reset:<user id>`. */
  @Column({ type: 'varchar', length: 64 })
  redemptionId: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  verifiedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
