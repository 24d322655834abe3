import { invoke } from '../../api/pos'
import { downloadText } from '../../download'

/** Saves an import's refused rows (line, problem, reason, then the row) as the core wrote them; answers the error, if any. */
export async function downloadRefusedRows(batchId: number): Promise<string | null> {
  const result = await invoke('import:refused-rows', { batchId })
  if (!result.ok) return result.error.message
  downloadText(result.value.fileName, result.value.csv)
  return null
}
