import Provider from 'oidc-provider';
import { type WriteBatch, writeBatchOf } from '../db/write-batch.js';

/** The write batch of the provider request under way (batchWritesPerRequest in adapter.ts), if any. */
export function requestWriteBatch(): WriteBatch | undefined {
  return writeBatchOf(Provider.ctx as object | undefined);
}

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Reads one fact at most once per provider request: the provider asks for the same app, account and
 * browser sign-in several times while it handles one request (client lookup, client authentication,
 * findAccount, token claims, the sign-in log). The memo lives on the request's context (the provider
 * keeps it in its AsyncLocalStorage), so it dies with the request and no answer outlives it: the next
 * request reads everything afresh, in this process or any other. Outside a provider request it loads.
 */
export function oncePerRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ctx = Provider.ctx as object | undefined;
  if (!ctx) return load();
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = new Map()));
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    memo.set(key, found);
  }
  return found;
}

/**
 * Answers `key` with `value` for the rest of this provider request, unless it was asked already (a fact
 * read on the side of another statement: the account read with its session or refresh token). Outside
 * a provider request it is not kept.
 */
export function answerForRequest<T>(key: string, value: T): void {
  const ctx = Provider.ctx as object | undefined;
  if (!ctx) return;
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, Promise.resolve(value));
}

const stashes = new WeakMap<object, Map<string, unknown>>();

/**
 * Hands a fact read on the side to the next `takeStashed(key)` of the same provider request, once (a
 * statement that answered two questions: the grant read with its refresh token). Taken or dropped, it
 * is gone, so it never answers a question asked after a write; outside a provider request it is not kept.
 */
export function stashForRequest(key: string, value: unknown): void {
  const ctx = Provider.ctx as object | undefined;
  if (!ctx) return;
  let stash = stashes.get(ctx);
  if (!stash) stashes.set(ctx, (stash = new Map()));
  stash.set(key, value);
}

/** The value stashed under `key` in this request (then removed), or undefined. */
export function takeStashed<T>(key: string): T | undefined {
  const ctx = Provider.ctx as object | undefined;
  const stash = ctx && stashes.get(ctx);
  if (!stash?.has(key)) return undefined;
  const value = stash.get(key) as T;
  stash.delete(key);
  return value;
}
