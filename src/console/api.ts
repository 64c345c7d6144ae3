import { cacheExchange, Client, fetchExchange, mapExchange } from 'urql';
import { saveDrafts } from './drafts';

/** The tenant of this console: the first path segment after /admin/. */
export function tenantFromPath(pathname: string): string {
  return pathname.split('/')[2] ?? '';
}

/** Sign in again (the backend's session ended), coming back to this page. */
export function signInAgain(tenantId: string): void {
  window.location.assign(`/admin/${tenantId}/signin?returnTo=${encodeURIComponent(window.location.pathname)}`);
}

/** The session ended under the administrator's hands: keep what they typed (drafts.ts), sign in, come back. */
function sessionEnded(tenantId: string): void {
  saveDrafts();
  signInAgain(tenantId);
}

/**
 * The console's only way to the server: the backend's GraphQL endpoint of this tenant, which adds
 * the administrator's token. The custom header is the backend's CSRF check; the cookie is http-only.
 */
export function consoleClient(tenantId: string): Client {
  return new Client({
    url: `/admin/${tenantId}/graphql`,
    preferGetMethod: false,
    fetchOptions: { headers: { 'x-console-csrf': '1' }, credentials: 'same-origin' },
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.response?.status === 401) sessionEnded(tenantId);
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** Ends the console session and the gateway sign-in, then shows the sign-in again. */
export async function signOut(tenantId: string): Promise<void> {
  await fetch(`/admin/${tenantId}/signout`, { method: 'POST', headers: { 'x-console-csrf': '1' }, credentials: 'same-origin' });
  signInAgain(tenantId);
}
