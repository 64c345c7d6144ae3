import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ExternalUserState, UserType } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import type { ScreenProps } from '.';
import { CreateMember } from './CreateMember';
import { UserDetail } from './UserDetail';
import { stateText } from './user-state';
import { messages } from './Users.messages';
import { messages as userWords } from './UserWords.messages';

const PAGE = 25;

const UsersQuery = graphql(`
  query ConsoleUsers($first: Int, $after: String, $filter: UserFilterInput) {
    users(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        mail
        userType
        externalUserState
        activationPending
        accountEnabled
        lastSignInAt
        homeOrganization {
          id
          name
        }
      }
    }
  }
`);

type Row = NonNullable<ReturnType<typeof useUsers>['data']>['users']['nodes'][number];

function useUsers(variables: { first: number; after: string | null; filter: Record<string, string> }) {
  const [result] = useQuery({ query: UsersQuery, variables });
  return result;
}

/** users: the list; users/new: create a member (ManageUsers); users/<id>: one person. */
export function Users(props: ScreenProps) {
  const id = props.place.params[0];
  if (id === 'new' && props.viewer.permissions.includes('ManageUsers')) return <CreateMember place={props.place} />;
  if (id) return <UserDetail key={id} id={id} {...props} />;
  return <UserList {...props} />;
}

/** Members and guests, a page at a time (the API's cursors), filtered by type and state, searched by name or address. */
function UserList({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const words = useT(userWords);
  const format = useFormat();
  const [userType, setUserType] = useState<UserType | ''>('');
  const [state, setState] = useState<ExternalUserState | ''>('');
  const [search, setSearch] = useState('');
  const pages = usePages();
  const filter = {
    ...(userType ? { userType } : {}),
    ...(state ? { externalUserState: state } : {}),
    ...searchFilter('search', search),
  };
  const { data, error, fetching } = useUsers({ first: PAGE, after: pages.after, filter });

  return (
    <Screen title={t('title')}>
      {viewer.permissions.includes('ManageUsers') && (
        <p>
          <Link href={hrefOf(place.tenantId, 'users', 'new')}>{t('createMember')}</Link>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {words('type')}{' '}
          <select value={userType} onChange={(e) => pages.resetting(setUserType)(e.target.value as UserType | '')}>
            <option value="">{t('any')}</option>
            <option value="Member">{words('Member')}</option>
            <option value="Guest">{words('Guest')}</option>
          </select>
        </label>
        <label>
          {words('state')}{' '}
          <select value={state} onChange={(e) => pages.resetting(setState)(e.target.value as ExternalUserState | '')}>
            <option value="">{t('any')}</option>
            <option value="PendingAcceptance">{words('PendingAcceptance')}</option>
            <option value="Accepted">{words('Accepted')}</option>
          </select>
        </label>
        <SearchField label={t('search')} value={search} onChange={pages.resetting(setSearch)} />
      </form>
      <Listing<Row>
        list={data?.users}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(u) => u.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (u) => <Link href={hrefOf(place.tenantId, 'users', u.id)}>{u.displayName}</Link> },
          { header: words('email'), cell: (u) => u.mail },
          { header: words('type'), cell: (u) => words(u.userType) },
          { header: words('state'), cell: (u) => stateText(words, u) },
          { header: words('home'), cell: (u) => u.homeOrganization?.name ?? '—' },
          { header: words('lastSignIn'), cell: (u) => (u.lastSignInAt ? format.dateTime(u.lastSignInAt) : words('never')) },
          { header: words('enabled'), cell: (u) => (u.accountEnabled ? words('yes') : words('no')) },
        ]}
      />
    </Screen>
  );
}
