import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { InvitationStatus } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { deliveryStatusLabels, invitationStatusLabels } from '../enum-labels/invitations';
import { messages } from './Invitations.messages';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import type { ScreenProps } from './index';

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
          outboxMessageId
          status
          lastError
        }
      }
    }
  }
`);

const RetryMutation = graphql(`
  mutation ConsoleRetryDelivery($id: ID!) {
    retryOutboxMessage(id: $id) {
      id
      status
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
        outboxMessageId
        status
        lastError
      }
    }
  }
`);

const STATUSES: InvitationStatus[] = ['PendingAcceptance', 'Accepted', 'Expired', 'Revoked'];

type Row = NonNullable<ReturnType<typeof useInvitations>['data']>['invitations']['nodes'][number];

function useInvitations(variables: { first: number; after: string | null; filter: Record<string, string> }) {
  const [result, refetch] = useQuery({ query: InvitationsQuery, variables });
  return { ...result, refetch };
}

/** Invitations, newest first, a page at a time (the API's cursors), filtered by status and address. */
export function Invitations({ viewer }: ScreenProps) {
  const t = useT(messages);
  const statusLabel = useT(invitationStatusLabels);
  const deliveryLabel = useT(deliveryStatusLabels);
  const format = useFormat();
  const [status, setStatus] = useState<InvitationStatus | ''>('');
  const [email, setEmail] = useState('');
  const pages = usePages();
  const filter = { ...(status ? { status } : {}), ...searchFilter('email', email) };
  const { data, error, fetching, refetch } = useInvitations({ first: PAGE, after: pages.after, filter });
  const [revoked, revoke] = useMutation(RevokeMutation);
  const [resent, resend] = useMutation(ResendMutation);
  const [retried, retry] = useMutation(RetryMutation);
  const mayRetry = viewer.permissions.includes('ManageOutbox');

  async function onRevoke(row: Row) {
    if (!window.confirm(t('confirmRevoke', { email: row.email }))) return;
    await revoke({ id: row.id });
    refetch({ requestPolicy: 'network-only' });
  }

  /** Queues the failed email again (the outbox message the invitation's delivery names). */
  async function onRetry(row: Row) {
    if (!row.delivery) return;
    const { error: failed } = await retry({ id: row.delivery.outboxMessageId });
    if (!failed) refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Screen title={t('title')}>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('status')}{' '}
          <select value={status} onChange={(e) => pages.resetting(setStatus)(e.target.value as InvitationStatus | '')}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <SearchField label={t('email')} value={email} onChange={pages.resetting(setEmail)} />
      </form>
      <Listing<Row>
        list={data?.invitations}
        error={error ?? revoked.error ?? resent.error ?? retried.error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(i) => i.id}
        empty={t('none')}
        columns={[
          { header: t('email'), cell: (i) => i.email },
          { header: t('status'), cell: (i) => statusLabel(i.status) },
          {
            header: t('delivery'),
            cell: (i) => (
              <>
                {i.delivery ? deliveryLabel(i.delivery.status) : '—'}
                {i.delivery?.lastError && <span className="muted"> ({i.delivery.lastError})</span>}
              </>
            ),
          },
          { header: t('sent'), cell: (i) => format.dateTime(i.createdAt) },
          {
            header: t('actions'),
            cell: (i) =>
              i.status === 'PendingAcceptance' && (
                <>
                  {mayRetry && i.delivery?.status === 'Failed' && (
                    <>
                      <button
                        type="button"
                        disabled={retried.fetching}
                        onClick={() => void onRetry(i)}
                        aria-label={t('retryTo', { email: i.email })}
                      >
                        {t('retry')}
                      </button>{' '}
                    </>
                  )}
                  <button type="button" onClick={() => void resend({ id: i.id })} aria-label={t('resendTo', { email: i.email })}>
                    {t('resend')}
                  </button>{' '}
                  <button type="button" onClick={() => void onRevoke(i)} aria-label={t('revokeWho', { email: i.email })}>
                    {t('revoke')}
                  </button>
                </>
              ),
          },
        ]}
      />
    </Screen>
  );
}
