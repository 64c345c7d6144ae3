import type { MailConfig } from '../config/config.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { oneLine } from './html.js';
import {
  fillable,
  type InvitationForMail,
  invitationTemplate,
  type RenderedMessage,
  renderInvitationMessage,
  sameTemplateInputs,
} from './invitation-message.js';
import type { OutboxTemplate } from './outbox-template.entity.js';
import { DeliveryStatus, MessageAudience, type OutboxMessage } from './outbox-message.entity.js';

/**
 * The width of the From and Subject columns: a tenant's and an inviter's name may each be 256
 * characters, and both go into either header; longer is cut, the same on every database.
 */
const HEADER_WIDTH = 512;

/** `text` cut to `width` characters with an ellipsis, never between the halves of a surrogate pair. */
function clamp(text: string, width: number): string {
  if (text.length <= width) return text;
  let cut = Math.max(width - 1, 0);
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

/** What the sealed body holds. */
export interface SealedBody {
  /** System mail only: its subject is sealed too (a sign-up code is in it). */
  subject?: string;
  text: string;
  html: string;
  redeemUrl?: string;
}

/** What a message with a template seals: the guest's name and link to fill in. */
export interface SealedFill {
  name: string;
  redeemUrl: string;
}

/** Mail about a person's own account: sign-up codes now, password resets and MFA codes later. */
export interface SystemMessage {
  /** The tenant the person is dealing with; the sender's display name names it. */
  tenant: Pick<Tenant, 'id' | 'name'>;
  to: string;
  rendered: RenderedMessage;
}

/** An invitation email to queue: the invitation, its one-time link, and the inviter's address for replies. */
export interface InvitationMessage {
  invitation: InvitationForMail;
  redeemUrl: string;
  replyTo: string | null;
}

/** Builds outbox rows, each with its sealed body, and an upload's shared templates; the outbox service inserts them. */
export class OutboxRows {
  constructor(
    private readonly secretBox: SecretBox,
    private readonly config: Pick<MailConfig, 'from'> & { messageIdDomain: string },
  ) {}

  /**
   * The rows of invitation emails. Messages that share a rendering (an upload's) share one sealed
   * template and each seals only the guest's name and link; the worker fills them in when it sends
   * (the same bytes as rendering each whole). A redemption link is only ever in its own row's body.
   */
  forInvitations(tenant: Tenant, messages: InvitationMessage[], now: Date): { templates: OutboxTemplate[]; rows: OutboxMessage[] } {
    // The per-row pieces an upload's rows share (the tenant as a mail names it, its template, its
    // From header) worked out once per distinct input, not per row.
    const branded = new Map<string | null, Tenant>();
    const froms = new Map<string, string>();
    let last: { invitation: InvitationForMail; tenant: Tenant; shared: ReturnType<typeof invitationTemplate> } | null = null;
    const prepared = messages.map((m) => {
      const contactUrl = m.invitation.contactUrl ?? tenant.contactUrl;
      let brandedTenant = branded.get(contactUrl);
      if (!brandedTenant) branded.set(contactUrl, (brandedTenant = { ...tenant, contactUrl }));
      if (!last || last.tenant !== brandedTenant || !sameTemplateInputs(last.invitation, m.invitation)) {
        last = {
          invitation: m.invitation,
          tenant: brandedTenant,
          shared: invitationTemplate({ tenant: brandedTenant, invitation: m.invitation }),
        };
      }
      const shared = last.shared && fillable(m.invitation.displayName, m.redeemUrl) ? last.shared : null;
      return { m, tenant: brandedTenant, shared };
    });
    const sharing = new Map<string, number>();
    for (const { shared } of prepared) if (shared) sharing.set(shared.key, (sharing.get(shared.key) ?? 0) + 1);
    const templates = new Map<string, OutboxTemplate>();
    const rows = prepared.map(({ m, tenant: brandedTenant, shared }) => {
      const { invitation, redeemUrl, replyTo } = m;
      let fromAddress = froms.get(invitation.inviterDisplayName);
      if (fromAddress === undefined) {
        fromAddress = this.from(`${invitation.inviterDisplayName} from ${tenant.name} (via b2b-gateway)`);
        froms.set(invitation.inviterDisplayName, fromAddress);
      }
      const fields = {
        tenantId: tenant.id,
        invitationId: invitation.id,
        audience: MessageAudience.Tenant,
        fromAddress,
        replyTo,
        toAddress: invitation.email,
        toName: invitation.displayName,
        ccAddress: invitation.ccEmailAddress,
        subject: '',
      };
      if (shared && sharing.get(shared.key)! > 1) {
        let template = templates.get(shared.key);
        if (!template) {
          const body = { text: shared.template.text, html: shared.template.html };
          const sealed = this.secretBox.seal(JSON.stringify(body));
          template = { id: newId(), tenantId: tenant.id, bodySealed: sealed, createdAt: now };
          templates.set(shared.key, template);
        }
        fields.subject = shared.template.subject;
        const fill: SealedFill = { name: invitation.displayName, redeemUrl };
        return this.row(fields, fill, template.id, now);
      }
      const rendered = renderInvitationMessage({ tenant: brandedTenant, invitation, redeemUrl });
      fields.subject = rendered.subject;
      return this.row(fields, { text: rendered.text, html: rendered.html, redeemUrl }, null, now);
    });
    return { templates: [...templates.values()], rows };
  }

  /** A system message's row: never listed to a tenant, its subject sealed with the body. */
  forSystem(message: SystemMessage, now: Date): OutboxMessage {
    const { tenant, to, rendered } = message;
    return this.row(
      {
        tenantId: tenant.id,
        invitationId: null,
        audience: MessageAudience.System,
        fromAddress: this.from(`${tenant.name} (via b2b-gateway)`),
        replyTo: null,
        toAddress: to,
        toName: to,
        ccAddress: null,
        subject: '',
      },
      { subject: rendered.subject, text: rendered.text, html: rendered.html },
      null,
      now,
    );
  }

  /** The one builder of outbox rows: queued now, with a sealed body and a fresh Message-ID. */
  private row(
    fields: Pick<
      OutboxMessage,
      'tenantId' | 'invitationId' | 'audience' | 'fromAddress' | 'replyTo' | 'toAddress' | 'toName' | 'ccAddress' | 'subject'
    >,
    body: SealedBody | SealedFill,
    templateId: string | null,
    now: Date,
  ): OutboxMessage {
    const id = newId();
    // Written out rather than spread: one object per row instead of a copy of `fields` too.
    return {
      id,
      tenantId: fields.tenantId,
      invitationId: fields.invitationId,
      audience: fields.audience,
      fromAddress: fields.fromAddress,
      replyTo: fields.replyTo,
      toAddress: fields.toAddress,
      toName: fields.toName,
      ccAddress: fields.ccAddress,
      subject: clamp(fields.subject, HEADER_WIDTH),
      messageId: `<${id}@${this.config.messageIdDomain}>`,
      bodySealed: this.secretBox.seal(JSON.stringify(body)),
      templateId,
      status: DeliveryStatus.Queued,
      attempts: 0,
      nextAttemptAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      serverResponse: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** A From header naming who sends, at the gateway's own address, within its column. */
  private from(displayName: string): string {
    const width = HEADER_WIDTH - this.config.from.length - 5; // the quotes, the space and the angle brackets
    return `"${clamp(oneLine(displayName).replace(/["\\]/g, ''), width)}" <${this.config.from}>`;
  }
}
