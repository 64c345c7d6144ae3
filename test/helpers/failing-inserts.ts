import type { Database } from '../../src/db/database.js';

/**
 * Makes inserts into `table` fail (rows matching `when`, SQL over NEW) with the message 'injected'
 * until the returned function runs: a database refusing a write, for tests of what a request does
 * then. A trigger, so the gateway's own statements are the ones refused.
 */
export async function failInserts(db: Database, table: string, when = 'TRUE', name = 'test_fail_inserts'): Promise<() => Promise<void>> {
  const query = (sql: string) => db.dataSource.query(sql);
  if (!db.isPostgres) {
    const condition = when.replace(/\bTRUE\b/, '1').replace(/NEW\."(\w+)"/g, 'NEW.$1');
    await query(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" WHEN ${condition} BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    return async () => void (await query(`DROP TRIGGER ${name}`));
  }
  await query(
    `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN IF ${when} THEN RAISE EXCEPTION 'injected'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await query(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => void (await query(`DROP TRIGGER ${name} ON "${table}"`));
}
