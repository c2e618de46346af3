// Every list of the client: columns declared once, server-side sorting where the API takes an
// order, filters and sort kept in the address bar (a filtered view can be bookmarked), Relay cursor
// paging with the total where the connection has one, and the loading, empty and error states.
import { useSearchParams } from '@solidjs/router';
import type { AnyVariables, CombinedError, DocumentInput } from '@urql/core';
import { createQuery } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, on, Show, type JSX, type ParentProps } from 'solid-js';
import { formatNumber } from '../format.ts';
import { t } from '../i18n/index.ts';
import { ErrorNotice, Loading, TableWrap } from './basics.tsx';

/** Pages of a Relay connection: forward with `after`, back through the cursors already seen. */
export function createCursorPaging() {
  const [stack, setStack] = createSignal<(string | null)[]>([null]);
  return {
    after: () => stack()[stack().length - 1] ?? null,
    page: () => stack().length,
    next: (endCursor: string | null | undefined) => endCursor && setStack([...stack(), endCursor]),
    previous: () => stack().length > 1 && setStack(stack().slice(0, -1)),
    reset: () => stack().length > 1 && setStack([null]),
  };
}
export type CursorPaging = ReturnType<typeof createCursorPaging>;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null | undefined;
}

export function Pager(props: { paging: CursorPaging; pageInfo: PageInfo | undefined; label: string; totalCount?: number | null | undefined }) {
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={props.paging.page() <= 1} onClick={() => props.paging.previous()}>
        {t('paging.previous')}
      </button>
      <span aria-live="polite">
        {t('paging.page', { page: props.paging.page() })}
        <Show when={props.totalCount !== undefined && props.totalCount !== null}>
          {' · '}
          {t('paging.total', { count: formatNumber(props.totalCount) })}
        </Show>
      </span>
      <button type="button" disabled={!props.pageInfo?.hasNextPage} onClick={() => props.paging.next(props.pageInfo?.endCursor)}>
        {t('paging.next')}
      </button>
    </nav>
  );
}

export type SortDirection = 'ASC' | 'DESC';
export interface Sort<F extends string = string> {
  field: F;
  direction: SortDirection;
}

export interface ListOptions<K extends string, F extends string> {
  /** Search parameters that filter the list (`?kind=...&q=...`). */
  filters: readonly K[];
  /** The API's sort fields this list may be ordered by, and the order when the address names none. */
  sorts?: { fields: readonly F[]; initial: Sort<F> };
  /** Rows per page. */
  pageSize?: number;
}

/**
 * A list's state in the address bar: its filters (a draft the form edits, applied on submit), its
 * sort (`?sort=WARRANTY_END` or `?sort=-WARRANTY_END`), and the page (cursors of the pages seen,
 * back to the first when a filter or the sort changes).
 */
export function createListParams<K extends string, F extends string = never>(options: ListOptions<K, F>) {
  const [params, setParams] = useSearchParams<Record<K | 'sort', string>>();
  const read = () => Object.fromEntries(options.filters.map((key) => [key, String(params[key] ?? '')])) as Record<K, string>;
  const filters = createMemo(read, undefined, { equals: (a, b) => options.filters.every((key) => a[key] === b[key]) });
  const [draft, setDraft] = createSignal<Record<K, string>>(read());
  // The address bar may change from elsewhere (a link, the back button): the form follows it.
  createEffect(on(filters, (current) => void setDraft(() => current), { defer: true }));

  const sort = createMemo<Sort<F> | null>(
    () => {
      const sorts = options.sorts;
      if (!sorts) return null;
      const given = String(params.sort ?? '');
      const field = given.replace(/^-/, '') as F;
      if (!sorts.fields.includes(field)) return sorts.initial;
      return { field, direction: given.startsWith('-') ? 'DESC' : 'ASC' };
    },
    null,
    { equals: (a, b) => a?.field === b?.field && a?.direction === b?.direction },
  );

  const paging = createCursorPaging();
  createEffect(on([filters, sort], () => paging.reset(), { defer: true }));

  const cleaned = (values: Partial<Record<K, string>>) =>
    Object.fromEntries(options.filters.map((key) => [key, values[key]?.trim() || undefined])) as Record<K, string | undefined>;

  return {
    /** The applied filters, as the address bar has them ('' when absent). */
    filters,
    draft,
    /** Value and setter of one filter field of the form: spread into a field component. */
    field: (key: K) => ({ value: draft()[key] ?? '', onValue: (value: string) => setDraft((current) => ({ ...current, [key]: value })) }),
    /** The form's filters into the address bar. */
    apply: () => setParams(cleaned(draft()) as never),
    /** One filter at once (a select that filters as it changes). */
    setFilter: (key: K, value: string) => setParams({ [key]: value.trim() || undefined } as never),
    clear: () => {
      setDraft(() => ({}) as Record<K, string>);
      setParams(cleaned({}) as never);
    },
    sort,
    /** The column's field ascending, or descending when it already is ascending. */
    toggleSort: (field: F) => {
      const current = sort();
      const descending = current?.field === field && current.direction === 'ASC';
      setParams({ sort: descending ? `-${field}` : field } as never);
    },
    paging,
    /** `first` and `after` for the query's variables. */
    page: () => ({ first: options.pageSize ?? 25, after: paging.after() }),
  };
}
export type ListParams = ReturnType<typeof createListParams<string, string>>;

