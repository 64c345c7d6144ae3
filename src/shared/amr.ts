/**
 * Authentication method references (RFC 8176) as the gateway records them: what a browser session
 * knows of how its person signed in, and what ID tokens say in `amr`.
 *  - `pwd` a password held by the gateway; `fed` a sign-in at a partner's own identity provider;
 *  - `otp` an authenticator app's code (or a recovery code); `hwk` a device-bound passkey or
 *    security key; `swk` a synced passkey;
 *  - `mfa` a second factor completed (added with `otp`, `hwk` or `swk`, or from a trusted partner).
 */
export type Amr = 'pwd' | 'fed' | 'otp' | 'hwk' | 'swk' | 'mfa';

const KNOWN: ReadonlySet<string> = new Set<Amr>(['pwd', 'fed', 'otp', 'hwk', 'swk', 'mfa']);

/** The stored form (space-separated) read back; unknown values are dropped. */
export function parseAmr(stored: string | null | undefined): Amr[] {
  return [...new Set((stored ?? '').split(' ').filter((v): v is Amr => KNOWN.has(v)))];
}

/** The stored form of `amr` plus `more`, without repeats, in a stable order. */
export function withAmr(stored: string | null | undefined, ...more: Amr[]): string {
  const all = new Set<Amr>([...parseAmr(stored), ...more]);
  return [...KNOWN].filter((v) => all.has(v as Amr)).join(' ');
}

/** Whether the values show a completed second factor. */
export function hasMfa(amr: readonly string[]): boolean {
  return amr.includes('mfa');
}

/**
 * Whether the values show a second factor the gateway itself verified (`otp`, `hwk`, `swk`): a
 * partner's `mfa` alone (`fed mfa`) is the partner's word, never a step-up for the gateway's methods.
 */
export function hasOwnMfa(amr: readonly string[]): boolean {
  return hasMfa(amr) && amr.some((value) => value === 'otp' || value === 'hwk' || value === 'swk');
}
