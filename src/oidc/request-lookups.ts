import type { IncomingMessage } from 'node:http';
import type { Application } from '../apps/application.entity.js';
import type { User } from '../directory/user.entity.js';
import type { ProviderDeps } from './provider.factory.js';
import { oncePerRequest } from './request-memo.js';

/** What a tenant's provider reads about its apps, accounts and the browser, each once per request. */
export interface RequestLookups {
  app(clientId: string): Promise<Application | null>;
  /** Any account by id (the caller checks the tenant). */
  user(id: string): Promise<User | null>;
  signedInUserId(req: IncomingMessage): Promise<string | null>;
  sessionStartedAt(req: IncomingMessage): Promise<Date | null>;
}

export function requestLookups(deps: Pick<ProviderDeps, 'apps' | 'users' | 'browser'>, tenantId: string): RequestLookups {
  // Keys name the tenant: providers share one request store, so a context that ever reached another
  // tenant's lookups must not hand that tenant this one's app or session start.
  const signedIn = (req: IncomingMessage) => oncePerRequest(`${tenantId}:browser`, () => deps.browser.signedIn(req, tenantId));
  return {
    app: (clientId) => oncePerRequest(`${tenantId}:app:${clientId}`, () => deps.apps.findByAppId(tenantId, clientId)),
    user: (id) => oncePerRequest(`user:${id}`, () => deps.users.findById(id)),
    signedInUserId: async (req) => (await signedIn(req)).userId,
    sessionStartedAt: async (req) => (await signedIn(req)).startedAt,
  };
}
