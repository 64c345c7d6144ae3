import { type EntityManager, In } from 'typeorm';
import type { MailConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { type Actor } from '../directory/actor.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { insertMany } from '../db/bulk.js';
import { type Delivery, DELIVERY_AUDIENCE, deliveryReader } from './delivery.reads.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import type { SecretBox } from '../shared/secrets.js';
import { oneLine } from './html.js';
import {
  fillable,
  fillInvitationTemplate,
  type InvitationForMail,
  invitationTemplate,
  type RenderedMessage,
  renderInvitationMessage,
  sameTemplateInputs,
} from './invitation-message.js';
import { OutboxTemplate } from './outbox-template.entity.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from './outbox-message.entity.js';
import { authorize, Permission } from '../directory/permissions.js';

/** What the sealed body holds. */
export interface SealedBody {
  /** System mail only: its subject is sealed too (a sign-up code is in it). */
  subject?: string;
  text: string;
  html: string;
  redeemUrl?: string;
}

/** What a message with a template seals: the guest's name and link to fill in. */
interface SealedFill {
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

/** Tenant listings and delivery read only tenant mail; system mail is nobody's to read. */
const TENANT_MAIL = { audience: MessageAudience.Tenant } as const;

const PENDING = [DeliveryStatus.Queued, DeliveryStatus.Sending];

/** Queues rendered messages in the caller's transaction, and answers what became of them. */
export class OutboxService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    private readonly config: Pick<MailConfig, 'from'> & { messageIdDomain: string },
  ) {}

  /**
   * Queues invitation emails in the caller's transaction (the invitation's own): cancel the
   * invitations' earlier messages first, only the newest link goes out. Messages that share a
   * rendering (an upload's) share one sealed template and each seals only the guest's name and link;
   * the worker fills them in when it sends (the same bytes as rendering each whole).
   */
  async queueInvitationMessages(em: EntityManager, tenant: Tenant, messages: InvitationMessage[]): Promise<void> {
    // One instant for the whole call, and the per-row pieces an upload's rows share (the tenant as a
    // mail names it, its template, its From header) worked out once per distinct input, not per row.
    const now = this.clock.now();
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
    await insertMany(em, OutboxTemplate, [...templates.values()]);
    await insertMany(em, OutboxMessage, rows);
  }

  /**
   * Queues system mail in the caller's transaction. It is never listed to a tenant, its subject is
   * sealed with the body, and both are erased once it is sent, cancelled or given up.
   */
  async queueSystemMessage(em: EntityManager, message: SystemMessage): Promise<void> {
    const { tenant, to, rendered } = message;
    await em.insert(
      OutboxMessage,
      this.row(
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
      ),
    );
  }

  /** The one builder of outbox rows: queued now, with a sealed body and a fresh Message-ID. */
  private row(
    fields: Pick<
      OutboxMessage,
      'tenantId' | 'invitationId' | 'audience' | 'fromAddress' | 'replyTo' | 'toAddress' | 'toName' | 'ccAddress' | 'subject'
    >,
    body: SealedBody | SealedFill,
    templateId: string | null = null,
    now: Date = this.clock.now(),
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
      subject: fields.subject,
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

  /** A From header naming who sends, at the gateway's own address. */
  private from(displayName: string): string {
    return `"${oneLine(displayName).replace(/["\\]/g, '')}" <${this.config.from}>`;
  }

  /** Cancels messages not yet handed to a worker (a revoked or superseded link must not go out). */
  async cancelForInvitation(em: EntityManager, invitationId: string): Promise<void> {
    await this.cancelForInvitations(em, [invitationId]);
  }

  async cancelForInvitations(em: EntityManager, invitationIds: string[]): Promise<void> {
    if (invitationIds.length === 0) return;
    await em.update(
      OutboxMessage,
      { invitationId: In(invitationIds), status: DeliveryStatus.Queued },
      { status: DeliveryStatus.Cancelled, bodySealed: '', updatedAt: this.clock.now() },
    );
  }

  /** Messages waiting in the outbox: queued or in a worker's hands (the outbox depth metric). */
  async depth(): Promise<number> {
    return this.db.manager.count(OutboxMessage, { where: { status: In([DeliveryStatus.Queued, DeliveryStatus.Sending]) } });
  }

  /** The newest message of each of the tenant's invitations that had one queued, in one query. */
  async latestForInvitations(tenantId: string, invitationIds: readonly string[]): Promise<Map<string, Delivery>> {
    const latest = new Map<string, Delivery>();
    if (invitationIds.length === 0) return latest;
    // Only what Delivery shows (never the sealed body), newest first; a page's worth of rows per call.
    const r = deliveryReader(this.db.dataSource);
    const messages = await r.query(
      `SELECT ${r.columns} FROM ${r.table} WHERE "tenantId" = ${r.param(1)} AND "audience" = ${r.param(2)} ` +
        `AND "invitationId" IN ${r.params(3, invitationIds.length)} ORDER BY "id" DESC`,
      [tenantId, DELIVERY_AUDIENCE, ...invitationIds],
    );
    for (const message of messages) {
      if (message.invitationId && !latest.has(message.invitationId)) latest.set(message.invitationId, message);
    }
    return latest;
  }

  /** Admins see their tenant's messages (never system mail); by default those not delivered yet or failed. Newest first. */
  async list(actor: Actor, statuses: DeliveryStatus[] | null, page: PageArgs): Promise<Page<OutboxMessage>> {
    authorize(actor, Permission.ReadOutbox);
    const query = this.db.manager
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where('m.tenantId = :tenantId', { tenantId: actor.tenantId })
      .andWhere('m.audience = :audience', TENANT_MAIL)
      .andWhere('m.status IN (:...statuses)', { statuses: statuses?.length ? statuses : [...PENDING, DeliveryStatus.Failed] });
    return paginate(query, page, 'DESC');
  }

  /** Puts a failed message back in the queue with a fresh attempt budget. @throws NOT_FOUND, FORBIDDEN, CONFLICT */
  async retry(actor: Actor, id: string): Promise<OutboxMessage> {
    authorize(actor, Permission.ManageOutbox);
    return this.db.transaction(async (em) => {
      const message = await em.findOneBy(OutboxMessage, { id, tenantId: actor.tenantId, ...TENANT_MAIL });
      if (!message) throw notFound('OutboxMessage', id);
      if (message.status !== DeliveryStatus.Failed) {
        throw new DomainError(ErrorCode.CONFLICT, `Only failed messages can be retried; this one is ${message.status}`);
      }
      Object.assign(message, { status: DeliveryStatus.Queued, attempts: 0, nextAttemptAt: this.clock.now(), updatedAt: this.clock.now() });
      await em.save(OutboxMessage, message);
      return message;
    });
  }

  /** The message's body, its template (if any) filled in with the guest's name and link. */
  async openBody(message: OutboxMessage): Promise<SealedBody> {
    const opened = JSON.parse(this.secretBox.open(message.bodySealed)) as SealedBody | SealedFill;
    if (!message.templateId) return opened as SealedBody;
    const fill = opened as SealedFill;
    const template = await this.template(message.tenantId, message.templateId);
    const { text, html } = fillInvitationTemplate({ subject: message.subject, ...template }, fill.name, fill.redeemUrl);
    return { text, html, redeemUrl: fill.redeemUrl };
  }

  /**
   * Templates never change once written, so the worker keeps the few it is sending from, by tenant
   * and id: a kept template is still its own tenant's only.
   */
  private readonly openTemplates = new Map<string, Pick<SealedBody, 'text' | 'html'>>();

  private async template(tenantId: string, id: string): Promise<Pick<SealedBody, 'text' | 'html'>> {
    const key = `${tenantId}/${id}`;
    let template = this.openTemplates.get(key);
    if (!template) {
      const row = await this.db.manager.findOneByOrFail(OutboxTemplate, { id, tenantId });
      template = JSON.parse(this.secretBox.open(row.bodySealed)) as Pick<SealedBody, 'text' | 'html'>;
      if (this.openTemplates.size >= 16) this.openTemplates.clear();
      this.openTemplates.set(key, template);
    }
    return template;
  }
}
