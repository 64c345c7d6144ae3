import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import type { ScreenProps } from '.';
import { PartnerDetail } from './PartnerDetail';
import { messages } from './Partners.messages';

const PAGE = 25;

const PartnersQuery = graphql(`
  query ConsolePartners($first: Int, $after: String, $search: String) {
    partners(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        kind
        domains
        guestCount
        pendingInvitations
        lastSignInAt
      }
    }
  }
`);

type Row = NonNullable<ReturnType<typeof usePartners>['data']>['partners']['nodes'][number];

function usePartners(variables: { first: number; after: string | null; search?: string }) {
  // Removing a partner elsewhere changes this list; the API's mutation returns ids, not the list.
  const [result] = useQuery({ query: PartnersQuery, variables, requestPolicy: 'cache-and-network' });
  return result;
}

/** `partners` is the list; `partners/<id>` one partner's detail. */
export function Partners(props: ScreenProps) {
  const id = props.place.params[0];
  return id ? <PartnerDetail key={id} id={id} {...props} /> : <PartnerList {...props} />;
}

/** The organizations this tenant's guests come from, a page at a time with the API's cursors, searched by name or domain. */
function PartnerList({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const pages = usePages();
  const [search, setSearch] = useState('');
  const { data, error, fetching } = usePartners({ first: PAGE, after: pages.after, ...searchFilter('search', search) });

  return (
    <Screen title={t('title')}>
      {viewer.permissions.includes('ManageTenant') && (
        <p>
          <Link href={hrefOf(place.tenantId, 'partner-policy')}>{t('policyLink')}</Link>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField label={t('search')} value={search} onChange={pages.resetting(setSearch)} />
      </form>
      <Listing<Row>
        list={data?.partners}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(p) => p.id}
        empty={search.trim() ? t('noMatch', { search: search.trim() }) : t('none')}
        columns={[
          { header: t('name'), cell: (p) => <Link href={hrefOf(place.tenantId, 'partners', p.id)}>{p.name}</Link> },
          { header: t('kind'), cell: (p) => t(p.kind) },
          { header: t('domains'), cell: (p) => p.domains.join(', ') },
          { header: t('guests'), cell: (p) => format.number(p.guestCount) },
          { header: t('pending'), cell: (p) => format.number(p.pendingInvitations) },
          { header: t('lastSignIn'), cell: (p) => (p.lastSignInAt ? format.dateTime(p.lastSignInAt) : t('never')) },
        ]}
      />
    </Screen>
  );
}