/** What a table needs of a list's state: its sort and its pages. */
export interface TableListState {
  sort(): Sort | null;
  // A method, so a list sorted by the API's own enum of fields fits (parameters are compared both ways).
  toggleSort(field: string): void;
  paging: CursorPaging;
}

/** A Relay connection as the API returns it; `totalCount` where the connection has it. */
export interface Connection<Row> {
  edges: readonly { node: Row }[];
  pageInfo: PageInfo;
  totalCount?: number | null;
}

/** A page of a list query, ready for DataTable's `source`. */
export interface ListSource<Row> {
  rows(): readonly Row[] | undefined;
  error(): CombinedError | undefined;
  pageInfo(): PageInfo | undefined;
  totalCount(): number | null | undefined;
  list: TableListState;
}

/**
 * Runs a list query one page at a time: `first` and `after` come from the list's paging, the rest
 * of the variables (filters, sort) from `variables`; `connection` picks the connection out of the
 * answer.
 */
export function createListQuery<Data, Variables extends AnyVariables, Row>(options: {
  query: DocumentInput<Data, Variables>;
  list: TableListState & { page(): { first: number; after: string | null } };
  variables?: () => Omit<Variables, 'first' | 'after'>;
  connection: (data: Data) => Connection<Row>;
}): ListSource<Row> & { refetch: () => void } {
  const [result, refetch] = createQuery<Data, Variables>({
    query: options.query,
    variables: () => ({ ...options.list.page(), ...options.variables?.() }) as unknown as Variables,
  });
  const connection = () => (result.data ? options.connection(result.data) : undefined);
  return {
    rows: () => connection()?.edges.map((edge) => edge.node),
    error: () => result.error,
    pageInfo: () => connection()?.pageInfo,
    totalCount: () => connection()?.totalCount,
    list: options.list,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}

/** The filters of a list: applied on submit (and cleared) through the list's address-bar state. */
export function FilterForm(
  props: ParentProps<{
    label: string;
    list: { apply(): void; clear(): void };
    /** More buttons after Filter and Clear (an export). */
    actions?: JSX.Element;
    /** Fields that filter as they change need no buttons. */
    buttons?: boolean;
  }>,
) {
  return (
    <form
      class="filters"
      role="search"
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        props.list.apply();
      }}
    >
      {props.children}
      <Show when={props.buttons !== false || props.actions}>
        <div class="form-actions">
          <Show when={props.buttons !== false}>
            <button type="submit" class="button-primary">
              {t('common.filter')}
            </button>
            <button type="button" class="button-secondary" onClick={() => props.list.clear()}>
              {t('common.clearFilters')}
            </button>
          </Show>
          {props.actions}
        </div>
      </Show>
    </form>
  );
}

/** Column widths that add up to fit a 1280 px screen with the menu (about 1000 px of table). */
export type ColumnWidth = 'xs' | 's' | 'm' | 'l' | 'xl';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => JSX.Element;
  /** The API's sort field: the header becomes a sort button. Only where the list's query takes an order. */
  sort?: string;
  width?: ColumnWidth;
  /** Numbers and amounts, aligned right. */
  numeric?: boolean;
  /** The cell that names the row (read out as the row's header). */
  rowHeader?: boolean;
  nowrap?: boolean;
  /** Long unbroken text (addresses, e-mails) may wrap anywhere. */
  breakAll?: boolean;
  /** Left out (a column of bodies for a reader who sees one). */
  hidden?: boolean;
  /**
   * Kept on a phone-wide screen. When any column of a table says so, the others are left out below
   * 36rem, so the table fits a 375 px screen instead of scrolling sideways.
   */
  phone?: boolean;
}

