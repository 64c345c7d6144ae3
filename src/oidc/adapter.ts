import Provider, { type Adapter, type AdapterPayload, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { sha256Hex } from '../shared/secrets.js';
import { OidcPayload } from './oidc-payload.entity.js';
import { User } from '../directory/user.entity.js';
import { requestWriteBatch, stashForRequest, takeStashed } from './request-memo.js';
import { payloadStatements } from './adapter-statements.js';
import { withWriteBatch } from '../db/write-batch.js';

export interface AdapterDeps {
  db: Database;
  clock: Clock;
  tenantId: string;
  /** Client metadata comes from the directory's applications, not from stored payloads. */
  findClient: (clientId: string) => Promise<AdapterPayload | undefined>;
  /** The account an artefact names, read with it (of this tenant): the request's lookups keep it. */
  accountRead?: (account: User) => void;
}

/**
 * oidc-provider's storage contract (see its example/my_adapter.js) over TypeORM: one row per
 * artefact in `oidc_payload`, scoped to a tenant, so several gateway processes share all state.
 *
 * An artefact's id is often the bearer value itself (access and refresh tokens, codes, the session
 * cookie), so rows are keyed by its SHA-256 and the payload keeps no copy of it (`jti`, and the
 * session cookie an interaction remembers): a read of the database yields no usable token. The ids
 * are 126+ random bits, so an unkeyed hash cannot be reversed, and it survives GATEWAY_SECRET changes.
 */
export function createAdapterClass(deps: AdapterDeps) {
  const { db, clock, tenantId } = deps;
  const sql = payloadStatements(db);

  return class TypeOrmAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      this.dropStashedGrant(id);
      const expiresAt = expiresIn ? sql.date(new Date(clock.now().getTime() + expiresIn * 1000)) : null;
      await this.write(id, sql.upsert, [
        this.model,
        storageId(id),
        tenantId,
        JSON.stringify(withoutBearerValues(payload)),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        payload.accountId ?? null,
        payload.clientId ?? null,
        expiresAt,
      ]);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        readPresentedBeside();
        return deps.findClient(id);
      }
      if (this.model === 'Grant') {
        const stashed = takeStashed<AdapterPayload | null>(grantKey(id));
        if (stashed !== undefined) return stashed ?? undefined;
      }
      const key = storageId(id);
      if (WITH_GRANT.has(this.model)) {
        // The read begun beside the client's authentication, unless a held write to it was sent since.
        let early = takeStashed<Promise<Record<string, unknown>[]>>(earlyKey(this.model, key));
        if (await this.flushFor([rowKey(this.model, key), rowKey('Grant', '')])) early = undefined;
        const payload = await this.findWithGrant(key, early);
        return payload && { ...payload, jti: id };
      }
      await this.flushFor([rowKey(this.model, key)]);
      const payload = this.model === 'Session' ? await this.findWithAccount(key) : await this.findBy('id', key);
      return payload && { ...payload, jti: id };
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      await this.flushFor([rowKey(this.model, '')]);
      return this.findBy('userCode', userCode);
    }

    /** Read-only lookups (session binding checks): the payload comes without its id. */
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      await this.flushFor([rowKey(this.model, '')]);
      return this.findBy('uid', uid);
    }

    /**
     * Marks a code or refresh token used, at once (never held): the provider checked that it was unused
     * when it read it, but two requests presenting it at the same moment both read it unused. The
     * statement claims it only while unused, so the second finds nothing to claim: it is refused as a
     * replay, and the grant ends with every token the first request hands out (RFC 6749 4.1.2).
     * Should the request then fail to write its own writes, the claim is given back.
     */
    async consume(id: string): Promise<void> {
      this.dropStashedGrant(id);
      const key = storageId(id);
      await this.flushFor([rowKey(this.model, key)]);
      const at = sql.date(clock.now());
      const claimed = await sql.run(sql.consume, [at, this.model, key, tenantId]);
      if (claimed.length) {
        // Should the request's tokens and log entry fail to be written, the token is not spent: the
        // app's retry is not a replay (nothing it was handed exists).
        requestWriteBatch()?.onWriteFailure(() => sql.run(sql.release, [this.model, key, tenantId, at]));
        return;
      }
      const [row] = await sql.run(sql.grantIdOf, [this.model, key, tenantId]);
      const grantId = row?.grantId;
      if (typeof grantId === 'string') {
        takeStashed(grantKey(grantId));
        await requestWriteBatch()?.flush();
        await sql.run(sql.revokeGrant, [grantId, tenantId, storageId(grantId)]);
      }
      throw new errors.InvalidGrant(`${this.model === 'AuthorizationCode' ? 'authorization code' : 'grant'} already used`);
    }

    async destroy(id: string): Promise<void> {
      this.dropStashedGrant(id);
      await this.write(id, sql.destroy, [this.model, storageId(id), tenantId]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      takeStashed(grantKey(grantId));
      // Rows of any id: what the request holds goes first (a token held for this grant must not outlive it).
      await requestWriteBatch()?.flush();
      await sql.run(sql.revokeByGrant, [this.model, grantId, tenantId]);
    }

    /**
     * A write to the artefact `id`: inside a provider request, held in its write batch and sent with the
     * request's other writes right before the answer (src/db/write-batch.ts); else at once.
     */
    private async write(id: string, text: string, parameters: unknown[]): Promise<void> {
      const batch = requestWriteBatch();
      if (batch) await batch.add({ runner: sql.runner, sql: text, parameters, key: rowKey(this.model, storageId(id)) });
      else await sql.run(text, parameters);
    }

    /** Before a read: sends the held writes when one may change what it reads (keys, or key prefixes); whether it did. */
    private async flushFor(keys: string[]): Promise<boolean> {
      const batch = requestWriteBatch();
      if (!batch || !keys.some((key) => batch.holds(key))) return false;
      await batch.flush();
      return true;
    }

    /** A write to a grant drops what a read with its token stashed: it never answers after the write. */
    private dropStashedGrant(id: string): void {
      if (this.model === 'Grant') takeStashed(grantKey(id));
    }

    private async findBy(key: 'id' | 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> {
      const [row] = await sql.reader.query(sql.findBy[key], [this.model, value, tenantId]);
      return live(row);
    }

    /**
     * The artefact and, on the side, its grant, which the provider reads next (a refresh token or a
     * code: one statement instead of two). The grant waits in the request's stash for Grant.find.
     */
    private async findWithGrant(key: string, early?: Promise<Record<string, unknown>[]>): Promise<AdapterPayload | undefined> {
      const [row] = await (early ?? sql.run(sql.findWithGrant, [this.model, key, tenantId]));
      const payload = row && live(sql.reader.map(row));
      if (payload) this.keepAccount(row);
      const grantId = row?.grantId;
      if (payload && typeof grantId === 'string') {
        const grant = live(sql.reader.mapAs(row, 'g') ?? undefined);
        stashForRequest(grantKey(grantId), grant ? { ...grant, jti: grantId } : null);
      }
      return payload;
    }

    /** A session and, on the side, its account, which the provider's findAccount reads next. */
    private async findWithAccount(key: string): Promise<AdapterPayload | undefined> {
      const [row] = await sql.run(sql.findWithAccount, [this.model, key, tenantId]);
      const payload = row && live(sql.reader.map(row));
      if (payload) this.keepAccount(row);
      return payload;
    }

    private keepAccount(row: Record<string, unknown>): void {
      const account = sql.users.fromRow(row, 'u');
      if (account) deps.accountRead?.(account);
    }
  };

  /**
   * At a token request, the refresh token or code it presents is read beside the client's
   * authentication rather than after it (a round trip less on PostgreSQL). Only the provider's own
   * find of that artefact, once the client is authenticated, takes the answer; otherwise it is dropped.
   */
  function readPresentedBeside(): void {
    const oidc = (Provider.ctx as KoaContextWithOIDC | undefined)?.oidc;
    if (oidc?.route !== 'token') return;
    const params = oidc.params ?? {};
    const model = PRESENTED[String(params.grant_type)];
    const value = model ? params[model.param] : undefined;
    if (!model || typeof value !== 'string' || value.length > 1024) return;
    const key = storageId(value);
    const read = sql.run(sql.findWithGrant, [model.model, key, tenantId]);
    read.catch(() => undefined); // a failure is the provider's to see, when it asks
    stashForRequest(earlyKey(model.model, key), read);
  }

  function earlyKey(model: string, key: string): string {
    return `${tenantId}:early:${model}:${key}`;
  }

  /** A stored artefact's payload, unless it has expired. */
  function live(row: PayloadRow | undefined): AdapterPayload | undefined {
    if (!row || (row.expiresAt && row.expiresAt <= clock.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }

  function grantKey(grantId: string): string {
    return `${tenantId}:Grant:${grantId}`;
  }
}

/** A held write's row key (write-batch keys): a prefix of it (an empty id) names every row of the model. */
function rowKey(model: string, storageKey: string): string {
  return `oidc_payload:${model}:${storageKey}`;
}

type PayloadRow = Pick<OidcPayload, 'payload' | 'expiresAt' | 'consumedAt'>;

/** What a token request presents, by grant type: read beside the client's authentication. */
const PRESENTED: Record<string, { model: string; param: string }> = {
  refresh_token: { model: 'RefreshToken', param: 'refresh_token' },
  authorization_code: { model: 'AuthorizationCode', param: 'code' },
};

/**
 * Artefacts whose grant the provider reads right after them: read together (findWithGrant). An
 * interaction's, at resume (loadExistingGrant, by the consent's grant id: the interaction's own when
 * the consent kept it); a grant id that differs reads its grant apart, and the stashed one is dropped.
 */
const WITH_GRANT = new Set(['RefreshToken', 'AuthorizationCode', 'Interaction']);

/** The row key of an artefact id. */
export function storageId(id: string): string {
  return sha256Hex(id);
}

function withoutBearerValues(payload: AdapterPayload): AdapterPayload {
  const { jti: _jti, ...rest } = payload;
  const session = rest.session as Record<string, unknown> | undefined;
  if (session && typeof session === 'object' && 'cookie' in session) {
    const { cookie: _cookie, ...kept } = session;
    return { ...rest, session: kept } as AdapterPayload;
  }
  return rest;
}

/**
 * Holds the writes of each provider request (its artefacts, the refresh's sign-in log entry) and sends
 * them together once the request is handled, before its answer: on PostgreSQL a refresh's consumed
 * token, new tokens and log entry are one round trip instead of four. A failed write fails the answer.
 * Register it inside any middleware that writes after the request's own writes (the logout hook).
 */
export function batchWritesPerRequest(provider: Provider): void {
  provider.use(async (ctx, next) => {
    try {
      await withWriteBatch(ctx, next);
    } catch (error) {
      // Past the provider's own error handling: logged as its server errors are, answered 500 by Koa.
      provider.emit('server_error', ctx, error);
      throw error;
    }
  });
}
