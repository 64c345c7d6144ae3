import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { RemovePartnerMode } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { missingScreen } from '../ui/missing';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './PartnerDetail.messages';
import { messages as shared } from './Partners.messages';

const PAGE = 50;

const PartnerQuery = graphql(`
  query ConsolePartner($id: ID!, $first: Int, $after: String) {
    partner(id: $id) {
      id
      name
      kind
      domains
      guestCount
      pendingInvitations
      lastSignInAt
      guests(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          displayName
          mail
          accountEnabled
          lastSignInAt
        }
      }
    }
  }
`);

const RemovePartnerMutation = graphql(`
  mutation ConsoleRemovePartner($id: ID!, $mode: RemovePartnerMode) {
    removePartner(id: $id, mode: $mode)
  }
`);

type Partner = NonNullable<ReturnType<typeof usePartner>[0]['data']>['partner'];
type Guest = Partner['guests']['nodes'][number];

function usePartner(id: string, after: string | null, pause: boolean) {
  return useQuery({ query: PartnerQuery, variables: { id, first: PAGE, after }, pause });
}

/**
 * One partner organization: its counts and guests, and (ManagePartners) disabling or removing all of
 * its guests. An id this tenant has no partner for (unknown, or another tenant's) reads "not found".
 */
export function PartnerDetail({ id, viewer, place }: ScreenProps & { id: string }) {
  const t = useT(messages);
  const s = useT(shared);
  const format = useFormat();
  const pages = usePages();
  const [done, setDone] = useState<{ text: string; removed: boolean; name: string } | null>(null);
  const [{ data, error, fetching }, refetch] = usePartner(id, pages.after, done?.removed ?? false);
  const [acted, act] = useMutation(RemovePartnerMutation);
  const mayManage = viewer.permissions.includes('ManagePartners');
  const back = (
    <p>
      <Link href={hrefOf(place.tenantId, 'partners')}>{t('back')}</Link>
    </p>
  );

  async function onAct(partner: Partner, mode: RemovePartnerMode) {
    const values = { name: partner.name, count: format.number(partner.guestCount) };
    if (!window.confirm(t(mode === 'Remove' ? 'confirmRemove' : 'confirmDisable', values))) return;
    const outcome = await act({ id: partner.id, mode });
    if (!outcome.data) return;
    const count = format.number(outcome.data.removePartner.length);
    if (mode === 'Remove') setDone({ text: t('removedDone', { name: partner.name, count }), removed: true, name: partner.name });
    else {
      setDone({ text: t('disabledDone', { name: partner.name, count }), removed: false, name: partner.name });
      refetch({ requestPolicy: 'network-only' });
    }
  }

  if (done?.removed)
    return (
      <Screen title={done.name}>
        <p role="status">{done.text}</p>
        {back}
      </Screen>
    );
  const partner = data?.partner;
  if (!partner) return missingScreen({ error, answered: !!data, back, t: (key) => t(key, { id }) });
  return (
    <Screen title={partner.name}>
      {back}
      {done && <p role="status">{done.text}</p>}
      <ErrorNote error={error ?? acted.error} />
      <dl className="facts">
        <dt>{s('kind')}</dt>
        <dd>{s(partner.kind)}</dd>
        <dt>{s('domains')}</dt>
        <dd>{partner.domains.join(', ')}</dd>
        <dt>{s('guests')}</dt>
        <dd>{format.number(partner.guestCount)}</dd>
        <dt>{s('pending')}</dt>
        <dd>{format.number(partner.pendingInvitations)}</dd>
        <dt>{s('lastSignIn')}</dt>
        <dd>{partner.lastSignInAt ? format.dateTime(partner.lastSignInAt) : s('never')}</dd>
      </dl>
      {mayManage && (
        <p className="actions">
          <button type="button" disabled={acted.fetching} onClick={() => void onAct(partner, 'Disable')}>
            {t('disableWho', { name: partner.name })}
          </button>
          <button type="button" className="danger" disabled={acted.fetching} onClick={() => void onAct(partner, 'Remove')}>
            {t('removeWho', { name: partner.name })}
          </button>
        </p>
      )}
      <h2>{s('guests')}</h2>
      <Listing<Guest>
        list={partner.guests}
        pages={pages}
        busy={fetching}
        caption={s('guests')}
        rowKey={(g) => g.id}
        empty={t('noGuests')}
        columns={[
          { header: s('name'), cell: (g) => <Link href={hrefOf(place.tenantId, 'users', g.id)}>{g.displayName}</Link> },
          { header: t('email'), cell: (g) => g.mail },
          { header: t('state'), cell: (g) => (g.accountEnabled ? t('enabled') : t('disabled')) },
          { header: s('lastSignIn'), cell: (g) => (g.lastSignInAt ? format.dateTime(g.lastSignInAt) : s('never')) },
        ]}
      />
    </Screen>
  );
}
