import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalEmail } from '../shared/email.js';
import type { Clock } from '../shared/clock.js';

/** How long a browser stays familiar to an account after its last sign-in there. */
export const FAMILIAR_FOR_MS = 90 * 24 * 60 * 60 * 1000;
/** Accounts one browser is familiar to at most (a shared computer); the oldest sign-in goes first. */
const ACCOUNTS_PER_BROWSER = 5;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

interface Token {
  device: string;
  expires: number;
  mac: string;
}

/**
 * Browsers an account signed in from before (Entra's smart lockout tells familiar sign-ins from
 * unfamiliar ones). A browser that proved a password for an address gets a token for it: a device id
 * random to the browser, an expiry, and an HMAC binding both to the address. Only a valid token keeps
 * the owner's attempts out of the account-wide budget that guessing from many addresses spends
 * (RateLimits.takeBudgets); the token proves a past sign-in, never an identity, so a stolen one
 * buys its holder one small budget of its own (per account and device), not a way in.
 */
export class FamiliarDevices {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** The device id the cookie proves familiar to `email`, or null (no token, another address, expired, forged). */
  deviceFor(cookie: string | undefined, email: string): string | null {
    const address = canonicalEmail(email);
    const now = this.clock.now().getTime();
    for (const token of parse(cookie)) {
      if (token.expires <= now) continue;
      const expected = Buffer.from(this.mac(token.device, token.expires, address));
      const sent = Buffer.from(token.mac);
      if (sent.length === expected.length && timingSafeEqual(sent, expected)) return token.device;
    }
    return null;
  }

  /** The cookie after a password proven for `email` in this browser: that address's token renewed, the newest five kept. */
  remember(cookie: string | undefined, email: string): string {
    const address = canonicalEmail(email);
    const tokens = parse(cookie);
    const device = this.deviceFor(cookie, address) ?? tokens[0]?.device ?? randomBytes(16).toString('base64url');
    const expires = this.clock.now().getTime() + FAMILIAR_FOR_MS;
    const others = tokens.filter((t) => this.deviceFor(serialize([t]), address) === null);
    const kept = [{ device, expires, mac: this.mac(device, expires, address) }, ...others].slice(0, ACCOUNTS_PER_BROWSER);
    return serialize(kept);
  }

  private mac(device: string, expires: number, address: string): string {
    return createHmac('sha256', this.key).update(`${device}.${expires}.${address}`).digest('base64url');
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
