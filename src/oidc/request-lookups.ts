import type { IncomingMessage } from 'node:http';
import type { Application } from '../apps/application.entity.js';
import type { User } from '../directory/user.entity.js';
import type { ProviderDeps } from './provider.factory.js';
import { answerForRequest, oncePerRequest } from './request-memo.js';

const userKey = (id: string) => `user:${id}`;

/** What a tenant's provider reads about its apps, accounts and the browser, each once per request. */
export interface RequestLookups {
  app(clientId: string): Promise<Application | null>;
  /** Whether `presented` is a live secret of the client (its secrets are read with its app). */
  clientSecretMatches(clientId: string, presented: string): Promise<boolean>;
  /** Any account by id (the caller checks the tenant). */
  user(id: string): Promise<User | null>;
  /** An account read on the side (with the artefact naming it): `user(id)` answers with it in this request. */
  keepUser(user: User): void;
  signedInUserId(req: IncomingMessage): Promise<string | null>;
  sessionStartedAt(req: IncomingMessage): Promise<Date | null>;
}

export function requestLookups(deps: Pick<ProviderDeps, 'appSecrets' | 'users' | 'browser'>, tenantId: string): RequestLookups {
  // Keys name the tenant: providers share one request store, so a context that ever reached another
  // tenant's lookups must not hand that tenant this one's app or session start.
  const signedIn = (req: IncomingMessage) => oncePerRequest(`${tenantId}:browser`, () => deps.browser.signedIn(req, tenantId));
  // The app and its live secrets in one statement: a token request needs both, other requests read
  // a secret row or two more than they need instead of a second statement.
  const client = (clientId: string) => oncePerRequest(`${tenantId}:app:${clientId}`, () => deps.appSecrets.findClient(tenantId, clientId));
  return {
    app: async (clientId) => (await client(clientId))?.app ?? null,
    clientSecretMatches: async (clientId, presented) => {
      const found = await client(clientId);
      return found ? deps.appSecrets.verifyAgainst(found, presented) : false;
    },
    user: (id) => oncePerRequest(userKey(id), () => deps.users.findById(id)),
    keepUser: (user) => answerForRequest(userKey(user.id), user),
    signedInUserId: async (req) => (await signedIn(req)).userId,
    sessionStartedAt: async (req) => (await signedIn(req)).startedAt,
  };
}
