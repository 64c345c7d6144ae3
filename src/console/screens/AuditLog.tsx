import { useState } from 'react';
import { useQuery } from 'urql';
import { AuditAction } from '../../shared/audit-actions';
import { graphql } from '../gql';
import type { ConsoleAuditEventsQuery } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import { type TimeRange, TimeRangeFields, timeFilter } from '../ui/TimeRange';
import { messages } from './AuditLog.messages';
import type { ScreenProps } from './index';

const PAGE = 25;

const AuditEventsQuery = graphql(`
  query ConsoleAuditEvents($first: Int, $after: String, $filter: AuditFilterInput) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        createdAt
        action
        actorKind
        actorId
        actorDisplayName
        targetType
        targetId
        details
      }
    }
  }
`);

type Row = ConsoleAuditEventsQuery['auditEvents']['nodes'][number];

/** The API's action names (the documented B2B event names), for the action filter. */
const ACTIONS: readonly string[] = [...new Set(Object.values(AuditAction))].sort();

/** An event's details in one line: `key: value` pairs, empty ones left out, long values cut. */
export function summarise(details: Record<string, unknown>): string {
  const text = (value: unknown) =>
    Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const cut = (value: string) => (value.length > 80 ? `${value.slice(0, 79)}…` : value);
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${cut(text(value))}`)
    .join(' · ');
}

/**
 * The tenant's audit log, newest first, a page at a time, narrowed by what `auditEvents` filters on.
 * The address may preset the filter (`?action=…&actorId=…&targetId=…`), as the overview's links do.
 */
export function AuditLog({ place }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const [action, setAction] = useState(place.search.get('action') ?? '');
  const [actorId, setActorId] = useState(place.search.get('actorId') ?? '');
  const [targetId, setTargetId] = useState(place.search.get('targetId') ?? '');
  const [range, setRange] = useState<TimeRange>({ from: '', to: '' });
  const pages = usePages();
  const filter = {
    ...(action ? { actions: [action] } : {}),
    ...searchFilter('actorId', actorId),
    ...searchFilter('targetId', targetId),
    ...timeFilter(range),
  };
  const [{ data, error, fetching }] = useQuery({ query: AuditEventsQuery, variables: { first: PAGE, after: pages.after, filter } });

  return (
    <Screen title={t('title')}>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('action')}{' '}
          <select value={action} onChange={(e) => pages.resetting(setAction)(e.target.value)}>
            <option value="">{t('any')}</option>
            {ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <SearchField label={t('actorId')} value={actorId} onChange={pages.resetting(setActorId)} />
        <SearchField label={t('targetId')} value={targetId} onChange={pages.resetting(setTargetId)} />
        <TimeRangeFields range={range} onChange={pages.resetting(setRange)} />
      </form>
      <Listing<Row>
        list={data?.auditEvents}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(e) => e.id}
        empty={t('none')}
        columns={[
          { header: t('time'), cell: (e) => format.dateTime(e.createdAt) },
          {
            header: t('actor'),
            cell: (e) => (
              <>
                {e.actorDisplayName || '—'} <span className="muted">({e.actorKind})</span>
              </>
            ),
          },
          { header: t('action'), cell: (e) => e.action },
          {
            header: t('target'),
            cell: (e) =>
              e.targetId ? (
                <>
                  {e.targetType && <span className="muted">{e.targetType} </span>}
                  <code>{e.targetId}</code>
                </>
              ) : (
                '—'
              ),
          },
          { header: t('details'), cell: (e) => <span className="details">{summarise(e.details)}</span> },
        ]}
      />
    </Screen>
  );
}
