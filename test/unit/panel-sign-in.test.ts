import { describe, expect, it } from 'vitest';
import { PANEL_SIGN_IN_TTL_MS, PanelSignIns } from '../../src/policies/panel-sign-in.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { TestClock } from '../helpers/test-clock.js';

/**
 * `sealed` with one bit of its ciphertext flipped: the last digit of startedAt ('4' and '5' swap), so
 * only the authentication can refuse it. (Writing 'AA' over its last two characters left the bytes
 * unchanged whenever the last one was 0: those two characters encode one byte, one run in 256.)
 */
function flipped(sealed: string): string {
  const parts = sealed.split('.');
  const data = Buffer.from(parts[3]!, 'base64url');
  data[data.length - 2]! ^= 1;
  parts[3] = data.toString('base64url');
  return parts.join('.');
}

/** The access panel's sign-in start (`?since=`): the browser cannot forge it, move it to another tenant or keep it. */
describe('PanelSignIns', () => {
  const clock = new TestClock();
  const panel = new PanelSignIns(new SecretBox('a-test-gateway-secret-of-enough-length'), clock);

  it('reads back the start it sealed, for the same tenant and person only', () => {
    const begun = panel.begin('tenant-b', 'bob');
    expect(panel.read(begun.sealed, 'tenant-b', 'bob')?.startedAt).toEqual(begun.startedAt);
    expect(panel.read(begun.sealed, 'tenant-a', 'bob')).toBeNull();
    expect(panel.read(begun.sealed, 'tenant-b', 'eve')).toBeNull();
  });

  it('refuses a start that was altered, is not sealed, or has expired', () => {
    const begun = panel.begin('tenant-b', 'bob');
    clock.advance(1000); // a second old: read unauthenticated, the flipped start (1 ms off) would pass
    expect(panel.read(begun.sealed, 'tenant-b', 'bob')).not.toBeNull();
    expect(panel.read(flipped(begun.sealed), 'tenant-b', 'bob')).toBeNull();
    expect(panel.read(String(Date.now() - 3_600_000), 'tenant-b', 'bob')).toBeNull();
    expect(panel.read(['x'], 'tenant-b', 'bob')).toBeNull();
    clock.advance(PANEL_SIGN_IN_TTL_MS + 1000);
    expect(panel.read(begun.sealed, 'tenant-b', 'bob')).toBeNull();
  });
});
