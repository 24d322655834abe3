import type { ReactNode } from 'react'
import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'

const ROW_HEIGHT = 44

export interface Column<T> {
  header: string
  className?: string
  /** A CSS grid track (`150px`, `minmax(180px, 1.2fr)`); an equal share when absent. */
  width?: string
  render(row: T): ReactNode
}

/** A scrolling table where only the rows in view exist in the DOM (smooth with 100,000 rows). */
export function VirtualTable<T>(props: {
  label: string
  testId: string
  columns: readonly Column<T>[]
  total: number
  rowAt: (index: number) => T | undefined
  ensureRange: (first: number, last: number) => void
  rowId: (row: T) => string
  selectedId?: string | null
  onSelect?: (row: T) => void
  emptyText: string
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // TanStack Virtual returns fresh functions each render; we do not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensureRange } = props
  useEffect(() => ensureRange(first, last), [ensureRange, first, last])
  const template = { gridTemplateColumns: props.columns.map((column) => column.width ?? 'minmax(0, 1fr)').join(' ') }

  return (
    <div className="table" role="table" aria-label={props.label} aria-rowcount={props.total}>
      <div className="table-head" role="row" style={template}>
        {props.columns.map((column) => (
          <span key={column.header} role="columnheader" className={column.className}>
            {column.header}
          </span>
        ))}
      </div>
      <div className="table-body" ref={scrollRef} data-testid={props.testId}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = props.rowAt(item.index)
            const id = row === undefined ? null : props.rowId(row)
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                data-row-id={id ?? undefined}
                className={`table-row${id !== null && id === props.selectedId ? ' selected' : ''}${props.onSelect === undefined ? '' : ' clickable'}`}
                style={{ ...template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => row !== undefined && props.onSelect?.(row)}
              >
                {row === undefined ? (
                  <span className="muted">Loading…</span>
                ) : (
                  props.columns.map((column) => (
                    <span key={column.header} role="cell" className={column.className}>
                      {column.render(row)}
                    </span>
                  ))
                )}
              </div>
            )
          })}
        </div>
        {props.total === 0 && <p className="empty-table">{props.emptyText}</p>}
      </div>
    </div>
  )
}
