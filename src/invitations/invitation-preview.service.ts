import type { Config } from '../config/config.js';
import type { Actor } from '../directory/actor.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { TenantService, TenantSettingsPatch } from '../directory/tenant.service.js';
import {
  invitationSubject,
  type InvitationMessageInput,
  type RenderedMessage,
  renderInvitationMessage,
} from '../mail/invitation-message.js';
import type { Clock } from '../shared/clock.js';
import { normalizeLanguage } from './languages.js';
import { normalizeInvitationText } from './invitation-fields.js';
import { expiryFor } from './invitation.policy.js';

export interface InvitationPreviewInput {
  /** Draft tenant settings, checked as saving them would be; omitted fields are the saved ones. */
  settings: TenantSettingsPatch;
  invitationText?: string | null;
  language?: string | null;
}

/** A preview: the draft tenant at once; the message rendered when its text or HTML is first read. */
export interface InvitationPreview extends RenderedMessage {
  readonly tenant: Tenant;
}

/**
 * The invitation mail as the tenant's draft settings would send it, rendered by the mail's own
 * renderer (so a preview cannot drift from what guests get), and the draft tenant (the redemption
 * page's preview renders it). Nothing is saved or sent; the accept link redeems nothing. The console
 * asks each pause in typing for the subject, the mail and the page apart: each costs only its own
 * work, and the message is rendered once, for the one request that reads it.
 */
export class InvitationPreviewService {
  constructor(
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlDays'>,
    private readonly tenants: TenantService,
    private readonly render: (input: InvitationMessageInput) => RenderedMessage = renderInvitationMessage,
  ) {}

  /** @throws FORBIDDEN (ReadTenantConfiguration), BAD_USER_INPUT naming the field, UNSUPPORTED_LANGUAGE */
  async preview(actor: Actor, input: InvitationPreviewInput): Promise<InvitationPreview> {
    const tenant = await this.tenants.draftSettings(actor, input.settings);
    const invitationText = normalizeInvitationText(input.invitationText);
    const language = normalizeLanguage(input.language);
    const message: InvitationMessageInput = {
      tenant,
      invitation: {
        displayName: 'Alex Example',
        inviterDisplayName: actor.displayName,
        invitationText,
        language,
        expiresAt: expiryFor(this.clock.now(), tenant.invitationTtlDays ?? this.config.invitationTtlDays),
      },
      redeemUrl: `${this.config.publicUrl}/redeem?preview=1`,
    };
    let rendered: RenderedMessage | null = null;
    const rendering = () => (rendered ??= this.render(message));
    return {
      tenant,
      subject: invitationSubject(message),
      get text() {
        return rendering().text;
      },
      get html() {
        return rendering().html;
      },
    };
  }
}
