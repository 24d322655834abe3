import { useRef, useState } from 'react'

/** Drop a file here or choose one: the one way the window takes a file (CSV or text). */
export function DropZone({ testId, inputTestId, inputLabel, onFile }: { testId: string; inputTestId: string; inputLabel?: string; onFile: (file: File) => void }) {
  const [isOver, setIsOver] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const take = (files: FileList | null): void => {
    const file = files?.[0]
    if (file !== undefined) onFile(file)
  }
  return (
    <div
      className={`dropzone${isOver ? ' over' : ''}`}
      data-testid={testId}
      onDragOver={(event) => {
        event.preventDefault()
        setIsOver(true)
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={(event) => {
        event.preventDefault()
        setIsOver(false)
        take(event.dataTransfer.files)
      }}
    >
      <p>Drop the file here, or</p>
      <button type="button" className="button primary" onClick={() => inputRef.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,.txt,.tsv,text/csv,text/plain"
        hidden
        data-testid={inputTestId}
        aria-label={inputLabel ?? 'File to import'}
        onChange={(event) => {
          take(event.target.files)
          event.target.value = ''
        }}
      />
    </div>
  )
}
