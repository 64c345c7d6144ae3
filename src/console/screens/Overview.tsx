import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { AuditAction } from '../../shared/audit-actions';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { Permission } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Screen } from '../ui/Screen';
import { messages } from './Overview.messages';
import type { ConsoleViewer, Prefetch, ScreenProps } from './index';

const RECENT = 5;

// Each part is asked for only when the viewer may read it (@include), so no role meets a FORBIDDEN.
const OverviewQuery = graphql(`
  query ConsoleOverview(
    $invitations: Boolean!
    $outbox: Boolean!
    $directory: Boolean!
    $audit: Boolean!
    $signIns: Boolean!
    $recent: Int!
    $redeemed: [String!]!
  ) {
    pending: invitations(first: 1, filter: { status: PendingAcceptance }) @include(if: $invitations) {
      totalCount
    }
    failed: outbox(first: 1, statuses: [Failed]) @include(if: $outbox) {
      totalCount
    }
    partners(first: 1) @include(if: $directory) {
      totalCount
    }
    redemptions: auditEvents(first: $recent, filter: { actions: $redeemed }) @include(if: $audit) {
      nodes {
        id
        createdAt
        actorDisplayName
      }
    }
    signIns(first: $recent) @include(if: $signIns) {
      nodes {
        id
        createdAt
        result
        userDisplayName
        signInAddress
        appDisplayName
      }
    }
  }
`);

/** The overview's variables: the parts this viewer may read. */
function variablesFor(viewer: Pick<ConsoleViewer, 'permissions'>) {
  const may = (permission: Permission) => viewer.permissions.includes(permission);
  return {
    invitations: may('ReadInvitations'),
    outbox: may('ReadOutbox'),
    directory: may('ReadDirectory'),
    audit: may('ReadAuditLog'),
    signIns: may('ReadSignInLog'),
    recent: RECENT,
    redeemed: [AuditAction.RedeemExternalUserInvite],
  };
}

/** The landing screen's query, started by main.tsx as soon as the viewer is known. */
export const prefetch: Prefetch = (client, viewer) => {
  void client.query(OverviewQuery, variablesFor(viewer)).toPromise();
};

/** The counts an administrator checks first and the latest redemptions and sign-ins, each a way into its screen. */
export function Overview({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const [{ data, error }] = useQuery({ query: OverviewQuery, variables: variablesFor(viewer) });
  const href = (screen: string, search?: Record<string, string>) =>
    `${hrefOf(place.tenantId, screen)}${search ? `?${new URLSearchParams(search).toString()}` : ''}`;
  return (
    <Screen title={t('title')}>
      <ErrorNote error={error} />
      {data && (
        <>
          <dl className="cards">
            {data.pending && <Card label={t('pending')} href={href('invitations')} value={format.number(data.pending.totalCount)} />}
            {data.failed && <Card label={t('failed')} href={href('invitations')} value={format.number(data.failed.totalCount)} />}
            {data.partners && <Card label={t('partners')} href={href('partners')} value={format.number(data.partners.totalCount)} />}
          </dl>
          <div className="recent">
            {data.redemptions && (
              <Recent
                title={t('redemptions')}
                more={t('allRedemptions')}
                href={href('audit', { action: AuditAction.RedeemExternalUserInvite })}
              >
                {data.redemptions.nodes.length === 0 && <li className="muted">{t('noRedemptions')}</li>}
                {data.redemptions.nodes.map((e) => (
                  <li key={e.id}>{t('redeemed', { who: e.actorDisplayName, when: format.dateTime(e.createdAt) })}</li>
                ))}
              </Recent>
            )}
            {data.signIns && (
              <Recent title={t('signIns')} more={t('allSignIns')} href={href('sign-ins')}>
                {data.signIns.nodes.length === 0 && <li className="muted">{t('noSignIns')}</li>}
                {data.signIns.nodes.map((s) => (
                  <li key={s.id}>
                    {t(lineOf(s), {
                      who: s.userDisplayName ?? s.signInAddress ?? '—',
                      app: s.appDisplayName ?? '',
                      when: format.dateTime(s.createdAt),
                    })}
                  </li>
                ))}
              </Recent>
            )}
          </div>
        </>
      )}
    </Screen>
  );
}

/** A sign-in's line: with its app when it had one, success or failure. */
function lineOf(s: { result: string; appDisplayName?: string | null }) {
  const ok = s.result === 'Success';
  if (s.appDisplayName) return ok ? 'signedIn' : 'signInFailed';
  return ok ? 'signedInNoApp' : 'signInFailedNoApp';
}

function Card({ label, value, href }: { label: string; value: string; href: string }) {
  return (
    <div className="card">
      <dt>
        <Link href={href}>{label}</Link>
      </dt>
      <dd>{value}</dd>
    </div>
  );
}

function Recent({ title, more, href, children }: { title: string; more: string; href: string; children: ReactNode }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <ul>{children}</ul>
      <Link href={href}>{more}</Link>
    </section>
  );
}
