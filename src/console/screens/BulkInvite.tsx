import { type DragEvent, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNote, useProblemText } from '../errors';
import { graphql } from '../gql';
import { UploadProgress, useUploadProgress } from '../ui/UploadProgress';
import { useT } from '../i18n';
import { rowOutcomeLabels } from '../enum-labels/invitations';
import { messages } from './BulkInvite.messages';
import { Screen } from '../ui/Screen';

/** The documented 2016 columns; the first two are required. */
const TEMPLATE =
  'Email,DisplayName,InvitationText,InviteRedirectURL,InvitedToApplications,InvitedToGroups,CcEmailAddress,Language\r\n' +
  'partner@fabrikam.example,Pat Partner,Welcome to Contoso,,,,,en\r\n';
const MAX_ROWS = 2000;

const UploadMutation = graphql(`
  mutation ConsoleUploadInvitations($file: Upload!, $dryRun: Boolean) {
    uploadInvitations(file: $file, dryRun: $dryRun) {
      id
      dryRun
      totalRows
      createdCount
      resentCount
      skippedCount
      failedCount
      reportCsv
      rows(first: 100) {
        nodes {
          rowNumber
          line
          email
          outcome
          code
          message
        }
      }
    }
  }
`);

/** Data rows of a CSV text: line breaks outside quotes, less the header and blank lines. */
export function dataRows(text: string): number {
  let rows = 0;
  let quoted = false;
  let content = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) {
      if (content) rows++;
      content = false;
    } else if (ch.trim()) content = true;
  }
  return Math.max(0, rows + (content ? 1 : 0) - 1);
}

const download = (text: string) => URL.createObjectURL(new Blob([text], { type: 'text/csv' }));

/** The CSV upload: choose or drop a file, a dry run showing every row, then the real upload and its report. */
export function BulkInvite() {
  const t = useT(messages);
  const outcomeLabel = useT(rowOutcomeLabels);
  const problemText = useProblemText();
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [result, execute] = useMutation(UploadMutation);
  const sending = useUploadProgress();
  const upload = (variables: { file: File; dryRun: boolean }) => execute(variables, { fetch: sending.fetch });
  const batch = result.data?.uploadInvitations;
  // One object URL per text (not per render).
  const templateUrl = useMemo(() => download(TEMPLATE), []);
  const reportUrl = useMemo(() => (batch ? download(batch.reportCsv) : null), [batch]);

  async function choose(chosen: File | undefined) {
    setFile(null);
    if (!chosen) return;
    if (!/\.csv$/i.test(chosen.name)) return setRefusal(t('notCsv', { name: chosen.name }));
    const rows = dataRows(await chosen.text());
    if (rows > MAX_ROWS) return setRefusal(t('tooMany', { name: chosen.name, rows, max: MAX_ROWS }));
    setRefusal(null);
    setFile(chosen);
  }
  const drop = (event: DragEvent) => {
    event.preventDefault();
    void choose(event.dataTransfer.files[0]);
  };

  return (
    <Screen title={t('title')}>
      <p>
        <a href={templateUrl} download="invitations-template.csv">
          {t('template')}
        </a>{' '}
        {t('templateNote', { max: MAX_ROWS })}
      </p>
      <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <label htmlFor="csv">{t('drop')}</label>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      {refusal && <p role="alert">{refusal}</p>}
      <ErrorNote error={result.error} />
      <p className="actions">
        <button type="button" disabled={!file || result.fetching} onClick={() => file && void upload({ file, dryRun: true })}>
          {t('dryRun')}
        </button>{' '}
        <button
          type="button"
          disabled={!file || !batch?.dryRun || result.fetching}
          onClick={() => file && void upload({ file, dryRun: false })}
        >
          {t('upload')}
        </button>
      </p>
      {result.fetching && file && <UploadProgress file={file.name} progress={sending.progress} />}
      {batch && (
        <>
          <h2>{batch.dryRun ? t('dryRunTitle') : t('reportTitle')}</h2>
          <p role="status">
            {t('summary', {
              count: batch.totalRows,
              created: batch.createdCount,
              resent: batch.resentCount,
              skipped: batch.skippedCount,
              failed: batch.failedCount,
            })}
          </p>
          <p>
            <a href={reportUrl ?? undefined} download={`invitations-report-${batch.id}.csv`}>
              {t('report')}
            </a>
          </p>
          {/* Focusable, as DataTable's box is: at phone width it scrolls sideways, and keyboards must reach it. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-label={batch.dryRun ? t('dryRunTitle') : t('reportTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('email')}</th>
                  <th scope="col">{t('outcome')}</th>
                  <th scope="col">{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {batch.rows.nodes.map((r) => (
                  <tr key={r.rowNumber}>
                    <td>{r.line}</td>
                    <td>{r.email}</td>
                    <td>{outcomeLabel(r.outcome)}</td>
                    <td>{r.code ? problemText({ code: r.code, message: r.message ?? '', field: null }) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Screen>
  );
}
