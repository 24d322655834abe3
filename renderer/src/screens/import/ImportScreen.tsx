import { useState } from 'react'
import type { ImportKind } from '../../../../electron/shared/import-contract'
import { usePosData } from '../../api/usePosData'
import { ImportWizard } from './ImportWizard'
import { RecentImports } from './RecentImports'
import { useImportWizard } from './useImportWizard'

export interface ImportRequest {
  kind: ImportKind
  serial: number
}

/**
 * The Import screen: the wizard and the recent imports. It stays mounted once opened (the app
 * only hides it), so an import keeps running and its outcome waits while the till sells.
 */
export function ImportScreen({ isActive, request }: { isActive: boolean; request: ImportRequest | null }) {
  const imports = usePosData('import:list', {}, ['sales:changed'])
  const wizard = useImportWizard(() => imports.reload(), isActive, request?.kind ?? 'sales')

  // Another screen asked for a kind of file ("Map columns by hand…"): taken if no file is open.
  const [seenRequest, setSeenRequest] = useState(request)
  if (request !== seenRequest) {
    setSeenRequest(request)
    if (request !== null && wizard.state.step === 'choose') wizard.setKind(request.kind)
  }

  return (
    <div className="import-screen">
      <ImportWizard wizard={wizard} />
      <RecentImports imports={imports} isActive={isActive} />
    </div>
  )
}
