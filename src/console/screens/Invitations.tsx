import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { InvitationStatus } from '../gql/graphql';

const PAGE = 25;

const InvitationsQuery = graphql(`
  query ConsoleInvitations($first: Int, $after: String, $filter: InvitationFilterInput) {
    invitations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        email
        displayName
        status
        createdAt
        delivery {
          status
          lastError
        }
      }
    }
  }
`);

const RevokeMutation = graphql(`
  mutation ConsoleRevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

const ResendMutation = graphql(`
  mutation ConsoleResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      id
      status
      delivery {
        status
        lastError
      }
    }
  }
`);

const STATUSES: InvitationStatus[] = ['PendingAcceptance', 'Accepted', 'Expired', 'Revoked'];

/** Invitations, newest first, a page at a time (the API's cursors), filtered by status and address. */
export function Invitations() {
  const [status, setStatus] = useState<InvitationStatus | ''>('');
  const [email, setEmail] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = { ...(status ? { status } : {}), ...(email.trim() ? { email: email.trim() } : {}) };
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InvitationsQuery,
    variables: { first: PAGE, after: cursors[cursors.length - 1], filter },
  });
  const [revoked, revoke] = useMutation(RevokeMutation);
  const [resent, resend] = useMutation(ResendMutation);
  const actionError = revoked.error ?? resent.error;
  const reset = () => setCursors([null]);

  async function onRevoke(id: string, address: string) {
    if (!window.confirm(`Revoke the invitation of ${address}? Its link stops working at once.`)) return;
    await revoke({ id });
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <section aria-labelledby="invitations-title">
      <h1 id="invitations-title">Invitations</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as InvitationStatus | '');
              reset();
            }}
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Email{' '}
          <input
            type="search"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              reset();
            }}
          />
        </label>
      </form>
      {(error ?? actionError) && <p role="alert">{(error ?? actionError)!.message}</p>}
      {data && (
        <>
          <p>{data.invitations.totalCount} invitations</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Delivery</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.nodes.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.status}</td>
                    <td>
                      {i.delivery?.status ?? '—'}
                      {i.delivery?.lastError && <span className="muted"> ({i.delivery.lastError})</span>}
                    </td>
                    <td>{new Date(i.createdAt).toLocaleString()}</td>
                    <td>
                      {i.status === 'PendingAcceptance' && (
                        <>
                          <button type="button" onClick={() => void resend({ id: i.id })} aria-label={`Resend to ${i.email}`}>
                            Resend
                          </button>{' '}
                          <button type="button" onClick={() => void onRevoke(i.id, i.email)} aria-label={`Revoke ${i.email}`}>
                            Revoke
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="pager">
            <button type="button" disabled={cursors.length < 2 || fetching} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <button
              type="button"
              disabled={!data.invitations.pageInfo.hasNextPage || fetching}
              onClick={() => setCursors([...cursors, data.invitations.pageInfo.endCursor ?? null])}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
