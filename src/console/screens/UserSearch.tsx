import { type FormEvent, useId, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { messages } from './UserSearch.messages';

const UsersQuery = graphql(`
  query ConsoleUserSearch($search: String!) {
    users(first: 10, filter: { search: $search }) {
      nodes {
        id
        displayName
        mail
        userType
      }
    }
  }
`);

export interface FoundUser {
  readonly id: string;
  readonly displayName: string;
  readonly mail: string;
}

/**
 * Picks a user of the tenant: a search by the start of a name or address (the users query's own
 * filter), then a button per match. `action(name)` labels each button for screen readers.
 */
export function UserSearch(props: {
  legend: string;
  button: string;
  action: (name: string) => string;
  busy: boolean;
  onPick: (user: FoundUser) => void;
}) {
  const { legend, button, action, busy, onPick } = props;
  const t = useT(messages);
  const id = useId();
  const [search, setSearch] = useState('');
  const [{ data, error, fetching }] = useQuery({ query: UsersQuery, variables: { search }, pause: !search });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch(String(new FormData(event.currentTarget).get('search') ?? '').trim());
  };
  return (
    <div className="user-search">
      <form role="search" className="filters" aria-label={legend} onSubmit={submit}>
        <label htmlFor={`${id}-q`}>{t('find')}</label>
        <input id={`${id}-q`} name="search" type="search" aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="muted">
          {t('hint')}
        </span>
        <button type="submit">{t('search')}</button>
      </form>
      <ErrorNote error={error} />
      {fetching && <p role="status">{t('searching')}</p>}
      {search && data && (
        <ul aria-label={t('results', { search })}>
          {data.users.nodes.length === 0 && <li className="muted">{t('noMatch', { search })}</li>}
          {data.users.nodes.map((u) => (
            <li key={u.id}>
              {u.displayName} <span className="muted">({u.mail})</span>{' '}
              <button type="button" disabled={busy} onClick={() => onPick(u)} aria-label={action(u.displayName)}>
                {button}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
