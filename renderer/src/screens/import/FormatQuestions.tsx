import type { ImportOptions, ImportQuestion } from '../../../../electron/shared/import-contract'
import { DATE_ORDER_LABELS, DECIMAL_LABELS } from './import-text'

export const QUESTION_IDS = { decimal: 'import-question-decimal', dateOrder: 'import-question-dateOrder' } as const

function Choice<V extends string>(props: {
  id: string
  legend: string
  name: string
  value: V | null
  choices: Record<V, string>
  isOpen: boolean
  openHint: string
  onPick: (value: V) => void
}) {
  return (
    <fieldset id={props.id} role="radiogroup" className={`question${props.isOpen ? ' needs-answer' : ''}`} aria-invalid={props.isOpen} aria-required="true">
      <legend>{props.legend}</legend>
      <div className="mode">
        {(Object.keys(props.choices) as V[]).map((value) => (
          <label key={value}>
            <input type="radio" name={props.name} value={value} checked={props.value === value} onChange={() => props.onPick(value)} /> {props.choices[value]}
          </label>
        ))}
      </div>
      {props.isOpen && <p className="question-hint">{props.openHint}</p>}
    </fieldset>
  )
}

/** How amounts and dates are written: guessed from the rows, asked when the rows fit both ways. */
export function FormatQuestions({ options, open, onChange }: { options: ImportOptions; open: readonly ImportQuestion[]; onChange: (options: ImportOptions) => void }) {
  return (
    <div className="questions">
      <Choice
        id={QUESTION_IDS.decimal}
        legend="Amounts use"
        name="import-decimal"
        value={options.decimal}
        choices={DECIMAL_LABELS}
        isOpen={open.includes('decimal')}
        openHint="The amounts read either way (1.250 could be 1250 or 1.25): choose one."
        onPick={(decimal) => onChange({ ...options, decimal })}
      />
      {options.columns.date != null && (
        <Choice
          id={QUESTION_IDS.dateOrder}
          legend="Dates are"
          name="import-date-order"
          value={options.dateOrder}
          choices={DATE_ORDER_LABELS}
          isOpen={open.includes('dateOrder')}
          openHint="The dates read either way (03/04 could be 3 April or 4 March): choose one."
          onPick={(dateOrder) => onChange({ ...options, dateOrder })}
        />
      )}
    </div>
  )
}
