import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A one-time code mailed to prove an address (sign-up at redemption). Only its hash is kept. */
@Entity({ name: 'verification_code' })
export class VerificationCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** The browser session (its id hash) that the redemption runs in. */
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
