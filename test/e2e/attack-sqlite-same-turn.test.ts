import { beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/directory/actor.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { statementRunner } from '../../src/db/raw-statements.js';
import { withWriteBatch, writeBatchOf } from '../../src/db/write-batch.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { failInserts } from '../helpers/failing-inserts.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { grantTarget, type GrantTarget } from '../helpers/oidc-grants.js';

/**
 * SQLite's one connection, attacked with no transaction awaiting I/O. better-sqlite3 answers each
 * statement a few microtasks after it was asked, so two requests woken in the same turn of the event
 * loop (two pipelined requests parsed from one read, waiters on one shared promise, the transaction
 * queue handing over) run their statements alternately. One that lands while the other's transaction
 * is open is inside it, and goes when that transaction rolls back, although its request answered
 * success. Here the transaction that rolls back is an administrator disabling a user whose audit entry
 * cannot be written; beside it, in the same turn, what must not go with it.
 */
describe('SQLite: requests in the same turn as a transaction that rolls back', () => {
  const suite = useGatewaySuite('sqlite');
  let target: GrantTarget;
  let otherId: string;
  const address = 'user@sameturn.example';

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'SameTurn');
    otherId = (await suite.t.gateway.services.users.createMember(target.tenantId, { displayName: 'Other', mail: 'other@sameturn.example' }))
      .id;
  });

  /**
   * Disables the other user in a transaction that fails at its audit entry, with `beside` started in
   * the same turn (`first`: before it, so that a transaction of `beside` is queued ahead of it).
   */
  async function besideFailingTransaction(beside: () => Promise<unknown>, first = false): Promise<PromiseSettledResult<unknown>> {
    const { services, db } = suite.t.gateway;
    const admin = { ...operatorActor(target.tenantId), roles: [DirectoryRole.GlobalAdministrator] };
    const restore = await failInserts(db, 'audit_event', `NEW."action" = '${AuditAction.DisableAccount}'`);
    try {
      const disable = () => services.users.setEnabled(admin, otherId, false);
      const [disabled, result] = first
        ? (await Promise.allSettled([beside(), disable()])).reverse()
        : await Promise.allSettled([disable(), beside()]);
      expect(disabled.status).toBe('rejected');
      expect((await db.manager.findOneByOrFail(User, { id: otherId })).accountEnabled).toBe(true);
      return result;
    } finally {
      await restore();
    }
  }

  const pointsOf = async (key: string) =>
    ((await suite.t.gateway.db.manager.query(`SELECT points FROM rate_limit WHERE key = ?`, [key])) as { points: number }[])[0]?.points ??
    0;

  it('a wrong password guessed beside it spends every sign-in budget', async () => {
    const ip = '203.0.113.7';
    const result = await besideFailingTransaction(() => suite.t.gateway.services.accounts.signIn(address, 'Wrong-Password-1', ip));
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_CREDENTIALS' } });
    // Not spent, the guesses at an account would never run out of budget.
    expect(await pointsOf(`signInPerIp:${ip}`)).toBe(1);
    expect(await pointsOf(`signInPerAccountAndIp:${address} ${ip}`)).toBe(1);
    expect(await pointsOf(`signInPerAccount:${address}`)).toBe(1);
  });

  it("a request's held writes flushed beside it stay written", async () => {
    const { db } = suite.t.gateway;
    const runner = statementRunner(db.dataSource);
    const write = (key: string) => ({ runner, sql: `INSERT INTO rate_limit (key, points, expire) VALUES (?, 1, NULL)`, parameters: [key] });
    const request = {};
    const result = await besideFailingTransaction(() =>
      withWriteBatch(request, async () => {
        // A request reading a little before it writes, as the provider's do.
        for (let i = 0; i < 3; i++) await db.manager.query('SELECT 1');
        await writeBatchOf(request)!.add(write('batch:one'));
        await writeBatchOf(request)!.add(write('batch:two'));
      }),
    );
    expect(result.status).toBe('fulfilled');
    expect([await pointsOf('batch:one'), await pointsOf('batch:two')]).toEqual([1, 1]);
  });

  it("what a transaction's caller writes after it stays written when the next transaction rolls back", async () => {
    const { db } = suite.t.gateway;
    const result = await besideFailingTransaction(async () => {
      await db.transaction((em) => em.query(`INSERT INTO rate_limit (key, points, expire) VALUES ('after:inside', 1, NULL)`));
      for (let i = 0; i < 5; i++)
        await db.manager.query(`INSERT INTO rate_limit (key, points, expire) VALUES (?, 1, NULL)`, [`after:${i}`]);
    }, true);
    expect(result.status).toBe('fulfilled');
    const written = (await db.manager.query(`SELECT key FROM rate_limit WHERE key LIKE 'after:%' ORDER BY key`)) as { key: string }[];
    expect(written.map((r) => r.key)).toEqual(['after:0', 'after:1', 'after:2', 'after:3', 'after:4', 'after:inside']);
  });
});
