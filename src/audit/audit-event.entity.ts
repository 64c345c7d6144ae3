import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { AuditDetails } from '../shared/audit-actions.js';

@Entity({ name: 'audit_event' })
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 128 })
  action: string;

  @Column({ type: 'varchar', length: 16 })
  actorKind: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 256 })
  actorDisplayName: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  /** An id, or a name for targets that have none (a domain). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  targetId: string | null;

  @Column({ type: 'simple-json' })
  details: AuditDetails;

  @Column({ type: Date })
  createdAt: Date;
}
