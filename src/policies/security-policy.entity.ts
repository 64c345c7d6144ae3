import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who must accept the tenant's terms of use before the first token. */
export enum TermsAudience {
  None = 'none',
  Guests = 'guests',
  Everyone = 'everyone',
}

/**
 * A tenant's security policy: one row per tenant, written only by src/policies/security-policy.service.ts.
 * A tenant without a row has the defaults (`defaultPolicy`): MFA for administrators, nothing else.
 */
@Entity({ name: 'security_policy' })
export class SecurityPolicy {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  tenantId: string;

  /** Holders of a directory role must complete a second factor. */
  @Column({ type: 'boolean', default: true })
  mfaForAdmins: boolean;

  @Column({ type: 'boolean', default: false })
  mfaForMembers: boolean;

  @Column({ type: 'boolean', default: false })
  mfaForGuests: boolean;

  /** A guest's MFA done elsewhere counts here: at a federated partner (its ID token said so) or for another tenant of the gateway. */
  @Column({ type: 'boolean', default: false })
  trustPartnerMfa: boolean;

  /** After this many minutes since the person last signed in, they sign in again (and refresh tokens stop). */
  @Column({ type: 'integer', nullable: true })
  signInFrequencyMinutes: number | null;

  /**
   * The longest a session lasts in this tenant, from the sign-in that began it, whatever happens in
   * between (policy-decision.ts, sessionOutlived): the browser's sign-in, and an app's refresh tokens.
   */
  @Column({ type: 'integer', nullable: true })
  sessionLifetimeMinutes: number | null;

  @Column({ type: 'varchar', length: 16, default: TermsAudience.None })
  termsAudience: TermsAudience;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  termsUrl: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  termsVersion: string | null;

  /** The document per language (`{ "de": "https://…" }`), where given. */
  @Column({ type: 'simple-json', nullable: true })
  termsUrls: Record<string, string> | null;

  @Column({ type: Date, nullable: true })
  updatedAt: Date | null;
}

/** One person's acceptance of one version of a tenant's terms of use (the tenant's account: member or guest). */
@Entity({ name: 'terms_acceptance' })
@Index('UQ_terms_acceptance', ['tenantId', 'userId', 'version'], { unique: true })
export class TermsAcceptance {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  version: string;

  /** The language the document was shown in. */
  @Column({ type: 'varchar', length: 16 })
  language: string;

  @Column({ type: Date })
  acceptedAt: Date;
}

export type PolicyValues = Omit<SecurityPolicy, 'updatedAt'>;

/** The policy of a tenant without a row. */
export function defaultPolicy(tenantId: string): PolicyValues {
  return {
    tenantId,
    mfaForAdmins: true,
    mfaForMembers: false,
    mfaForGuests: false,
    trustPartnerMfa: false,
    signInFrequencyMinutes: null,
    sessionLifetimeMinutes: null,
    termsAudience: TermsAudience.None,
    termsUrl: null,
    termsVersion: null,
    termsUrls: null,
  };
}
