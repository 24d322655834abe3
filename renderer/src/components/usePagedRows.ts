import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { EventName } from '../../../electron/shared/channels'
import { errorMessage, subscribe } from '../api/pos'

export const PAGE_SIZE = 200

interface Loaded<T> {
  queryKey: string
  total: number
  pages: Map<number, T[]>
}

/**
 * Rows for a virtual list, fetched a page at a time as they scroll into view, so 100,000 rows
 * cost no more than the few hundred on screen. When the core announces a change (`refreshOn`)
 * the pages in view are fetched again; the previous rows stay until they arrive (no flicker).
 * `queryKey` identifies the filter: a new key starts from the top with nothing loaded.
 */
export function usePagedRows<T>(
  queryKey: string,
  fetchPage: (offset: number, limit: number) => Promise<{ rows: T[]; total: number }>,
  refreshOn: EventName,
) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ queryKey, total: 0, pages: new Map() })
  const [error, setError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const loading = useRef(new Set<string>())
  const wanted = useRef(new Set<number>([0]))
  const fetchRef = useRef(fetchPage)
  useLayoutEffect(() => {
    fetchRef.current = fetchPage
  })

  const current = loaded.queryKey === queryKey ? loaded : { queryKey, total: 0, pages: new Map<number, T[]>() }

  const loadPage = useCallback((key: string, page: number, forVersion: number) => {
    const token = `${key}:${forVersion}:${page}`
    if (loading.current.has(token)) return
    loading.current.add(token)
    fetchRef
      .current(page * PAGE_SIZE, PAGE_SIZE)
      .then((result) => {
        setLoaded((previous) => {
          const pages = previous.queryKey === key ? new Map(previous.pages) : new Map<number, T[]>()
          return { queryKey: key, total: result.total, pages: pages.set(page, result.rows) }
        })
        setError(null)
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => loading.current.delete(token))
  }, [])

  useEffect(() => subscribe(refreshOn, () => setVersion((value) => value + 1)), [refreshOn])

  useEffect(() => {
    wanted.current = new Set([0])
  }, [queryKey])

  useEffect(() => {
    for (const page of wanted.current) loadPage(queryKey, page, version)
  }, [queryKey, version, loadPage])

  const ensureRange = useCallback(
    (firstIndex: number, lastIndex: number) => {
      const next = new Set<number>()
      for (let page = Math.floor(firstIndex / PAGE_SIZE); page <= Math.floor(lastIndex / PAGE_SIZE); page++) next.add(page)
      wanted.current = next
      for (const page of next) if (!current.pages.has(page)) loadPage(queryKey, page, version)
    },
    [current.pages, loadPage, queryKey, version],
  )

  const { pages } = current
  const rowAt = useCallback((index: number): T | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages])

  return { total: current.total, rowAt, ensureRange, error }
}
