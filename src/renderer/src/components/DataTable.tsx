import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

/** A plain, accessible table: one column definition per column, one row per item. */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
}) {
  const { t } = useTranslation();
  // A table wider than its card scrolls inside it (focusable, so the keyboard can scroll it too).
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="grid" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.header || <span className="sr-only">{t('table.actions')}</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) => (
                <td key={i} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
