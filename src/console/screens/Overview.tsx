import { useQuery } from 'urql';
import { graphql } from '../gql';

const OverviewQuery = graphql(`
  query ConsoleOverview {
    pending: invitations(first: 1, filter: { status: PendingAcceptance }) {
      totalCount
    }
    failed: outbox(first: 1, statuses: [Failed]) {
      totalCount
    }
    partners(first: 1) {
      totalCount
    }
  }
`);

/** The counts an administrator checks first. */
export function Overview() {
  const [{ data, error }] = useQuery({ query: OverviewQuery });
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      {error && <p role="alert">{error.message}</p>}
      {data && (
        <dl className="cards">
          <Card label="Pending invitations" value={data.pending.totalCount} />
          <Card label="Failed deliveries" value={data.failed.totalCount} />
          <Card label="Partner organizations" value={data.partners.totalCount} />
        </dl>
      )}
    </section>
  );
}

function Card({ label, value }: { label: string; value: number }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
