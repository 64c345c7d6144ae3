import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { ConsoleBatchQuery, ConsoleBatchesQuery } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import { countMessages } from './BatchCounts.messages';
import { batchStatusLabels, rowOutcomeLabels } from '../enum-labels/invitations';
import { messages } from './Batches.messages';
import type { ScreenProps } from './index';

const PAGE = 25;

// An upload as the list shows it and as its report starts: who, when, and the counts.
graphql(`
  fragment ConsoleBatchSummary on InvitationBatch {
    id
    fileName
    createdAt
    uploaderDisplayName
    status
    totalRows
    createdCount
    resentCount
    skippedCount
    failedCount
  }
`);

const BatchesQuery = graphql(`
  query ConsoleBatches($first: Int, $after: String) {
    invitationBatches(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ConsoleBatchSummary
      }
    }
  }
`);

const BatchQuery = graphql(`
  query ConsoleBatch($id: ID!, $first: Int, $after: String) {
    invitationBatch(id: $id) {
      ...ConsoleBatchSummary
      completedAt
      rows(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          rowNumber
          line
          email
          outcome
          code
          message
        }
      }
    }
    report: invitationBatchReport(id: $id)
  }
`);

type BatchRow = ConsoleBatchesQuery['invitationBatches']['nodes'][number];
type ReportRow = ConsoleBatchQuery['invitationBatch']['rows']['nodes'][number];

/** The CSV uploads, newest first; `batches/<id>` is one upload's report. */
export function Batches({ place }: ScreenProps) {
  const [id] = place.params;
  return id ? <Batch tenantId={place.tenantId} id={id} /> : <BatchList tenantId={place.tenantId} />;
}

function BatchList({ tenantId }: { tenantId: string }) {
  const t = useT(messages);
  const counted = useT(countMessages);
  const statusLabel = useT(batchStatusLabels);
  const format = useFormat();
  const pages = usePages();
  const [{ data, error, fetching }] = useQuery({ query: BatchesQuery, variables: { first: PAGE, after: pages.after } });
  return (
    <Screen title={t('title')}>
      <Listing<BatchRow>
        list={data?.invitationBatches}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(b) => b.id}
        empty={t('none')}
        columns={[
          {
            header: t('file'),
            cell: (b) => (
              <Link href={hrefOf(tenantId, 'batches', b.id)} aria-label={t('reportOf', { file: b.fileName })}>
                {b.fileName}
              </Link>
            ),
          },
          { header: t('uploaded'), cell: (b) => format.dateTime(b.createdAt) },
          { header: t('uploader'), cell: (b) => b.uploaderDisplayName },
          { header: t('status'), cell: (b) => statusLabel(b.status) },
          { header: t('rows'), cell: (b) => counted('counts', countsOf(b)) },
        ]}
      />
    </Screen>
  );
}

type Counts = Pick<BatchRow, 'totalRows' | 'createdCount' | 'resentCount' | 'skippedCount' | 'failedCount'>;
/** The values of the counts line (a plural message on the number of rows). */
const countsOf = (b: Counts) => ({
  count: b.totalRows,
  created: b.createdCount,
  resent: b.resentCount,
  skipped: b.skippedCount,
  failed: b.failedCount,
});

/** One upload: its counts, its report a page at a time, and the whole report as a CSV file. */
function Batch({ tenantId, id }: { tenantId: string; id: string }) {
  const t = useT(messages);
  const counted = useT(countMessages);
  const statusLabel = useT(batchStatusLabels);
  const outcomeLabel = useT(rowOutcomeLabels);
  const format = useFormat();
  const pages = usePages();
  const [{ data, error, fetching }] = useQuery({ query: BatchQuery, variables: { id, first: PAGE * 2, after: pages.after } });
  const batch = data?.invitationBatch;
  const report = data?.report;
  // One object URL per report text (not per render).
  const reportUrl = useMemo(() => (report ? URL.createObjectURL(new Blob([report], { type: 'text/csv' })) : null), [report]);
  return (
    <Screen title={batch ? t('reportTitle', { file: batch.fileName }) : t('title')}>
      <p>
        <Link href={hrefOf(tenantId, 'batches')}>{t('back')}</Link>
      </p>
      <ErrorNote error={error} />
      {batch && (
        <>
          <p>
            {t('uploadedBy', { who: batch.uploaderDisplayName, when: format.dateTime(batch.createdAt) })} · {statusLabel(batch.status)}
          </p>
          <p>{counted('counts', countsOf(batch))}</p>
          {reportUrl && (
            <p>
              <a href={reportUrl} download={`invitations-report-${batch.id}.csv`}>
                {t('download')}
              </a>
            </p>
          )}
          <Listing<ReportRow>
            list={batch.rows}
            pages={pages}
            busy={fetching}
            caption={t('reportTitle', { file: batch.fileName })}
            rowKey={(r) => r.id}
            empty={t('noRows')}
            columns={[
              { header: t('line'), cell: (r) => r.line },
              { header: t('email'), cell: (r) => r.email ?? '—' },
              { header: t('outcome'), cell: (r) => outcomeLabel(r.outcome) },
              { header: t('reason'), cell: (r) => (r.code ? `${r.message ?? ''} (${r.code})` : '') },
            ]}
          />
        </>
      )}
    </Screen>
  );
}
