import { describe, expect, it } from 'vitest';
import { ExternalUserState, UserType } from '../../src/directory/user.entity.js';
import { type Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import {
  checkInvitee,
  effectiveStatus,
  keepEarlierLimits,
  requirePending,
  type ValidatedInvite,
} from '../../src/invitations/invitation.policy.js';
import { codeOf, outcome } from '../helpers/domain-outcome.js';

/** Invitation rules on an existing invitation: its status, the invitee, and limits on re-invitation. */
describe('invitation status', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const inv = (status: InvitationStatus, expiresAt: Date | null) => ({ status, expiresAt }) as Invitation;

  it('expires only pending invitations', () => {
    expect(effectiveStatus(inv(InvitationStatus.Accepted, new Date('2026-01-01')), now)).toBe('Accepted');
    expect(effectiveStatus(inv(InvitationStatus.PendingAcceptance, new Date('2026-02-28T23:59:59Z')), now)).toBe('Expired');
    expect(effectiveStatus(inv(InvitationStatus.PendingAcceptance, new Date('2026-03-01T00:00:01Z')), now)).toBe('PendingAcceptance');
  });

  it('requires a pending invitation, naming the status it has', () => {
    expect(codeOf(() => requirePending(inv(InvitationStatus.PendingAcceptance, null), now))).toBe('ok');
    expect(outcome(() => requirePending(inv(InvitationStatus.PendingAcceptance, now), now))).toEqual({
      code: 'INVITATION_NOT_PENDING',
      message: 'The invitation is Expired, not pending',
      details: { status: 'Expired' },
    });
    expect(outcome(() => requirePending(inv(InvitationStatus.Revoked, null), now))).toMatchObject({ details: { status: 'Revoked' } });
  });
});

describe('checkInvitee', () => {
  it('invites nobody yet, or a guest who has not accepted', () => {
    expect(codeOf(() => checkInvitee(null))).toBe('ok');
    expect(
      codeOf(() =>
        checkInvitee({ id: 'g', mail: 'g@x.example', userType: UserType.Guest, externalUserState: ExternalUserState.PendingAcceptance }),
      ),
    ).toBe('ok');
  });

  it('refuses a member and a guest who accepted, naming them', () => {
    expect(outcome(() => checkInvitee({ id: 'm', mail: 'm@x.example', userType: UserType.Member, externalUserState: null }))).toEqual({
      code: 'USER_ALREADY_MEMBER',
      message: 'm@x.example is already a member of this tenant',
      details: { userId: 'm' },
    });
    expect(
      outcome(() =>
        checkInvitee({ id: 'g', mail: 'g@x.example', userType: UserType.Guest, externalUserState: ExternalUserState.Accepted }),
      ),
    ).toEqual({
      code: 'GUEST_ALREADY_ACCEPTED',
      message: 'g@x.example has already accepted an invitation; assign apps or groups to the guest directly',
      details: { userId: 'g' },
    });
  });
});

describe('keepEarlierLimits', () => {
  const d = (iso: string) => new Date(iso);
  const base = (fields: Partial<ValidatedInvite>): ValidatedInvite => ({
    email: 'g@f.example',
    displayName: 'G',
    redirectUrl: null,
    apps: [],
    groups: [],
    invitationText: null,
    ccEmailAddress: null,
    language: 'en',
    sendInvitationMessage: true,
    contactUrl: null,
    accessExpiresAt: null,
    ...fields,
  });

  describe('from a GuestInviter (never loosens)', () => {
    it('keeps the sooner access end', () => {
      const sooner = d('2026-04-01T00:00:00Z');
      const later = d('2026-05-01T00:00:00Z');
      expect(
        keepEarlierLimits(base({ accessExpiresAt: later }), { accessExpiresAt: sooner, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(sooner);
      expect(
        keepEarlierLimits(base({ accessExpiresAt: sooner }), { accessExpiresAt: later, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(sooner);
    });

    it('keeps whichever end exists, and none when neither does', () => {
      const end = d('2026-04-01T00:00:00Z');
      expect(keepEarlierLimits(base({}), { accessExpiresAt: end, ccEmailAddress: null }, false).accessExpiresAt).toEqual(end);
      expect(
        keepEarlierLimits(base({ accessExpiresAt: end }), { accessExpiresAt: null, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(end);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, false).accessExpiresAt).toBeNull();
    });

    it('keeps the earlier CC address unless a new one is given', () => {
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, false).ccEmailAddress).toBe(
        'old@f.example',
      );
      expect(
        keepEarlierLimits(base({ ccEmailAddress: 'new@f.example' }), { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, false)
          .ccEmailAddress,
      ).toBe('new@f.example');
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, false).ccEmailAddress).toBeNull();
    });

    it('changes nothing else', () => {
      const invite = base({ displayName: 'New', invitationText: 'hi', language: 'fr' });
      expect(keepEarlierLimits(invite, { accessExpiresAt: null, ccEmailAddress: null }, false)).toEqual(invite);
    });
  });

  describe('from a GlobalAdministrator (decides both)', () => {
    it('sets a later access end or keeps the earlier one when naming none', () => {
      const sooner = d('2026-04-01T00:00:00Z');
      const later = d('2026-05-01T00:00:00Z');
      expect(
        keepEarlierLimits(base({ accessExpiresAt: later }), { accessExpiresAt: sooner, ccEmailAddress: null }, true).accessExpiresAt,
      ).toBe(later);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: sooner, ccEmailAddress: null }, true).accessExpiresAt).toBe(sooner);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, true).accessExpiresAt).toBeNull();
    });

    it('drops the earlier CC address when naming none', () => {
      const invite = base({ displayName: 'New' });
      expect(keepEarlierLimits(invite, { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, true)).toEqual(invite);
    });
  });
});
