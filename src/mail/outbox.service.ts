import { type EntityManager, In } from 'typeorm';
import type { MailConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { type Actor } from '../directory/actor.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { insertMany } from '../db/bulk.js';
import { type Delivery, DELIVERY_AUDIENCE, deliveryReader } from './delivery.reads.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import type { SecretBox } from '../shared/secrets.js';
import { fillInvitationTemplate } from './invitation-message.js';
import { type InvitationMessage, OutboxRows, type SealedBody, type SealedFill, type SystemMessage } from './outbox-rows.js';
import { OutboxTemplate } from './outbox-template.entity.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from './outbox-message.entity.js';
import { authorize, Permission } from '../directory/permissions.js';

/** Tenant listings and delivery read only tenant mail; system mail is nobody's to read. */
const TENANT_MAIL = { audience: MessageAudience.Tenant } as const;

const PENDING = [DeliveryStatus.Queued, DeliveryStatus.Sending];

/** Queues rendered messages in the caller's transaction, and answers what became of them. */
export class OutboxService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    config: Pick<MailConfig, 'from'> & { messageIdDomain: string },
  ) {
    this.rows = new OutboxRows(secretBox, config);
  }

  /** Builds the rows (outbox-rows.ts); this service inserts them. */
  private readonly rows: OutboxRows;

  /**
   * Queues invitation emails in the caller's transaction (the invitation's own): cancel the
   * invitations' earlier messages first, only the newest link goes out. An upload's messages share
   * one sealed template (OutboxRows.forInvitations), which openBody fills in for the worker.
   */
  async queueInvitationMessages(em: EntityManager, tenant: Tenant, messages: InvitationMessage[]): Promise<void> {
    // One instant for the whole call.
    const { templates, rows } = this.rows.forInvitations(tenant, messages, this.clock.now());
    await insertMany(em, OutboxTemplate, templates);
    await insertMany(em, OutboxMessage, rows);
  }

  /**
   * Queues system mail in the caller's transaction. It is never listed to a tenant, its subject is
   * sealed with the body, and both are erased once it is sent, cancelled or given up.
   */
  async queueSystemMessage(em: EntityManager, message: SystemMessage): Promise<void> {
    await em.insert(OutboxMessage, this.rows.forSystem(message, this.clock.now()));
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
