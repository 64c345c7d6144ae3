import { beforeAll, describe, expect, it } from 'vitest';
import { AppAssignment, AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { DirectoryRole, PrincipalKind, RoleAssignment } from '../../src/directory/role-assignment.entity.js';
import type { User } from '../../src/directory/user.entity.js';
import { accessFacts } from '../../src/oidc/access-facts.js';
import { defaultPolicy, SecurityPolicy } from '../../src/policies/security-policy.entity.js';
import { SecurityPolicyService } from '../../src/policies/security-policy.service.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { useAccessHarness } from '../helpers/access-harness.js';
import { testDatabases } from '../helpers/databases.js';

/**
 * The policy, directory-role and assignment read of every OIDC access check (src/oidc/access-facts.ts),
 * one statement: it must answer what the owners' own reads answer.
 */
describe.each(testDatabases())('accessFacts on %s', (kind) => {
  const h = useAccessHarness(kind);
  let policies: SecurityPolicyService;
  beforeAll(() => {
    policies = new SecurityPolicyService(h.db, h.clock, new AuditService(h.db, h.clock));
  });
  const facts = (account: User, applicationId: string) =>
    accessFacts(
      { access: h.access, policy: { policyWithRole: (a, joined) => policies.policyWithRole(a.tenantId, a.id, joined) } },
      account,
      applicationId,
    );
  const assignWithRoles = async (
    tenantId: string,
    applicationId: string,
    principalType: AssignmentPrincipalType,
    id: string,
    roles: string[],
  ) =>
    // Written directly: the assignment service checks roles against an exposed API this test does not need.
    h.db.manager.insert(AppAssignment, {
      id: newId(),
      tenantId,
      applicationId,
      principalType,
      principalId: id,
      appRoles: roles,
      createdAt: h.clock.now(),
    });

  it("reads the account's own and its groups' assignments to the app, and no one else's", async () => {
    const t = await h.tenant();
    const payroll = await h.app(t.id, 'Payroll');
    const other = await h.app(t.id, 'Other');
    const me = await h.member(t.id);
    const someone = await h.member(t.id);
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.User, me.id, ['Reader']);
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.Group, await h.groupWith(t.id, me), ['Writer']);
    await assignWithRoles(t.id, other.id, AssignmentPrincipalType.User, me.id, ['Elsewhere']);
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.User, someone.id, ['Theirs']);
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.Group, await h.groupWith(t.id, someone), ['TheirGroup']);
    // The account's id as a group grants nothing.
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.Group, me.id, ['Confused']);

    const mine = await facts(me, payroll.id);
    expect(mine.assignments.flatMap((a) => a.appRoles).sort()).toEqual(['Reader', 'Writer']);
    expect(mine.assignments.every((a) => a instanceof AppAssignment)).toBe(true);
    expect(await h.access.appRolesOf(me, payroll.id, mine.assignments)).toEqual([]); // no exposed API defines them
    await expect(h.access.checkSignIn(me, payroll, mine.assignments)).resolves.toBeUndefined();

    const none = await facts(await h.member(t.id), payroll.id);
    expect(none.assignments).toEqual([]);
    await expect(h.access.checkSignIn(await h.member(t.id), payroll, none.assignments)).rejects.toMatchObject({
      code: ErrorCode.ACCESS_DENIED,
    });
  });

  it("answers the tenant's policy and the directory role as policyWithRole alone does, whatever the assignments", async () => {
    const t = await h.tenant();
    const payroll = await h.app(t.id, 'Payroll');
    const admin = await h.member(t.id);
    const plain = await h.member(t.id);
    await h.db.manager.insert(RoleAssignment, {
      id: newId(),
      tenantId: t.id,
      principalKind: PrincipalKind.User,
      principalId: admin.id,
      role: DirectoryRole.UserAdministrator,
      createdAt: h.clock.now(),
    });
    expect((await facts(admin, payroll.id)).known).toEqual({ policy: defaultPolicy(t.id), holdsRole: true });
    expect((await facts(plain, payroll.id)).known).toEqual({ policy: defaultPolicy(t.id), holdsRole: false });

    await h.db.manager.save(SecurityPolicy, {
      ...defaultPolicy(t.id),
      mfaForMembers: true,
      signInFrequencyMinutes: 30,
      updatedAt: h.clock.now(),
    });
    // Two assignments: two rows of the statement, one policy.
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.User, admin.id, []);
    await assignWithRoles(t.id, payroll.id, AssignmentPrincipalType.Group, await h.groupWith(t.id, admin), []);
    const read = await facts(admin, payroll.id);
    expect(read.assignments).toHaveLength(2);
    const { policy, holdsRole } = await policies.policyWithRole(t.id, admin.id);
    expect(read.known).toEqual({ policy, holdsRole });
    expect(read.known.policy).toMatchObject({ mfaForMembers: true, signInFrequencyMinutes: 30 });
    expect(read.known.holdsRole).toBe(true);
  });
});
