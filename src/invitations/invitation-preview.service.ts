import type { Config } from '../config/config.js';
import type { Actor } from '../directory/actor.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { TenantService, TenantSettingsPatch } from '../directory/tenant.service.js';
import { type RenderedMessage, renderInvitationMessage } from '../mail/invitation-message.js';
import type { Clock } from '../shared/clock.js';
import { normalizeLanguage } from './languages.js';
import { expiryFor, normalizeInvitationText } from './invitation.policy.js';

export interface InvitationPreviewInput {
  /** Draft tenant settings, checked as saving them would be; omitted fields are the saved ones. */
  settings: TenantSettingsPatch;
  invitationText?: string | null;
  language?: string | null;
}

/**
 * The invitation mail as the tenant's draft settings would send it, rendered by the mail's own
 * renderer (so a preview cannot drift from what guests get), and the draft tenant (the redemption
 * page's preview renders it). Nothing is saved or sent; the accept link redeems nothing.
 */
export class InvitationPreviewService {
  constructor(
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>,
    private readonly tenants: TenantService,
  ) {}

  /** @throws FORBIDDEN (ReadTenantConfiguration), BAD_USER_INPUT naming the field, UNSUPPORTED_LANGUAGE */
  async preview(actor: Actor, input: InvitationPreviewInput): Promise<RenderedMessage & { tenant: Tenant }> {
    const tenant = await this.tenants.draftSettings(actor, input.settings);
    const invitationText = normalizeInvitationText(input.invitationText);
    const language = normalizeLanguage(input.language);
    const message = renderInvitationMessage({
      tenant,
      invitation: {
        displayName: 'Alex Example',
        inviterDisplayName: actor.displayName,
        invitationText,
        language,
        expiresAt: expiryFor(this.clock.now(), tenant.invitationTtlDays ?? this.config.invitationTtlDays),
      },
      redeemUrl: `${this.config.publicUrl}/redeem?preview=1`,
    });
    return { ...message, tenant };
  }
}
