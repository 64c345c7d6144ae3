import type { EntityManager } from 'typeorm';
import { User, UserType } from '../directory/user.entity.js';
import { insertUser, linkUpstreamIdentity, newMember } from '../directory/user.rows.js';
import type { IdentityProvider } from './identity-provider.entity.js';
import { federationFailed as failed } from './upstream.js';

/** Who a partner's provider signed in: its identity there, and the profile the gateway keeps. */
export interface UpstreamIdentity {
  subject: string;
  email: string;
  name: string;
  names: Pick<User, 'givenName' | 'familyName'>;
}

/**
 * The member of the partner's tenant for this upstream identity: found by issuer and subject, else by
 * address, else created. A disabled member is refused. Runs in the caller's transaction.
 * @throws FEDERATION_FAILED
 */
export async function linkFederatedMember(
  em: EntityManager,
  provider: IdentityProvider,
  identity: UpstreamIdentity,
  now: Date,
): Promise<User> {
  const { subject, email, name, names } = identity;
  let member =
    (await em.findOneBy(User, { upstreamIssuer: provider.issuer, upstreamSubject: subject })) ??
    (await em.findOneBy(User, { tenantId: provider.tenantId, mail: email, userType: UserType.Member }));
  if (!member) {
    member = newMember(
      {
        tenantId: provider.tenantId,
        displayName: name.slice(0, 256),
        ...names,
        mail: email,
        signInName: email,
        emailVerified: true,
        upstreamIssuer: provider.issuer,
        upstreamSubject: subject,
        upstreamAuthenticatedAt: now,
      },
      now,
    );
    await insertUser(em, member);
    return member;
  }
  if (!member.accountEnabled) throw failed('Your account is disabled by your organization');
  await linkUpstreamIdentity(em, member, { issuer: provider.issuer, subject, ...names }, now);
  return member;
}
