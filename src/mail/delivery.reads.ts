import type { DataSource } from 'typeorm';
import { RawReader } from '../db/raw-read.js';
import { MessageAudience, OutboxMessage } from './outbox-message.entity.js';

const DELIVERY_COLUMNS = ['id', 'invitationId', 'status', 'attempts', 'lastError', 'sentAt', 'nextAttemptAt'] as const;

/** What an invitation's `delivery` shows of its newest email (never the sealed body). */
export type Delivery = Pick<OutboxMessage, (typeof DELIVERY_COLUMNS)[number]>;

const readers = new WeakMap<DataSource, RawReader<OutboxMessage, (typeof DELIVERY_COLUMNS)[number]>>();

export function deliveryReader(dataSource: DataSource): RawReader<OutboxMessage, (typeof DELIVERY_COLUMNS)[number]> {
  let reader = readers.get(dataSource);
  if (!reader) readers.set(dataSource, (reader = new RawReader(dataSource, OutboxMessage, DELIVERY_COLUMNS)));
  return reader;
}

/** Only tenant mail is an invitation's delivery; system mail is nobody's to read. */
export const DELIVERY_AUDIENCE = MessageAudience.Tenant;

/**
 * A LEFT JOIN of each invitation's newest tenant email (ids are time-ordered) as `alias`, for a
 * query over invitations aliased `invitation`; `audience` is the placeholder of DELIVERY_AUDIENCE.
 */
export function latestDeliveryJoin(alias: string, invitation: string, audience: string): string {
  return (
    `LEFT JOIN "outbox_message" ${alias} ON ${alias}."id" = (SELECT MAX(x."id") FROM "outbox_message" x ` +
    `WHERE x."tenantId" = ${invitation}."tenantId" AND x."invitationId" = ${invitation}."id" AND x."audience" = ${audience})`
  );
}
