/**
 * Barcode scanners emulate a US keyboard. On AZERTY or QWERTZ the same key presses arrive as
 * other characters ("HA112" as "HA&&é"), but `event.code` names the physical key whatever the
 * layout, so scanned input is read back through the US layout.
 */

const UNSHIFTED: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Space: ' ',
  NumpadDivide: '/',
  NumpadMultiply: '*',
  NumpadSubtract: '-',
  NumpadAdd: '+',
  NumpadDecimal: '.',
}

const SHIFTED: Record<string, string> = {
  Digit1: '!',
  Digit2: '@',
  Digit3: '#',
  Digit4: '$',
  Digit5: '%',
  Digit6: '^',
  Digit7: '&',
  Digit8: '*',
  Digit9: '(',
  Digit0: ')',
  Minus: '_',
  Equal: '+',
  BracketLeft: '{',
  BracketRight: '}',
  Backslash: '|',
  Semicolon: ':',
  Quote: '"',
  Backquote: '~',
  Comma: '<',
  Period: '>',
  Slash: '?',
  Space: ' ',
}

/** The character a US keyboard gives for a physical key, or null when the code is unknown. */
export function usCharacter(code: string, shiftKey: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter?.[1] !== undefined) return shiftKey ? letter[1] : letter[1].toLowerCase()
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code)
  if (digit?.[1] !== undefined) return shiftKey && code.startsWith('Digit') ? (SHIFTED[code] ?? null) : digit[1]
  if (shiftKey && SHIFTED[code] !== undefined) return SHIFTED[code]
  return UNSHIFTED[code] ?? null
}
