import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import { PrincipalKind, RoleAssignment } from '../directory/role-assignment.entity.js';
import type { User } from '../directory/user.entity.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import { applyPolicyChanges, type PolicyChanges } from './policy-input.js';
import { defaultPolicy, type PolicyValues, SecurityPolicy, TermsAcceptance } from './security-policy.entity.js';

/**
 * A read joined to the policy's one row (policyWithRole): its columns and LEFT JOIN, built once per
 * `name` with its parameters (`param(n)`) numbered from `first` (after the policy's own), and their values.
 */
export interface JoinedRead {
  name: string;
  build(param: (n: number) => string, first: number): { columns: string; sql: string };
  parameters: unknown[];
}

export interface TermsAcceptanceFilter {
  userId?: string | null;
  version?: string | null;
}

/**
 * Per-tenant security policies (MFA, trusted partner MFA, sign-in frequency, session
 * lifetime, terms of use) and the
 * record of terms accepted. Owner of `security_policy` and `terms_acceptance`.
 */
export class SecurityPolicyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The tenant's policy, with the defaults where it has none. */
  async policyOf(tenantId: string, em: EntityManager = this.db.manager): Promise<PolicyValues> {
    // Outside a transaction (every OIDC request asks), one statement written once (src/db/raw-read.ts).
    const policies = entityReader(this.db.dataSource, SecurityPolicy);
    const row =
      em === this.db.manager
        ? await policies.one(
            policies.statement('of', (r) => `${r.select(`"tenantId" = ${r.param(1)}`)} LIMIT 1`),
            [tenantId],
          )
        : await em.findOneBy(SecurityPolicy, { tenantId });
    return row ?? defaultPolicy(tenantId);
  }

  /**
   * The tenant's policy (defaults where it has none) and whether the account holds a directory role
   * there (the administrators' MFA rule): one statement, since every OIDC access check asks both. With
   * `joined`, another module's read joined to that row in the same statement (its rows returned as
   * read: one per row it joins, at least one), e.g. the account's assignments to the app
   * (src/oidc/access-facts.ts).
   */
  async policyWithRole(
    tenantId: string,
    accountId: string,
    joined?: JoinedRead,
  ): Promise<{ policy: PolicyValues; holdsRole: boolean; rows: Record<string, unknown>[] }> {
    const policies = entityReader(this.db.dataSource, SecurityPolicy);
    const roles = entityReader(this.db.dataSource, RoleAssignment).table;
    const sql = policies.statement(joined ? `withRole:${joined.name}` : 'withRole', (r) => {
      const [tenant, kind, principal, policyTenant] = [1, 2, 3, 4].map((n) => r.param(n));
      const role = `SELECT 1 FROM ${roles} ra WHERE ra."tenantId" = ${tenant} AND ra."principalKind" = ${kind} AND ra."principalId" = ${principal}`;
      const join = joined?.build((n) => r.param(n), 5);
      return (
        `SELECT ${r.columnsAs('p')}, EXISTS (${role}) AS "holdsRole"${join ? `, ${join.columns}` : ''} ` +
        `FROM (SELECT 1 AS "one") o LEFT JOIN ${r.table} p ON p."tenantId" = ${policyTenant}${join ? ` ${join.sql}` : ''}`
      );
    });
    const rows = await policies.rows(sql, [tenantId, PrincipalKind.User, accountId, tenantId, ...(joined?.parameters ?? [])]);
    const [row] = rows;
    const holdsRole = row?.holdsRole === true || Number(row?.holdsRole) === 1;
    return { policy: (row && policies.fromRow(row, 'p')) ?? defaultPolicy(tenantId), holdsRole, rows };
  }

  /** @throws FORBIDDEN */
  async get(actor: Actor): Promise<PolicyValues> {
    authorize(actor, Permission.ReadTenantConfiguration);
    return this.policyOf(actor.tenantId);
  }

  /**
   * Changes the caller's tenant's policy, audited with the resulting values.
   * @throws FORBIDDEN, INVALID_SECURITY_POLICY
   */
  async update(actor: Actor, changes: PolicyChanges): Promise<PolicyValues> {
    authorize(actor, Permission.ManageTenant);
    return this.db.transaction(async (em) => {
      const next = applyPolicyChanges(await this.policyOf(actor.tenantId, em), changes);
      await em.save(SecurityPolicy, { ...next, updatedAt: this.clock.now() });
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateSecurityPolicy,
        { type: 'Tenant', id: actor.tenantId },
        {
          mfaForAdmins: next.mfaForAdmins,
          mfaForMembers: next.mfaForMembers,
          mfaForGuests: next.mfaForGuests,
          trustPartnerMfa: next.trustPartnerMfa,
          signInFrequencyMinutes: next.signInFrequencyMinutes,
          sessionLifetimeMinutes: next.sessionLifetimeMinutes,
          termsAudience: next.termsAudience,
          termsUrl: next.termsUrl,
          termsVersion: next.termsVersion,
          termsLanguages: Object.keys(next.termsUrls ?? {}),
        },
      );
      return next;
    });
  }

  /** Whether `account` accepted `version` of its tenant's terms. */
  async hasAccepted(account: Pick<User, 'id' | 'tenantId'>, version: string): Promise<boolean> {
    return this.db.manager.existsBy(TermsAcceptance, { tenantId: account.tenantId, userId: account.id, version });
  }

  /**
   * Records that `account` accepted the tenant's current terms (in `language`), audited in the tenant
   * as the person's own action. Accepting twice (two tabs) records once.
   */
  async acceptTerms(account: Pick<User, 'id' | 'tenantId' | 'displayName'>, version: string, language: string): Promise<void> {
    try {
      await this.db.transaction(async (em) => {
        await em.insert(TermsAcceptance, {
          id: newId(),
          tenantId: account.tenantId,
          userId: account.id,
          version,
          language,
          acceptedAt: this.clock.now(),
        });
        const actor = { tenantId: account.tenantId, kind: PrincipalKind.User, id: account.id, displayName: account.displayName };
        await this.audit.record(em, actor, AuditAction.AcceptTermsOfUse, { type: 'User', id: account.id }, { version, language });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** The caller's tenant's acceptances, newest first. @throws FORBIDDEN, BAD_USER_INPUT */
  async acceptances(actor: Actor, filter: TermsAcceptanceFilter, page: PageArgs): Promise<Page<TermsAcceptance>> {
    authorize(actor, Permission.ReadAuditLog);
    const query = this.db.manager
      .getRepository(TermsAcceptance)
      .createQueryBuilder('a')
      .where('a.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (filter.userId) query.andWhere('a.userId = :userId', { userId: filter.userId });
    if (filter.version) query.andWhere('a.version = :version', { version: filter.version });
    return paginate(query, page, 'DESC');
  }
}
