import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { type EntityManager, IsNull, LessThan } from 'typeorm';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { MfaMethod, MfaMethodKind } from './mfa-method.entity.js';

const PERIOD = 30;
const DIGITS = 6;

/** An authenticator app being added: shown once on the enrolment page, never again. */
export interface TotpEnrolment {
  methodId: string;
  /** The shared secret in base32, for typing it in by hand. */
  secret: string;
  /** The otpauth:// URI the QR code carries. */
  uri: string;
  /** The QR code as an inline SVG element (no image service, no script). */
  qrSvg: string;
}

/**
 * Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). The secret is sealed with the gateway's
 * SecretBox; a code is accepted for the current step or one step either side, and only for a step
 * after the last one accepted (so a code is never accepted twice, not even within its window).
 */
export class TotpMethods {
  constructor(
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    private readonly issuer: string,
  ) {}

  /** A new unconfirmed method (replacing an earlier unconfirmed one of the account). */
  async enrol(em: EntityManager, user: { id: string; mail: string }, label: string): Promise<TotpEnrolment> {
    const secret = new Secret({ size: 20 });
    await em.delete(MfaMethod, { userId: user.id, kind: MfaMethodKind.Totp, confirmedAt: IsNull() });
    const methodId = newId();
    await em.insert(MfaMethod, {
      id: methodId,
      userId: user.id,
      kind: MfaMethodKind.Totp,
      label,
      totpSecret: this.secretBox.seal(secret.base32),
      totpLastStep: null,
      credentialId: null,
      publicKey: null,
      signCount: 0,
      transports: null,
      backedUp: false,
      confirmedAt: null,
      createdAt: this.clock.now(),
      lastUsedAt: null,
    });
    return this.describe(methodId, secret, user.mail);
  }

  /** An unconfirmed method shown again (a mistyped code): the same secret, so the app need not scan twice. */
  async shown(method: MfaMethod, mail: string): Promise<TotpEnrolment> {
    return this.describe(method.id, Secret.fromBase32(this.secretBox.open(method.totpSecret!)), mail);
  }

  private async describe(methodId: string, secret: Secret, mail: string): Promise<TotpEnrolment> {
    const uri = this.totp(secret, mail).toString();
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { methodId, secret: secret.base32, uri, qrSvg };
  }

  /**
   * Checks `code` against `method` and, when it matches a step after the last one used, records that
   * step in one conditional update: of two requests with the same code, only one wins. `confirm`
   * (an enrolment's first code) makes the method count, under the person's name for it.
   */
  async accept(em: EntityManager, method: MfaMethod, code: string, confirm: { label: string } | null = null): Promise<boolean> {
    const token = code.replace(/\s+/g, '');
    if (!method.totpSecret || !/^\d{6}$/.test(token)) return false;
    const totp = this.totp(Secret.fromBase32(this.secretBox.open(method.totpSecret)), 'x');
    const timestamp = this.clock.now().getTime();
    const delta = totp.validate({ token, timestamp, window: 1 });
    if (delta === null) return false;
    const step = totp.counter({ timestamp }) + delta;
    const now = this.clock.now();
    const changes = { totpLastStep: step, lastUsedAt: now, ...(confirm ? { confirmedAt: now, label: confirm.label } : {}) };
    const result = await em
      .createQueryBuilder()
      .update(MfaMethod)
      .set(changes)
      .where('id = :id', { id: method.id })
      .andWhere('("totpLastStep" IS NULL OR "totpLastStep" < :step)', { step })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Unconfirmed enrolments older than a day (abandoned pages). */
  async sweep(em: EntityManager): Promise<void> {
    const before = new Date(this.clock.now().getTime() - 24 * 60 * 60 * 1000);
    await em.delete(MfaMethod, { kind: MfaMethodKind.Totp, confirmedAt: IsNull(), createdAt: LessThan(before) });
  }

  private totp(secret: Secret, label: string): TOTP {
    return new TOTP({ issuer: this.issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret });
  }
}
