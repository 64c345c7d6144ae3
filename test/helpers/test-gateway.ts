import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type FormattedExecutionResult, print } from 'graphql';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createGateway, type Gateway } from '../../src/app.js';
import { type Env, loadConfig } from '../../src/config/config.js';
import { createLoaders } from '../../src/graphql/loaders.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';

export type Transport = 'http' | 'in-process';

export interface TestGateway {
  gateway: Gateway;
  /** The public URL (shared by every process of one deployment). */
  baseUrl: string;
  /** This process's own address. */
  ownUrl: string;
  mailDir: string;
  /** Stops this process only (graceful close); the database stays. */
  close(): Promise<void>;
  /** Stops the process and drops its database (unless shared from another process). */
  stop(): Promise<void>;
}

/** Starts a real gateway on a loopback port over a fresh database of the given kind. */
export async function startTestGateway(
  kind: DatabaseKind,
  env: Env = {},
  /** `publicHost`: the public URL's host (`localhost` for WebAuthn in a browser: an IP address is no RP id). */
  options: { clock?: Clock; logger?: Logger; shareWith?: TestGateway; publicHost?: string } = {},
): Promise<TestGateway> {
  // A second process of the same deployment: same database, secret and public URL, its own port.
  const db = options.shareWith
    ? { database: options.shareWith.gateway.config.database, drop: async () => undefined }
    : await createTestDatabase(kind);
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-mail-'));
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: options.shareWith?.baseUrl ?? `http://${options.publicHost ?? '127.0.0.1'}:${port}`,
    NODE_ENV: 'test',
    GATEWAY_SECRET: 'test-secret-test-secret-test-secret-0123',
    MAIL_OUTBOX_DIR: mailDir,
    // Suites that test delivery turn the worker on (or drain it themselves); the others stay deterministic.
    OUTBOX_WORKER: 'false',
    // Suites that test the invitation mail budget set their own; the others upload thousands of rows per tenant.
    INVITATION_MAIL_PER_HOUR: '1000000',
    ...(db.database.kind === 'postgres' ? { DATABASE_URL: db.database.url } : { SQLITE_PATH: db.database.path }),
    ...env,
  });
  const gateway = await createGateway(config, options.logger ?? createLogger('silent'), options.clock);
  await gateway.listen();
  let closed = false;
  return {
    gateway,
    baseUrl: config.publicUrl,
    ownUrl: `http://127.0.0.1:${port}`,
    mailDir,
    close: async () => {
      if (closed) return;
      closed = true;
      await gateway.close();
    },
    stop: async () => {
      if (!closed) {
        closed = true;
        await gateway.close();
      }
      await db.drop();
      fs.rmSync(mailDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type GraphQLResult<T> = FormattedExecutionResult<T> & { status: number };

/** Runs typed operations as one caller, over real HTTP or in-process through Apollo's executeOperation. */
export class GraphQLClient {
  constructor(
    private readonly test: TestGateway,
    private readonly token: string | null,
    private readonly transport: Transport = 'http',
  ) {}

  withTransport(transport: Transport): GraphQLClient {
    return new GraphQLClient(this.test, this.token, transport);
  }

  async run<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V): Promise<GraphQLResult<R>> {
    return this.transport === 'http' ? this.overHttp(document, variables) : this.inProcess(document, variables);
  }

  /** Runs and fails the test on any error; returns the data. */
  async data<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
    const result = await this.run(document, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as R;
  }

  /** Runs expecting a failure; returns the first error's extensions.code. */
  async errorCode<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables?: V): Promise<string> {
    const result = await this.run(document, variables);
    const code = result.errors?.[0]?.extensions?.code;
    if (typeof code !== 'string') throw new Error(`Expected an error, got ${JSON.stringify(result)}`);
    return code;
  }

  private async overHttp<R>(document: TypedDocumentNode<R, never>, variables: unknown): Promise<GraphQLResult<R>> {
    const response = await fetch(`${this.test.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return { ...((await response.json()) as FormattedExecutionResult<R>), status: response.status };
  }

  private async inProcess<R>(document: TypedDocumentNode<R, never>, variables: unknown): Promise<GraphQLResult<R>> {
    const { gateway } = this.test;
    const actor = this.token ? await gateway.services.apiTokens.verify(this.token) : null;
    const response = await gateway.apollo.executeOperation<R>(
      { query: print(document), variables: variables as Record<string, unknown> },
      {
        contextValue: {
          actor,
          services: gateway.services,
          requestId: 'in-process',
          publicUrl: gateway.config.publicUrl,
          csvMaxBytes: gateway.config.csvMaxBytes,
          loaders: createLoaders(gateway.services, actor),
        },
      },
    );
    if (response.body.kind !== 'single') throw new TypeError('Expected a single result');
    return { ...response.body.singleResult, status: response.http.status ?? 200 } as GraphQLResult<R>;
  }
}
