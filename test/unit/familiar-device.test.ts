import { describe, expect, it } from 'vitest';
import { FAMILIAR_FOR_MS, FamiliarDevices } from '../../src/accounts/familiar-device.js';
import { TestClock } from '../helpers/test-clock.js';

describe('familiar devices', () => {
  // Stopped at one instant, moved only by the test: expiry is checked to the millisecond, whatever the host's speed.
  const clock = new TestClock();
  clock.fixed = new Date('2026-03-01T12:00:00.000Z');
  const advance = (ms: number) => {
    clock.fixed = new Date(clock.now().getTime() + ms);
  };
  const devices = new FamiliarDevices(Buffer.alloc(32, 1), clock);
  const account = { id: 'user-1', passwordHash: 'scrypt$one', signInSessionsValidFrom: null };

  it('proves a past sign-in for that address only, in any case, until it expires', () => {
    const cookie = devices.remember(undefined, 'Anna@Fabrikam.example', account);
    const device = devices.deviceFor(cookie, 'anna@fabrikam.example', account);
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(devices.deviceFor(cookie, 'ANNA@fabrikam.example', account)).toBe(device);
    expect(devices.deviceFor(cookie, 'bob@fabrikam.example', account)).toBeNull();
    advance(FAMILIAR_FOR_MS - 1); // its last instant
    expect(devices.deviceFor(cookie, 'anna@fabrikam.example', account)).toBe(device);
    advance(1);
    expect(devices.deviceFor(cookie, 'anna@fabrikam.example', account)).toBeNull();
  });

  it('refuses a token whose address, expiry, device or MAC was changed, or made under another key', () => {
    const cookie = devices.remember(undefined, 'anna@fabrikam.example', account);
    const [device, expires, mac] = cookie.split('.') as [string, string, string];
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    for (const forged of [
      `${device}.${Number(expires) + 1000}.${mac}`,
      `${flip(device)}.${expires}.${mac}`,
      `${device}.${expires}.${flip(mac)}`,
      `${device}.${expires}.${mac}.extra`,
      `${device}.${expires}`,
      'garbage',
      '',
    ]) {
      expect(devices.deviceFor(forged, 'anna@fabrikam.example', account), forged).toBeNull();
    }
    expect(new FamiliarDevices(Buffer.alloc(32, 2), clock).deviceFor(cookie, 'anna@fabrikam.example', account)).toBeNull();
  });

  it('keeps one device id per browser, renews a sign-in, and keeps the five newest accounts', () => {
    let cookie = devices.remember(undefined, 'a0@fabrikam.example', account);
    const device = devices.deviceFor(cookie, 'a0@fabrikam.example', account);
    for (let i = 1; i <= 5; i++) cookie = devices.remember(cookie, `a${i}@fabrikam.example`, account);
    expect(cookie.split('~')).toHaveLength(5);
    expect(devices.deviceFor(cookie, 'a0@fabrikam.example', account)).toBeNull(); // the oldest went
    for (let i = 1; i <= 5; i++) expect(devices.deviceFor(cookie, `a${i}@fabrikam.example`, account)).toBe(device);

    advance(FAMILIAR_FOR_MS / 2);
    cookie = devices.remember(cookie, 'a1@fabrikam.example', account); // renewed, and now the newest
    expect(cookie.split('~')).toHaveLength(5);
    advance(FAMILIAR_FOR_MS / 2 - 1);
    expect(devices.deviceFor(cookie, 'a2@fabrikam.example', account)).toBe(device); // its last instant
    advance(1);
    expect(devices.deviceFor(cookie, 'a1@fabrikam.example', account)).toBe(device);
    expect(devices.deviceFor(cookie, 'a2@fabrikam.example', account)).toBeNull();
    advance(FAMILIAR_FOR_MS / 2 - 1);
    expect(devices.deviceFor(cookie, 'a1@fabrikam.example', account)).toBe(device); // the renewal's last instant
    advance(1);
    expect(devices.deviceFor(cookie, 'a1@fabrikam.example', account)).toBeNull();
  });

  it('counts for nothing once the password changes, the account’s sign-ins end, or another account has the address', () => {
    const cookie = devices.remember(undefined, 'anna@fabrikam.example', account);
    expect(devices.deviceFor(cookie, 'anna@fabrikam.example', { ...account })).not.toBeNull();
    for (const changed of [
      { ...account, passwordHash: 'scrypt$two' },
      { ...account, signInSessionsValidFrom: clock.now() },
      { ...account, id: 'user-2' },
    ]) {
      expect(devices.deviceFor(cookie, 'anna@fabrikam.example', changed), JSON.stringify(changed)).toBeNull();
    }
  });
});
