import { describe, expect, it } from 'vitest';
import { checkAuditFilter, MAX_FILTER_ACTIONS } from '../../src/audit/audit-filter.js';
import { ExternalUserState } from '../../src/directory/user.entity.js';
import { redeemedAttributes } from '../../src/redemption/redeemed-attributes.js';
import { DomainError } from '../../src/shared/errors.js';

function failure(run: () => unknown): { code: string; details: Record<string, unknown> | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('checkAuditFilter', () => {
  const at = (iso: string) => new Date(iso);

  it('accepts an empty filter, a one-moment range and a full one, unchanged', () => {
    expect(checkAuditFilter({})).toEqual({});
    const moment = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z') };
    expect(checkAuditFilter(moment)).toBe(moment);
    const full = {
      actions: ['Update user'],
      targetId: 'contoso.example',
      actorId: '0196',
      from: at('2026-01-01T00:00:00Z'),
      to: at('2026-01-02T00:00:00Z'),
    };
    expect(checkAuditFilter(full)).toBe(full);
  });

  it('refuses a range that ends before it starts with INVALID_TIME_RANGE, even by a millisecond', () => {
    expect(failure(() => checkAuditFilter({ from: at('2026-01-01T00:00:00.001Z'), to: at('2026-01-01T00:00:00Z') }))).toEqual({
      code: 'INVALID_TIME_RANGE',
      details: { argument: 'filter.from', from: '2026-01-01T00:00:00.001Z', to: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('refuses an empty or too long action list, and blank or too long values, naming the argument', () => {
    const cases: [Parameters<typeof checkAuditFilter>[0], string][] = [
      [{ actions: [] }, 'filter.actions'],
      [{ actions: Array.from({ length: MAX_FILTER_ACTIONS + 1 }, (_, i) => `a${i}`) }, 'filter.actions'],
      [{ actions: ['Update user', ' '] }, 'filter.actions'],
      [{ actions: ['x'.repeat(129)] }, 'filter.actions'],
      [{ targetId: '' }, 'filter.targetId'],
      [{ targetId: 'x'.repeat(256) }, 'filter.targetId'],
      [{ actorId: '  ' }, 'filter.actorId'],
      [{ from: new Date(Number.NaN) }, 'filter.from'],
      [{ to: new Date(Number.NaN) }, 'filter.to'],
    ];
    for (const [filter, argument] of cases)
      expect(
        failure(() => checkAuditFilter(filter)),
        JSON.stringify(filter),
      ).toEqual({ code: 'BAD_USER_INPUT', details: { argument } });
    expect(
      checkAuditFilter({ actions: Array.from({ length: MAX_FILTER_ACTIONS }, (_, i) => `a${i}`), targetId: 'x'.repeat(255) }).actions,
    ).toHaveLength(MAX_FILTER_ACTIONS);
  });
});

describe('redeemedAttributes (the "Update user" event of a redemption)', () => {
  const invitedAt = new Date('2026-01-01T00:00:00Z');
  const now = new Date('2026-01-02T10:00:00Z');
  const pending = {
    signInName: null,
    altSecId: null,
    displayName: 'Partner Person',
    externalUserState: ExternalUserState.PendingAcceptance,
    externalUserStateChangedAt: invitedAt,
  };

  it('lists the documented attributes that changed, with their new values', () => {
    const binding = {
      signInName: 'p@fabrikam.example',
      altSecId: '5::0123456789ABCDEF',
      displayName: 'Partner Person',
      homeUserId: 'home-id',
    };
    expect(redeemedAttributes(pending, binding, now)).toEqual({
      modifiedProperties: ['AlternativeSecurityId', 'SignInName', 'UserState', 'UserStateChangedOn'],
      AlternativeSecurityId: '5::0123456789ABCDEF',
      SignInName: 'p@fabrikam.example',
      UserState: 'Accepted',
      UserStateChangedOn: '2026-01-02T10:00:00.000Z',
    });
  });

  it('lists the display name when redemption fills it, and leaves out what stayed the same', () => {
    const reset = { ...pending, displayName: '', signInName: 'p@fabrikam.example' };
    const binding = {
      signInName: 'p@fabrikam.example',
      altSecId: '5::0123456789ABCDEF',
      displayName: 'p@fabrikam.example',
      homeUserId: 'home-id',
    };
    const details = redeemedAttributes(reset, binding, now);
    expect(details.modifiedProperties).toEqual(['AlternativeSecurityId', 'DisplayName', 'UserState', 'UserStateChangedOn']);
    expect(details.DisplayName).toBe('p@fabrikam.example');
    expect(details).not.toHaveProperty('SignInName');
    expect(details).not.toHaveProperty('homeUserId');
  });
});
