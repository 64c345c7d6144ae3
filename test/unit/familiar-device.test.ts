import { describe, expect, it } from 'vitest';
import { FAMILIAR_FOR_MS, FamiliarDevices } from '../../src/accounts/familiar-device.js';
import { TestClock } from '../helpers/test-clock.js';

describe('familiar devices', () => {
  const clock = new TestClock();
  const devices = new FamiliarDevices(Buffer.alloc(32, 1), clock);

  it('proves a past sign-in for that address only, in any case, until it expires', () => {
    const cookie = devices.remember(undefined, 'Anna@Fabrikam.example');
    const device = devices.deviceFor(cookie, 'anna@fabrikam.example');
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(devices.deviceFor(cookie, 'ANNA@fabrikam.example')).toBe(device);
    expect(devices.deviceFor(cookie, 'bob@fabrikam.example')).toBeNull();
    clock.advance(FAMILIAR_FOR_MS - 1000);
    expect(devices.deviceFor(cookie, 'anna@fabrikam.example')).toBe(device);
    clock.advance(1000);
    expect(devices.deviceFor(cookie, 'anna@fabrikam.example')).toBeNull();
  });

  it('refuses a token whose address, expiry, device or MAC was changed, or made under another key', () => {
    const cookie = devices.remember(undefined, 'anna@fabrikam.example');
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
      expect(devices.deviceFor(forged, 'anna@fabrikam.example'), forged).toBeNull();
    }
    expect(new FamiliarDevices(Buffer.alloc(32, 2), clock).deviceFor(cookie, 'anna@fabrikam.example')).toBeNull();
  });

  it('keeps one device id per browser, renews a sign-in, and keeps the five newest accounts', () => {
    let cookie = devices.remember(undefined, 'a0@fabrikam.example');
    const device = devices.deviceFor(cookie, 'a0@fabrikam.example');
    for (let i = 1; i <= 5; i++) cookie = devices.remember(cookie, `a${i}@fabrikam.example`);
    expect(cookie.split('~')).toHaveLength(5);
    expect(devices.deviceFor(cookie, 'a0@fabrikam.example')).toBeNull(); // the oldest went
    for (let i = 1; i <= 5; i++) expect(devices.deviceFor(cookie, `a${i}@fabrikam.example`)).toBe(device);

    clock.advance(FAMILIAR_FOR_MS / 2);
    cookie = devices.remember(cookie, 'a1@fabrikam.example'); // renewed, and now the newest
    expect(cookie.split('~')).toHaveLength(5);
    clock.advance(FAMILIAR_FOR_MS / 2 + 1000);
    expect(devices.deviceFor(cookie, 'a1@fabrikam.example')).toBe(device);
    expect(devices.deviceFor(cookie, 'a2@fabrikam.example')).toBeNull();
  });
});