export interface DataTableProps<Row> {
  /** What the list is: the label of its scrolling region, and its caption unless `caption` is given. */
  label: string;
  /** A longer caption (read out, not shown): what the rows are and their order. */
  caption?: string;
  columns: readonly Column<Row>[];
  /** Undefined while the first answer is awaited. */
  rows?: readonly Row[] | undefined;
  /** A list query (createListQuery): its rows, error, pages and total, instead of `rows` and the rest. */
  source?: ListSource<Row>;
  error?: CombinedError | undefined;
  /** The sentence for an empty list. */
  empty: string;
  /** Sort and paging, from createListParams. */
  list?: TableListState;
  pageInfo?: PageInfo | undefined;
  totalCount?: number | null | undefined;
  /** Label of the pager (`Pages of the bodies`). */
  pagerLabel?: string;
  class?: string;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const rows = () => (props.source ? props.source.rows() : props.rows);
  const error = () => (props.source ? props.source.error() : props.error);
  const list = () => props.source?.list ?? props.list;
  const pageInfo = () => (props.source ? props.source.pageInfo() : props.pageInfo);
  const totalCount = () => (props.source ? props.source.totalCount() : props.totalCount);
  const columns = () => props.columns.filter((column) => !column.hidden);
  const phoneChoice = () => columns().some((column) => column.phone);
  const phoneClass = (column: Column<Row>) => (phoneChoice() && !column.phone ? 'not-on-phone' : undefined);
  const cellClass = (column: Column<Row>) =>
    [column.numeric && 'num', column.nowrap && 'nowrap', column.breakAll && 'break', phoneClass(column)].filter(Boolean).join(' ') || undefined;
  const sortedBy = (column: Column<Row>) => {
    const sort = list()?.sort();
    return column.sort !== undefined && sort?.field === column.sort ? sort.direction : undefined;
  };
  return (
    <>
      <ErrorNotice error={error()} />
      <Show when={rows()} fallback={<Show when={!error()}><Loading /></Show>}>
        {(rows) => (
          <>
            <TableWrap label={props.label}>
              <table class={['data-table', phoneChoice() && 'phone-columns', props.class].filter(Boolean).join(' ')}>
                <caption class="visually-hidden">{props.caption ?? props.label}</caption>
                <colgroup>
                  <For each={columns()}>{(column) => <col class={[column.width && `col-${column.width}`, phoneClass(column)].filter(Boolean).join(' ') || undefined} />}</For>
                </colgroup>
                <thead>
                  <tr>
                    <For each={columns()}>
                      {(column) => (
                        <th
                          scope="col"
                          class={[column.numeric && 'num', phoneClass(column)].filter(Boolean).join(' ') || undefined}
                          aria-sort={sortedBy(column) === 'ASC' ? 'ascending' : sortedBy(column) === 'DESC' ? 'descending' : undefined}
                        >
                          <Show when={column.sort !== undefined && list()?.sort()} fallback={column.header}>
                            <button type="button" class="sort-button" onClick={() => list()!.toggleSort(column.sort!)}>
                              {column.header}
                              <span class="sort-mark" aria-hidden="true">
                                {sortedBy(column) === 'ASC' ? '▲' : sortedBy(column) === 'DESC' ? '▼' : '↕'}
                              </span>
                            </button>
                          </Show>
                        </th>
                      )}
                    </For>
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={rows()}
                    fallback={
                      <tr>
                        <td colspan={columns().length}>{props.empty}</td>
                      </tr>
                    }
                  >
                    {(row) => (
                      <tr>
                        <For each={columns()}>
                          {(column) =>
                            column.rowHeader ? (
                              <th scope="row" class={cellClass(column)}>
                                {column.cell(row)}
                              </th>
                            ) : (
                              <td class={cellClass(column)}>{column.cell(row)}</td>
                            )
                          }
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Show when={list() && pageInfo()}>
              <Pager paging={list()!.paging} pageInfo={pageInfo()} totalCount={totalCount()} label={props.pagerLabel ?? props.label} />
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
