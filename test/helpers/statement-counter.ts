import type { Logger as OrmLogger } from 'typeorm';
import type { Database } from '../../src/db/database.js';

/**
 * Records the SQL statements a gateway sends while `record` runs (a test and bench hook: it replaces
 * the data source's TypeORM logger with one that also counts; production code never installs it, so
 * nothing costs anything when it is off). BEGIN/COMMIT count: each is a round trip. The rate
 * limiter's own statements bypass TypeORM and are not seen.
 */
export class StatementCounter {
  private recording: string[] | null = null;

  constructor(db: Database) {
    const inner = db.dataSource.logger;
    const onQuery = (query: string) => this.recording?.push(query);
    db.dataSource.logger = new Proxy(inner, {
      get(target, property, receiver) {
        if (property !== 'logQuery') return Reflect.get(target, property, receiver) as unknown;
        const logQuery: OrmLogger['logQuery'] = (query, parameters, runner) => {
          onQuery(query);
          return target.logQuery(query, parameters, runner);
        };
        return logQuery;
      },
    });
  }

  /** Runs `work` and returns the statements issued meanwhile (run one request at a time). */
  async record(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    this.recording = statements;
    try {
      await work();
    } finally {
      this.recording = null;
    }
    return statements;
  }
}
