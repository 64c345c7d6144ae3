import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalEmail } from '../shared/email.js';
import type { Clock } from '../shared/clock.js';

/** How long a browser stays familiar to an account after its last sign-in there. */
export const FAMILIAR_FOR_MS = 90 * 24 * 60 * 60 * 1000;
/** Accounts one browser is familiar to at most (a shared computer); the oldest sign-in goes first. */
const ACCOUNTS_PER_BROWSER = 5;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The account a token is for: a token proves a sign-in with this password, so a password change or
 * reset, an administrator ending the account's sign-ins, or another account taking the address
 * later makes it count for nothing (whoever once held the password could mint any number of tokens).
 */
export interface FamiliarAccount {
  id: string;
  passwordHash: string | null;
  signInSessionsValidFrom: Date | null;
}

/** A browser's tokens, checked against the account once it is looked up (AccountService.signIn). */
export type FamiliarCheck = (account: FamiliarAccount) => string | null;

interface Token {
  device: string;
  expires: number;
  mac: string;
}

/**
 * Browsers an account signed in from before (Entra's smart lockout tells familiar sign-ins from
 * unfamiliar ones). A browser that proved a password for an address gets a token for it: a device id
 * random to the browser, an expiry, and an HMAC binding both to the address and the account's
 * current password (FamiliarAccount). Only a valid token keeps
 * the owner's attempts out of the account-wide budget that guessing from many addresses spends
 * (RateLimits.takeBudgets); the token proves a past sign-in, never an identity, so a stolen one
 * buys its holder one small budget of its own (per account and device), not a way in.
 */
export class FamiliarDevices {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** The device id the cookie proves familiar to `email`'s `account`, or null (no token, another address or password, expired, forged). */
  deviceFor(cookie: string | undefined, email: string, account: FamiliarAccount): string | null {
    const address = canonicalEmail(email);
    const now = this.clock.now().getTime();
    for (const token of parse(cookie)) {
      if (token.expires <= now) continue;
      const expected = Buffer.from(this.mac(token.device, token.expires, address, account));
      const sent = Buffer.from(token.mac);
      if (sent.length === expected.length && timingSafeEqual(sent, expected)) return token.device;
    }
    return null;
  }

  /** The cookie after `account`'s password was proven for `email` in this browser: that token renewed, the newest five kept. */
  remember(cookie: string | undefined, email: string, account: FamiliarAccount): string {
    const address = canonicalEmail(email);
    const tokens = parse(cookie);
    const device = this.deviceFor(cookie, address, account) ?? tokens[0]?.device ?? randomBytes(16).toString('base64url');
    const expires = this.clock.now().getTime() + FAMILIAR_FOR_MS;
    const others = tokens.filter((t) => this.deviceFor(serialize([t]), address, account) === null);
    const kept = [{ device, expires, mac: this.mac(device, expires, address, account) }, ...others].slice(0, ACCOUNTS_PER_BROWSER);
    return serialize(kept);
  }

  private mac(device: string, expires: number, address: string, account: FamiliarAccount): string {
    const ended = account.signInSessionsValidFrom?.getTime() ?? 0;
    const bound = `${device}.${expires}.${address}.${account.id}.${ended}.${account.passwordHash ?? ''}`;
    return createHmac('sha256', this.key).update(bound).digest('base64url');
  }
}

/** Tokens `device.expires.mac`, separated by `~`; anything malformed is ignored. */
function parse(cookie: string | undefined): Token[] {
  if (!cookie || cookie.length > 1024) return [];
  const tokens: Token[] = [];
  for (const part of cookie.split('~').slice(0, ACCOUNTS_PER_BROWSER)) {
    const [device, expires, mac, extra] = part.split('.');
    if (extra !== undefined || !device || !DEVICE_ID.test(device) || !mac || !/^\d{1,15}$/.test(expires ?? '')) continue;
    tokens.push({ device, expires: Number(expires), mac });
  }
  return tokens;
}

function serialize(tokens: Token[]): string {
  return tokens.map((t) => `${t.device}.${t.expires}.${t.mac}`).join('~');
}
