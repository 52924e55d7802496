// A results table that stays fast on hundreds of thousands of rows: only the rows in view are
// in the DOM (TanStack Virtual), and the next page is fetched as the end comes near.
// biome-ignore-all lint/a11y/useSemanticElements: the rows are absolutely placed grid boxes inside a scroll container, which <table> markup cannot hold; the ARIA table roles with aria-rowcount/aria-rowindex are WAI-ARIA's way to expose a virtualised table
// biome-ignore-all lint/a11y/useFocusableInteractive: row, columnheader and cell are not interactive in a role="table" (only in a grid); the table is read, not navigated cell by cell
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  header: string;
  width: string;
  render: (row: T) => ReactNode;
  /** Shown in the header instead of `header` (a select-all box). */
  headerCell?: ReactNode;
  /** The header is a button that sorts by this column (issue 15, must 5). */
  sortable?: boolean;
}

/** The table's current order, and what a click on a sortable header does. */
export interface TableSort {
  key: string | undefined;
  desc: boolean;
  onSort: (key: string) => void;
}

const ROW = 28;

export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  hasMore,
  loadMore,
  label,
  height,
  sort,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  hasMore: boolean;
  loadMore: () => void;
  label: string;
  height: string;
  sort?: TableSort;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && last >= rows.length - 40) loadMore();
  }, [last, rows.length, hasMore, loadMore]);
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="vrow vhead" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
          const current = sort?.key === c.key;
          const order = current ? (sort?.desc ? 'descending' : 'ascending') : undefined;
          return (
            <span key={c.key} role="columnheader" aria-sort={c.sortable ? (order ?? 'none') : undefined}>
              {c.headerCell ??
                (c.sortable && sort ? (
                  <button type="button" className="sort-head" onClick={() => sort.onSort(c.key)}>
                    {c.header}
                    <span aria-hidden="true">{current ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  c.header
                ))}
            </span>
          );
        })}
      </div>
      <div ref={scroller} className="vbody" style={{ height }} data-testid="results">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <div
                key={rowKey(row)}
                className={`vrow ${item.index % 2 ? 'odd' : ''}`}
                role="row"
                aria-rowindex={item.index + 2}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW }}
              >
                {columns.map((c) => (
                  <span key={c.key} role="cell">
                    {c.render(row)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
