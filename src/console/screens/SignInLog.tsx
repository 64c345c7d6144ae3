import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConsoleSignInsQuery, SignInKind, SignInResult } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { SearchField, searchFilter } from '../ui/SearchField';
import { type TimeRange, TimeRangeFields, timeFilter } from '../ui/TimeRange';
import { signInKindLabels, signInResultLabels } from '../enum-labels/partners';
import { messages } from './SignInLog.messages';
import type { ScreenProps } from './index';

const PAGE = 25;

const SignInsQuery = graphql(`
  query ConsoleSignIns($first: Int, $after: String, $filter: SignInFilterInput) {
    signIns(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        createdAt
        kind
        result
        reasonCode
        userId
        userDisplayName
        signInAddress
        applicationId
        appDisplayName
        ip
        authMethods
        homeIdp
      }
    }
  }
`);

type Row = ConsoleSignInsQuery['signIns']['nodes'][number];

const RESULTS: SignInResult[] = ['Success', 'Failure'];
const KINDS: SignInKind[] = ['Interactive', 'Silent', 'Refresh', 'Redemption'];
/** RFC 8176 methods that are a second factor (the rest, pwd and fed, are first factors). */
const SECOND_FACTORS = new Set(['mfa', 'otp', 'hwk', 'swk']);

/**
 * The tenant's sign-in log, newest first, a page at a time, narrowed by what `signIns` filters on.
 * The address may preset the filter (`?userId=…&applicationId=…&result=…&kind=…`).
 */
export function SignInLog({ place }: ScreenProps) {
  const t = useT(messages);
  const kindLabel = useT(signInKindLabels);
  const resultLabel = useT(signInResultLabels);
  const format = useFormat();
  const preset = (name: string) => place.search.get(name) ?? '';
  const [userId, setUserId] = useState(preset('userId'));
  const [applicationId, setApplicationId] = useState(preset('applicationId'));
  const [result, setResult] = useState(preset('result') as SignInResult | '');
  const [kind, setKind] = useState(preset('kind') as SignInKind | '');
  const [range, setRange] = useState<TimeRange>({ from: '', to: '' });
  const pages = usePages();
  const filter = {
    ...searchFilter('userId', userId),
    ...searchFilter('applicationId', applicationId),
    ...(result ? { result } : {}),
    ...(kind ? { kind } : {}),
    ...timeFilter(range),
  };
  const [{ data, error, fetching }] = useQuery({ query: SignInsQuery, variables: { first: PAGE, after: pages.after, filter } });

  return (
    <Screen title={t('title')}>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField label={t('userId')} value={userId} onChange={pages.resetting(setUserId)} />
        <SearchField label={t('applicationId')} value={applicationId} onChange={pages.resetting(setApplicationId)} />
        <label>
          {t('result')}{' '}
          <select value={result} onChange={(e) => pages.resetting(setResult)(e.target.value as SignInResult | '')}>
            <option value="">{t('any')}</option>
            {RESULTS.map((r) => (
              <option key={r} value={r}>
                {resultLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('kind')}{' '}
          <select value={kind} onChange={(e) => pages.resetting(setKind)(e.target.value as SignInKind | '')}>
            <option value="">{t('any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <TimeRangeFields range={range} onChange={pages.resetting(setRange)} />
      </form>
      <Listing<Row>
        list={data?.signIns}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(s) => s.id}
        empty={t('none')}
        columns={[
          { header: t('time'), cell: (s) => format.dateTime(s.createdAt) },
          {
            header: t('user'),
            cell: (s) => (
              <>
                {s.userDisplayName ?? s.signInAddress ?? '—'}
                {s.userDisplayName && s.signInAddress && s.signInAddress !== s.userDisplayName && (
                  <span className="muted"> ({s.signInAddress})</span>
                )}
              </>
            ),
          },
          { header: t('app'), cell: (s) => s.appDisplayName ?? '—' },
          {
            header: t('result'),
            cell: (s) => (
              <>
                {resultLabel(s.result)} <span className="muted">({kindLabel(s.kind)})</span>
              </>
            ),
          },
          { header: t('reason'), cell: (s) => s.reasonCode ?? '—' },
          { header: t('ip'), cell: (s) => s.ip ?? '—' },
          { header: t('mfa'), cell: (s) => s.authMethods.filter((m) => SECOND_FACTORS.has(m)).join(', ') || t('noMfa') },
          { header: t('homeIdp'), cell: (s) => s.homeIdp ?? '—' },
        ]}
      />
    </Screen>
  );
}
