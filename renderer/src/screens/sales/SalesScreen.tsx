import { useMemo, useState } from 'react'
import type { SaleFilter, SaleView } from '../../../../electron/shared/contract'
import type { SaleState } from '../../../../electron/shared/sale-state'
import { SALE_STATES, SALE_STATE_LABELS } from '../../../../electron/shared/sale-state'
import { usePosData } from '../../api/usePosData'
import { useNow } from '../../components/useNow'
import { downloadText } from '../../download'
import { count, describeAge } from '../../format'
import { SaleDetails } from './SaleDetails'
import { SalesTable } from './SalesTable'
import { usePagedRows } from '../../components/usePagedRows'
import { call, invoke } from '../../api/pos'

/** The manager's view of every sale: state, filters, search, void, export. */
export function SalesScreen() {
  const [states, setStates] = useState<SaleState[]>([])
  const [search, setSearch] = useState('')
  const [unverifiedOnly, setUnverifiedOnly] = useState(false)
  const [selected, setSelected] = useState<SaleView | null>(null)
  const [exportMessage, setExportMessage] = useState<string | null>(null)
  const summary = usePosData('sale:summary', {}, ['sales:changed'])
  const now = useNow()

  const filter = useMemo<SaleFilter>(
    () => ({
      ...(states.length > 0 ? { states } : {}),
      ...(search.trim() !== '' ? { search: search.trim() } : {}),
      ...(unverifiedOnly ? { unverifiedOnly } : {}),
    }),
    [states, search, unverifiedOnly],
  )
  const pages = usePagedRows(JSON.stringify(filter), (offset, limit) => call('sale:list', { filter, offset, limit }), 'sales:changed')

  const toggleState = (state: SaleState): void =>
    setStates((current) => (current.includes(state) ? current.filter((item) => item !== state) : [...current, state]))

  const exportAs = async (layout: 'affiliationsoftware' | 'full'): Promise<void> => {
    const result = await invoke('sale:export', { layout, filter })
    if (!result.ok) {
      setExportMessage(result.error.message)
      return
    }
    downloadText(result.value.fileName, result.value.csv)
    setExportMessage(`Exported ${count(result.value.rows)} sales to ${result.value.fileName}`)
  }

  const data = summary.data
  return (
    <div className="sales-screen">
      <div className="cards">
        <div className="card">
          <div className="card-value" data-testid="sales-total">{count(data?.total ?? 0)}</div>
          <div className="card-label">Sales</div>
        </div>
        <div className="card">
          <div className="card-value">{count((data?.byState.saved ?? 0) + (data?.byState.sending ?? 0))}</div>
          <div className="card-label" data-testid="oldest-unsent">
            Unsent{data?.oldestUnsentAt == null ? '' : `, oldest ${describeAge(now - data.oldestUnsentAt)}`}
          </div>
        </div>
        <div className={`card${(data?.byState.needs_attention ?? 0) > 0 ? ' tone-bad' : ''}`}>
          <div className="card-value">{count(data?.byState.needs_attention ?? 0)}</div>
          <div className="card-label">Need attention</div>
        </div>
        <div className={`card${(data?.unverified ?? 0) > 0 ? ' tone-warn' : ''}`}>
          <div className="card-value" data-testid="unverified-count">{count(data?.unverified ?? 0)}</div>
          <div className="card-label">Unverified</div>
        </div>
        <div className="card">
          <div className="card-value">{count(data?.byState.voided ?? 0)}</div>
          <div className="card-label">Voided</div>
        </div>
      </div>

      <div className="toolbar">
        <input
          className="input search"
          type="search"
          placeholder="Search code or order ID"
          aria-label="Search sales by code or order ID"
          data-testid="sales-search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <div className="chips" role="group" aria-label="Filter by state">
          {SALE_STATES.map((state) => (
            <button key={state} type="button" className={`chip state-${state}${states.includes(state) ? ' on' : ''}`} aria-pressed={states.includes(state)} onClick={() => toggleState(state)}>
              {SALE_STATE_LABELS[state]} <span className="chip-count">{count(data?.byState[state] ?? 0)}</span>
            </button>
          ))}
          <button type="button" className={`chip${unverifiedOnly ? ' on' : ''}`} aria-pressed={unverifiedOnly} onClick={() => setUnverifiedOnly((value) => !value)}>
            Unverified only
          </button>
        </div>
        <div className="toolbar-actions">
          <button type="button" className="button primary" data-testid="sync-now" onClick={() => void invoke('sync:now', {})}>
            Sync now
          </button>
          <button type="button" className="button secondary" onClick={() => void exportAs('affiliationsoftware')} data-testid="export-as">
            Export for AffiliationSoftware
          </button>
          <button type="button" className="button secondary" onClick={() => void exportAs('full')} data-testid="export-full">
            Export all columns
          </button>
        </div>
      </div>
      {exportMessage !== null && <p className="muted" role="status">{exportMessage}</p>}
      {pages.error !== null && <p className="error-text" role="alert">{pages.error}</p>}

      <div className="sales-body">
        <SalesTable total={pages.total} rowAt={pages.rowAt} ensureRange={pages.ensureRange} selectedOrderId={selected?.orderId ?? null} onSelect={setSelected} />
        {selected !== null && <SaleDetails key={selected.id} sale={selected} onClose={() => setSelected(null)} onChanged={setSelected} />}
      </div>
      <p className="muted table-foot" data-testid="sales-shown">
        {count(pages.total)} sales shown
      </p>
    </div>
  )
}
