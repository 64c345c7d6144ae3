import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'directory_group' })
export class Group {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description: string | null;

  @Column({ type: Date })
  createdAt: Date;
}

@Entity({ name: 'group_member' })
export class GroupMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  groupId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: Date })
  createdAt: Date;
}
