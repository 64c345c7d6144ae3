import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum DirectoryRole {
  GlobalAdministrator = 'GlobalAdministrator',
  GuestInviter = 'GuestInviter',
  /** Creates, disables, removes and resets users that hold no directory role; no apps, roles or tenant settings. */
  UserAdministrator = 'UserAdministrator',
}

export enum PrincipalKind {
  User = 'user',
  Application = 'application',
}

/** A directory role held by a user or by an application (for automation through client credentials). */
@Entity({ name: 'role_assignment' })
export class RoleAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  principalKind: PrincipalKind;

  @Column({ type: 'varchar', length: 36 })
  principalId: string;

  @Column({ type: 'varchar', length: 32 })
  role: DirectoryRole;

  @Column({ type: Date })
  createdAt: Date;
}
