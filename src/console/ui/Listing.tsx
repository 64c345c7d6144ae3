import type { CombinedError } from 'urql';
import { ErrorNote } from '../errors';
import { type Column, DataTable } from './DataTable';
import { Pager, type usePages } from './pages';

/** One page of a list as the API answers it (a connection). */
export interface ListPage<Row> {
  readonly totalCount?: number;
  readonly nodes: readonly Row[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

/**
 * The paged list of a screen: the problem if an operation failed, then, once a page is there, how
 * many there are, the table and the pager. `list` is the API's connection (absent while it loads).
 */
export function Listing<Row>(props: {
  list: ListPage<Row> | null | undefined;
  error?: CombinedError | null;
  /** The count line from the screen's catalogue (a plural message), given the total; none where the API gives no total. */
  count?: (total: number) => string;
  pages: ReturnType<typeof usePages>;
  busy: boolean;
  caption: string;
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  empty: string;
}) {
  const { list, error, count, pages, busy, ...table } = props;
  return (
    <>
      <ErrorNote error={error} />
      {list && (
        <>
          {count && list.totalCount !== undefined && <p>{count(list.totalCount)}</p>}
          <DataTable<Row> {...table} rows={list.nodes} />
          <Pager pages={pages} pageInfo={list.pageInfo} busy={busy} />
        </>
      )}
    </>
  );
}
