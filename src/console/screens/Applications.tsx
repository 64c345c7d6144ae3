import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { ApplicationDetail } from './ApplicationDetail';
import { messages } from './Applications.messages';
import { CreateApplication } from './CreateApplication';

const PAGE = 25;

const ApplicationsQuery = graphql(`
  query ConsoleApplications($first: Int, $after: String) {
    applications(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        appId
        displayName
        assignmentRequired
        createdAt
      }
    }
  }
`);

type Row = NonNullable<ReturnType<typeof useApplications>[0]['data']>['applications']['nodes'][number];

const useApplications = (after: string | null) => useQuery({ query: ApplicationsQuery, variables: { first: PAGE, after } });

/** `apps` lists the tenant's applications; `apps/<id>` is one application. */
export function Applications(props: ScreenProps) {
  const id = props.place.params[0];
  return id ? <ApplicationDetail key={id} {...props} id={id} /> : <ApplicationList {...props} />;
}

/** The applications a page at a time, and (with ManageApplications) registering a new one. */
function ApplicationList({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const pages = usePages();
  const [{ data, error, fetching }, refetch] = useApplications(pages.after);
  return (
    <Screen title={t('title')}>
      {viewer.permissions.includes('ManageApplications') && (
        <CreateApplication tenantId={place.tenantId} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      <Listing<Row>
        list={data?.applications}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(a) => a.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (a) => <Link href={hrefOf(place.tenantId, 'apps', a.id)}>{a.displayName}</Link> },
          { header: t('clientId'), cell: (a) => <code>{a.appId}</code> },
          { header: t('assignmentRequired'), cell: (a) => (a.assignmentRequired ? t('yes') : t('no')) },
          { header: t('createdAt'), cell: (a) => format.dateTime(a.createdAt) },
        ]}
      />
    </Screen>
  );
}
