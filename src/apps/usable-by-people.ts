import { DomainError, ErrorCode } from '../shared/errors.js';
import type { Application } from './application.entity.js';
import { consoleClientId } from './console-client-id.js';

/**
 * Whether a person can use the app: a SAML app, an OpenID Connect app with a reply URL (it signs people
 * in), or one with a homepage (its access panel tile opens something). Not a client-credentials-only
 * client (no reply URL, no homepage) and never the admin console's own app (it admits administrators
 * by role, not by assignment).
 */
export function usableByPeople(app: Pick<Application, 'appId' | 'tenantId' | 'protocol' | 'replyUrls' | 'homepageUrl'>): boolean {
  if (app.appId === consoleClientId(app.tenantId)) return false;
  return app.protocol === 'saml' || app.replyUrls.length > 0 || app.homepageUrl !== null;
}

/**
 * Apps given to a guest with an invitation: only apps a person can use (the review page lists them as
 * the apps the guest will be able to use).
 * @throws APPLICATION_NOT_FOR_PEOPLE
 */
export function requireUsableByPeople(app: Application): void {
  if (usableByPeople(app)) return;
  throw new DomainError(
    ErrorCode.APPLICATION_NOT_FOR_PEOPLE,
    `${app.displayName} signs in no person (an app-only client or the admin console): it cannot be given with an invitation`,
    { applicationId: app.id },
  );
}
