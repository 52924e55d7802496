import type { ReactNode } from 'react';

export interface Col<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A dense table of a few hundred rows at most (administration lists). */
export function SimpleTable<T>({ rows, cols, rowKey, label }: { rows: T[]; cols: Col<T>[]; rowKey: (r: T) => string; label: string }) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {cols.map((c) => (
              <td key={c.header}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={cols.length} className="muted">
              None.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
