import type { ReactNode } from 'react';

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
  /** The cell that names the row for screen readers (a `th scope="row"`); the first column by default. */
  readonly rowHeader?: boolean;
}

/**
 * Every list of the console: a real table (caption, column and row headers) that scrolls sideways
 * inside its own box at phone width instead of widening the page.
 */
export function DataTable<Row>(props: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: string;
}) {
  const { caption, columns, rows, rowKey, empty } = props;
  const headerAt = Math.max(
    0,
    columns.findIndex((c) => c.rowHeader),
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) =>
                i === headerAt ? (
                  <th scope="row" key={c.header}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
