import { describe, expect, it } from 'vitest';
import { PANEL_SIGN_IN_TTL_MS, PanelSignIns } from '../../src/policies/panel-sign-in.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { TestClock } from '../helpers/test-clock.js';

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
    expect(panel.read(`${begun.sealed.slice(0, -2)}AA`, 'tenant-b', 'bob')).toBeNull();
    expect(panel.read(String(Date.now() - 3_600_000), 'tenant-b', 'bob')).toBeNull();
    expect(panel.read(['x'], 'tenant-b', 'bob')).toBeNull();
    clock.advance(PANEL_SIGN_IN_TTL_MS + 1000);
    expect(panel.read(begun.sealed, 'tenant-b', 'bob')).toBeNull();
  });
});
