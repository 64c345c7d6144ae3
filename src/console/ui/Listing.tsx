import type { CombinedError } from 'urql';
import { ErrorNote } from '../errors';
import { useFormat } from '../i18n';
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
  /** The count line from the screen's catalogue, given the formatted total; none where the API gives no total. */
  count?: (total: string) => string;
  pages: ReturnType<typeof usePages>;
  busy: boolean;
  caption: string;
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  empty: string;
}) {
  const { list, error, count, pages, busy, ...table } = props;
  const format = useFormat();
  return (
    <>
      <ErrorNote error={error} />
      {list && (
        <>
          {count && list.totalCount !== undefined && <p>{count(format.number(list.totalCount))}</p>}
          <DataTable<Row> {...table} rows={list.nodes} />
          <Pager pages={pages} pageInfo={list.pageInfo} busy={busy} />
        </>
      )}
    </>
  );
}
