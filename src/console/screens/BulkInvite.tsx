import { type DragEvent, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { UploadProgress, useUploadProgress } from '../ui/UploadProgress';

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
    if (!/\.csv$/i.test(chosen.name)) return setRefusal(`${chosen.name} is not a CSV file (.csv).`);
    const rows = dataRows(await chosen.text());
    if (rows > MAX_ROWS) return setRefusal(`${chosen.name} has ${rows} rows; at most ${MAX_ROWS} are allowed in one file.`);
    setRefusal(null);
    setFile(chosen);
  }
  const drop = (event: DragEvent) => {
    event.preventDefault();
    void choose(event.dataTransfer.files[0]);
  };

  return (
    <section aria-labelledby="bulk-title">
      <h1 id="bulk-title">Bulk invite</h1>
      <p>
        <a href={templateUrl} download="invitations-template.csv">
          Download the CSV template
        </a>{' '}
        (the 2016 columns; Email and DisplayName are required; at most {MAX_ROWS} rows).
      </p>
      <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <label htmlFor="csv">Drop a CSV file here, or choose one</label>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      {refusal && <p role="alert">{refusal}</p>}
      {result.error && <p role="alert">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>}
      <p className="actions">
        <button type="button" disabled={!file || result.fetching} onClick={() => file && void upload({ file, dryRun: true })}>
          Dry run
        </button>{' '}
        <button
          type="button"
          disabled={!file || !batch?.dryRun || result.fetching}
          onClick={() => file && void upload({ file, dryRun: false })}
        >
          Upload and invite
        </button>
      </p>
      {result.fetching && file && <UploadProgress file={file.name} progress={sending.progress} />}
      {batch && (
        <>
          <h2>{batch.dryRun ? 'Dry run: nothing was written' : 'Upload report'}</h2>
          <p role="status">
            {batch.totalRows} rows: {batch.createdCount} created, {batch.resentCount} resent, {batch.skippedCount} skipped,{' '}
            {batch.failedCount} failed.
          </p>
          <p>
            <a href={reportUrl ?? undefined} download={`invitations-report-${batch.id}.csv`}>
              Download the report (CSV)
            </a>
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Email</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {batch.rows.nodes.map((r) => (
                  <tr key={r.rowNumber}>
                    <td>{r.rowNumber}</td>
                    <td>{r.email}</td>
                    <td>{r.outcome}</td>
                    <td>{r.code ? `${r.message ?? ''} (${r.code})` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
