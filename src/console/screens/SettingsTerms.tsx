import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link, usePlace } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import { messages } from './SettingsTerms.messages';

const PAGE = 25;

const AcceptancesQuery = graphql(`
  query ConsoleTermsAcceptances($first: Int, $after: String, $filter: TermsAcceptanceFilterInput) {
    termsAcceptances(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        userId
        user {
          id
          displayName
          mail
        }
        version
        language
        acceptedAt
      }
    }
  }
`);

type Row = NonNullable<ReturnType<typeof useAcceptances>[0]['data']>['termsAcceptances']['nodes'][number];
const useAcceptances = (variables: { first: number; after: string | null; filter: { version?: string } }) =>
  useQuery({ query: AcceptancesQuery, variables });

/** Who accepted which version of the terms of use, newest first, narrowed by version. */
export function SettingsTerms() {
  const t = useT(messages);
  const format = useFormat();
  const place = usePlace();
  const pages = usePages();
  const [version, setVersion] = useState('');
  const filter = searchFilter('version', version);
  const [{ data, error, fetching }] = useAcceptances({ first: PAGE, after: pages.after, filter });
  return (
    <Screen title={t('title')}>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField label={t('version')} value={version} onChange={pages.resetting(setVersion)} />
      </form>
      <Listing<Row>
        list={data?.termsAcceptances}
        error={error}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(a) => a.id}
        empty={t('none')}
        columns={[
          {
            header: t('user'),
            cell: (a) =>
              a.user ? (
                <>
                  <Link href={hrefOf(place.tenantId, 'users', a.user.id)}>{a.user.displayName}</Link> {a.user.mail}
                </>
              ) : (
                t('removed', { id: a.userId })
              ),
          },
          { header: t('version'), cell: (a) => a.version },
          { header: t('language'), cell: (a) => a.language },
          { header: t('accepted'), cell: (a) => format.dateTime(a.acceptedAt) },
        ]}
      />
    </Screen>
  );
}
