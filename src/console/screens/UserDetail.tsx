import { Fragment, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { missingScreen } from '../ui/missing';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { UserActions } from './UserActions';
import { directoryRoleLabels } from '../enum-labels/directory';
import { messages } from './UserDetail.messages';
import { stateText } from './user-state';
import { messages as userWords } from './UserWords.messages';

const UserQuery = graphql(`
  query ConsoleUser($id: ID!) {
    user(id: $id) {
      id
      displayName
      mail
      userPrincipalName
      userType
      externalUserState
      externalUserStateChangedAt
      activationPending
      accountEnabled
      accessExpiresAt
      lastSignInAt
      createdAt
      roles
      homeOrganization {
        id
        name
      }
      groups {
        id
        displayName
      }
      applications {
        id
        displayName
      }
    }
  }
`);

/**
 * One member or guest: where it stands, what it belongs to and may use, and the actions the viewer's
 * permissions allow. An id of another tenant (or none) is NOT_FOUND at the API and a "not found" here.
 */
export function UserDetail({ id, viewer, place }: ScreenProps & { id: string }) {
  const t = useT(messages);
  const words = useT(userWords);
  const role = useT(directoryRoleLabels);
  const format = useFormat();
  const [{ data, error }] = useQuery({ query: UserQuery, variables: { id } });
  const back = (
    <p>
      <Link href={hrefOf(place.tenantId, 'users')}>{t('back')}</Link>
    </p>
  );

  const user = data?.user;
  if (!user) return missingScreen({ error, answered: !!data, back, t });
  const list = (items: readonly { id: string; displayName: string }[]) =>
    items.length ? (
      <ul className="plain">
        {items.map((i) => (
          <li key={i.id}>{i.displayName}</li>
        ))}
      </ul>
    ) : (
      t('none')
    );
  const facts: [string, ReactNode][] = [
    [words('email'), user.mail],
    [t('upn'), user.userPrincipalName],
    [words('type'), words(user.userType)],
    [words('state'), stateText(words, user)],
    ...(user.userType === 'Guest' ? ([[words('home'), user.homeOrganization?.name ?? '—']] as [string, ReactNode][]) : []),
    [words('enabled'), user.accountEnabled ? words('yes') : words('no')],
    [words('lastSignIn'), user.lastSignInAt ? format.dateTime(user.lastSignInAt) : words('never')],
    [t('created'), format.dateTime(user.createdAt)],
    ...(user.accessExpiresAt ? ([[t('accessEnds'), format.dateTime(user.accessExpiresAt)]] as [string, ReactNode][]) : []),
    [t('roles'), user.roles.length ? user.roles.map((r) => role(r)).join(', ') : t('none')],
    [t('groups'), list(user.groups)],
    [t('apps'), list(user.applications)],
  ];

  return (
    <Screen title={user.displayName}>
      {back}
      <dl className="facts">
        {facts.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <UserActions user={user} viewer={viewer} place={place} />
    </Screen>
  );
}
