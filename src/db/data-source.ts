import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { Config } from '../config/config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { takeTurnsBeforeStatements } from './sqlite-turns.js';
import { checkpointInTheBackground } from './wal-checkpoints.js';
import { sha256Hex } from '../shared/secrets.js';

/** The SQL function `sha256_hex(text)` on SQLite: the hex SHA-256 of its UTF-8 text, as sha256Hex. */
export const SQLITE_SHA256_HEX = 'sha256_hex';

/** Builds the one TypeORM data source from config: a SQLite file by default, PostgreSQL for a postgres:// URL. */
export function createDataSource(database: Config['database']): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (database.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: database.url, extra: { max: 10 } });
  }
  fs.mkdirSync(path.dirname(database.path), { recursive: true });
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: true,
    // better-sqlite3 waits this long for a lock held by another process instead of failing at once.
    timeout: 5000,
    // A multi-row INSERT (insertMany) keeps a statement journal so that it can be undone alone; past
    // 64 KiB SQLite spilled it to a temporary file, which made the inserts into tables with scattered
    // indexes twice as slow as one row at a time. Temporary data stays in memory instead; the
    // database and its WAL are written as before.
    // PostgreSQL has sha256(); the OIDC adapter joins artefacts to their grant's row key with it.
    prepareDatabase: (db: {
      pragma: (sql: string) => unknown;
      function(name: string, options: object, fn: (value: unknown) => unknown): void;
    }) => {
      db.pragma('temp_store = MEMORY');
      db.function(SQLITE_SHA256_HEX, { deterministic: true }, (value) => (typeof value === 'string' ? sha256Hex(value) : null));
    },
  });
}

/** Connects and applies pending migrations (each in its own transaction). */
export async function openDatabase(database: Config['database']): Promise<DataSource> {
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  takeTurnsBeforeStatements(dataSource);
  if (database.kind === 'sqlite') {
    const stop = checkpointInTheBackground(dataSource, database.path);
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      await stop();
      await destroy();
    };
  }
  return dataSource;
}
