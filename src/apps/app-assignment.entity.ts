import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AssignmentPrincipalType {
  User = 'user',
  Group = 'group',
}

@Entity({ name: 'app_assignment' })
export class AppAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ type: 'varchar', length: 16 })
  principalType: AssignmentPrincipalType;

  @Column({ type: 'varchar', length: 36 })
  principalId: string;

  /** App roles of the app's exposed API given with the assignment (ID and access tokens carry them as `roles`). */
  @Column({ type: 'simple-json' })
  appRoles: string[];

  @Column({ type: Date })
  createdAt: Date;
}
