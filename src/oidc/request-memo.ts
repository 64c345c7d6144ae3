import Provider from 'oidc-provider';

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
