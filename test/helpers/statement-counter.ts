import type { Logger as OrmLogger } from 'typeorm';
import type { Database } from '../../src/db/database.js';

export interface Statement {
  query: string;
  parameters: unknown[];
}

/**
 * Records the SQL statements a gateway sends while `record` runs (a test and bench hook: it replaces
 * the data source's TypeORM logger with one that also counts; production code never installs it, so
 * nothing costs anything when it is off). BEGIN/COMMIT count: each is a round trip. The rate
 * limiter's own statements bypass TypeORM and are not seen.
 */
export class StatementCounter {
  private recording: Statement[] | null = null;

  constructor(db: Database) {
    const inner = db.dataSource.logger;
    const onQuery = (query: string, parameters: unknown[] | undefined) => this.recording?.push({ query, parameters: parameters ?? [] });
    db.dataSource.logger = new Proxy(inner, {
      get(target, property, receiver) {
        if (property !== 'logQuery') return Reflect.get(target, property, receiver) as unknown;
        const logQuery: OrmLogger['logQuery'] = (query, parameters, runner) => {
          onQuery(query, parameters);
          return target.logQuery(query, parameters, runner);
        };
        return logQuery;
      },
    });
  }

  /** Runs `work` and returns the statements issued meanwhile (run one request at a time). */
  async record(work: () => Promise<unknown>): Promise<string[]> {
    return (await this.recordWithParameters(work)).map((s) => s.query);
  }

  /** As `record`, with each statement's parameters (to EXPLAIN what a service really ran). */
  async recordWithParameters(work: () => Promise<unknown>): Promise<Statement[]> {
    const statements: Statement[] = [];
    this.recording = statements;
    try {
      await work();
    } finally {
      this.recording = null;
    }
    return statements;
  }
}
