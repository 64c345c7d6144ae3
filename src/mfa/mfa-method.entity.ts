import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum MfaMethodKind {
  /** An authenticator app (TOTP, RFC 6238). */
  Totp = 'totp',
  /** A passkey or security key (WebAuthn). */
  Passkey = 'passkey',
}

/**
 * A second factor of a home account: one person, one set of methods, used in every tenant where the
 * person is a guest. Written only by src/mfa/ (the TOTP and passkey services).
 */
@Entity({ name: 'mfa_method' })
@Index('IDX_mfa_method_user', ['userId'])
export class MfaMethod {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The home account (deleting it deletes its methods: foreign key). */
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MfaMethodKind;

  /** The person's name for it ("Phone", "YubiKey"). */
  @Column({ type: 'varchar', length: 64 })
  label: string;

  /** TOTP: the shared secret, sealed with the gateway's SecretBox (never stored in plain text). */
  @Column({ type: 'text', nullable: true })
  totpSecret: string | null;

  /** TOTP: the last time step accepted, so a code is never accepted twice (replay within its window). */
  @Column({ type: 'integer', nullable: true })
  totpLastStep: number | null;

  /** Passkey: the credential id (base64url, at most WebAuthn's 1023 bytes: `storedCredentialId`), unique over the gateway. */
  @Column({ type: 'varchar', length: 1364, nullable: true, unique: true })
  credentialId: string | null;

  /** Passkey: the COSE public key (base64url). */
  @Column({ type: 'text', nullable: true })
  publicKey: string | null;

  /**
   * Passkey: the authenticator's signature counter (unsigned 32 bits), checked to only grow (cloned-key
   * detection). bigint on PostgreSQL, which the driver reads back as a string: a number here.
   */
  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: unknown) => Number(value) } })
  signCount: number;

  /** Passkey: the transports the authenticator reported, comma-separated. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  transports: string | null;

  /** Passkey: whether the credential is synced across devices (`swk`) or bound to hardware (`hwk`). */
  @Column({ type: 'boolean', default: false })
  backedUp: boolean;

  /** Null while a TOTP enrolment waits for its first code: an unconfirmed method never counts. */
  @Column({ type: Date, nullable: true })
  confirmedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;
}

/** One of the ten single-use recovery codes of a home account; only a keyed hash is kept. */
@Entity({ name: 'recovery_code' })
@Index('IDX_recovery_code_user', ['userId'])
export class RecoveryCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** HMAC-SHA-256 of the normalised code under a key derived from the gateway secret. */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: Date, nullable: true })
  usedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
