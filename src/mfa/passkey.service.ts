import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { PrincipalKind } from '../directory/actor.js';
import { User, UserType } from '../directory/user.entity.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { CeremonyChallenges, type CeremonySession, type CeremonyStore, passkeyFailed } from './ceremony.js';
import { MfaMethod, MfaMethodKind } from './mfa-method.entity.js';
import { storedCredentialId, storedTransports } from './passkey-credential.js';
import type { MfaService } from './mfa.service.js';

export const RP_NAME = 'b2b-gateway';
const LABEL_MAX = 64;

/** How a passkey sign-in is recorded in `amr`: a synced (backed-up) passkey is `swk`, a device-bound one `hwk`. */
export type PasskeyAmr = 'hwk' | 'swk';
const passkeyAmr = (backedUp: boolean): PasskeyAmr => (backedUp ? 'swk' : 'hwk');

/**
 * Passkeys and security keys (WebAuthn) as a second factor of a home account. Every ceremony checks
 * the origin (PUBLIC_URL's), the RP id (its host), the challenge (CeremonyChallenges: single use,
 * five minutes, bound to the session, its purpose and person) and the credential's owner; a sign-in
 * also checks that the signature counter grows.
 */
export class PasskeyService {
  private readonly challenges: CeremonyChallenges;
  private readonly origin: string;
  private readonly rpID: string;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    box: SecretBox,
    store: CeremonyStore,
    private readonly audit: AuditService,
    private readonly mfa: Pick<MfaService, 'requireStepUp' | 'added'>,
    publicUrl: string,
  ) {
    this.challenges = new CeremonyChallenges(store, box, clock);
    this.origin = new URL(publicUrl).origin;
    this.rpID = new URL(publicUrl).hostname;
  }

  /**
   * Options for navigator.credentials.create, for the signed-in person (who proved a second factor in
   * this browser if the account holds one already).
   * @throws FORBIDDEN, MFA_REQUIRED
   */
  async registrationOptions(open: CeremonySession): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const home = await this.person(open.session.userId);
    await this.mfa.requireStepUp(home, open.session);
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: this.rpID,
      userID: new TextEncoder().encode(home.id),
      userName: home.mail,
      userDisplayName: home.displayName || home.mail,
      attestationType: 'none',
      excludeCredentials: (await this.passkeysOf(home.id)).map((p) => ({ id: p.credentialId!, transports: splitTransports(p) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    await this.challenges.start(open, 'register', home.id, options.challenge);
    return options;
  }

  /**
   * Verifies the browser's answer to registrationOptions and stores the passkey. The account's first
   * method brings its recovery codes, returned this once.
   * @throws PASSKEY_FAILED when the challenge, origin, RP id or attestation does not hold, or the key is registered already
   */
  async register(
    open: CeremonySession,
    response: unknown,
    label: string,
  ): Promise<{ method: MfaMethod; amr: PasskeyAmr; recoveryCodes: string[] | null }> {
    const home = await this.person(open.session.userId);
    await this.mfa.requireStepUp(home, open.session);
    const expectedChallenge = await this.challenges.take(open, 'register', home.id);
    const verified = await verifying(() =>
      verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: false,
      }),
    );
    if (!verified.verified) throw passkeyFailed();
    const { credential, credentialBackedUp } = verified.registrationInfo;
    const now = this.clock.now();
    const method: MfaMethod = {
      id: newId(),
      userId: home.id,
      kind: MfaMethodKind.Passkey,
      label: label.trim().slice(0, LABEL_MAX) || 'Passkey',
      totpSecret: null,
      totpLastStep: null,
      credentialId: storedCredentialId(credential.id),
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: storedTransports(credential.transports),
      backedUp: credentialBackedUp,
      confirmedAt: now,
      createdAt: now,
      lastUsedAt: null,
    };
    const registered = () => passkeyFailed('This passkey is registered already.');
    const recoveryCodes = await this.db
      .transaction(async (em) => {
        if (await em.existsBy(MfaMethod, { credentialId: credential.id })) throw registered();
        await em.insert(MfaMethod, method);
        return this.mfa.added(em, home, method);
      })
      .catch((error: unknown) => {
        // The same key registered by a concurrent request: the unique index decides, nothing half-written.
        throw isUniqueViolation(error) ? registered() : error;
      });
    return { method, amr: passkeyAmr(method.backedUp), recoveryCodes };
  }

  /** Options for navigator.credentials.get: the passkeys of the person signing in (or signed in), only. */
  async authenticationOptions(open: CeremonySession): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const home = await this.person(open.session.pendingUserId ?? open.session.userId);
    const passkeys = await this.passkeysOf(home.id);
    if (!passkeys.length) throw passkeyFailed('This account has no passkey.');
    const options = await generateAuthenticationOptions({
      rpID: this.rpID,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId!, transports: splitTransports(p) })),
      userVerification: 'preferred',
    });
    await this.challenges.start(open, 'authenticate', home.id, options.challenge);
    return options;
  }

  /**
   * Verifies the browser's answer to authenticationOptions, with one of the person's own passkeys.
   * A counter that does not grow (when either is non-zero) may be a cloned key: refused and audited.
   * @returns how to record the second factor (`hwk` or `swk`)
   * @throws PASSKEY_FAILED
   */
  async authenticate(open: CeremonySession, response: unknown): Promise<PasskeyAmr> {
    const home = await this.person(open.session.pendingUserId ?? open.session.userId);
    const expectedChallenge = await this.challenges.take(open, 'authenticate', home.id);
    const id = (response as { id?: unknown } | null)?.id;
    const passkey =
      typeof id === 'string'
        ? await this.db.manager.findOneBy(MfaMethod, { userId: home.id, kind: MfaMethodKind.Passkey, credentialId: id })
        : null;
    if (!passkey) throw passkeyFailed('This passkey is not registered for your account.');
    const verified = await verifying(() =>
      verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        // The counter rule is ours (below), so that a refusal is also audited: the library's check is off.
        credential: { id: passkey.credentialId!, publicKey: Buffer.from(passkey.publicKey!, 'base64url'), counter: 0 },
        requireUserVerification: false,
      }),
    );
    if (!verified.verified) throw passkeyFailed();
    const { newCounter, credentialBackedUp } = verified.authenticationInfo;
    if ((newCounter > 0 || passkey.signCount > 0) && newCounter <= passkey.signCount) {
      await this.audit.record(
        this.db.manager,
        selfActor(home),
        AuditAction.PasskeyCounterRegressed,
        { type: 'User', id: home.id },
        {
          credentialId: passkey.credentialId!,
          storedCounter: passkey.signCount,
          presentedCounter: newCounter,
        },
      );
      throw passkeyFailed('This passkey was refused: it may have been copied. Use another method and remove this passkey.');
    }
    await this.db.manager.update(
      MfaMethod,
      { id: passkey.id },
      { signCount: newCounter, backedUp: credentialBackedUp, lastUsedAt: this.clock.now() },
    );
    return passkeyAmr(credentialBackedUp);
  }

  /** The passkeys of a home account, oldest first. */
  passkeysOf(userId: string): Promise<MfaMethod[]> {
    return this.db.manager.find(MfaMethod, { where: { userId, kind: MfaMethodKind.Passkey }, order: { createdAt: 'ASC' } });
  }

  /** The enabled home account a ceremony is for. @throws FORBIDDEN without one */
  private async person(userId: string | null): Promise<User> {
    const home = userId ? await this.db.manager.findOneBy(User, { id: userId, userType: UserType.Member }) : null;
    if (!home?.accountEnabled) throw new DomainError(ErrorCode.FORBIDDEN, 'Sign in first.');
    return home;
  }
}

const splitTransports = (p: MfaMethod) => p.transports?.split(',');

/** The library throws on any malformed or mismatching response: the browser's input, so PASSKEY_FAILED, never a 500. */
async function verifying<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch {
    throw passkeyFailed();
  }
}

function selfActor(home: User) {
  return { tenantId: home.tenantId, kind: PrincipalKind.User, id: home.id, displayName: home.displayName };
}
