/**
 * Till sounds, synthesised with Web Audio so nothing is fetched and nothing ships as a file:
 * a bright rising double beep for "saved", a low buzz for "refused", one mid beep for a scan,
 * and for a code the camera read, the short high beep a hand scanner gives (the check's own cue
 * follows, exactly as after a hand scanner's beep).
 */

export type Cue = 'saved' | 'refused' | 'scanned' | 'warning' | 'read'

let context: AudioContext | null = null
let enabled = true

export function setSoundsEnabled(value: boolean): void {
  enabled = value
}

interface Tone {
  frequency: number
  startMs: number
  durationMs: number
  type: OscillatorType
  volume: number
}

const CUES: Record<Cue, Tone[]> = {
  saved: [
    { frequency: 880, startMs: 0, durationMs: 90, type: 'sine', volume: 0.25 },
    { frequency: 1320, startMs: 100, durationMs: 140, type: 'sine', volume: 0.25 },
  ],
  refused: [
    { frequency: 196, startMs: 0, durationMs: 180, type: 'square', volume: 0.12 },
    { frequency: 165, startMs: 210, durationMs: 260, type: 'square', volume: 0.12 },
  ],
  scanned: [{ frequency: 1760, startMs: 0, durationMs: 60, type: 'sine', volume: 0.18 }],
  warning: [
    { frequency: 660, startMs: 0, durationMs: 120, type: 'triangle', volume: 0.2 },
    { frequency: 660, startMs: 180, durationMs: 120, type: 'triangle', volume: 0.2 },
  ],
  read: [{ frequency: 2700, startMs: 0, durationMs: 45, type: 'square', volume: 0.06 }],
}

/** Records the last cue so end-to-end tests can check that feedback happened. */
export function lastCue(): Cue | null {
  return (document.body.dataset.lastCue as Cue | undefined) ?? null
}

export function play(cue: Cue): void {
  document.body.dataset.lastCue = cue
  if (!enabled) return
  try {
    context ??= new AudioContext()
    const audio = context
    if (audio.state === 'suspended') void audio.resume()
    const start = audio.currentTime + 0.01
    for (const tone of CUES[cue]) {
      const oscillator = audio.createOscillator()
      const gain = audio.createGain()
      oscillator.type = tone.type
      oscillator.frequency.value = tone.frequency
      const at = start + tone.startMs / 1000
      const end = at + tone.durationMs / 1000
      gain.gain.setValueAtTime(0, at)
      gain.gain.linearRampToValueAtTime(tone.volume, at + 0.01)
      gain.gain.setValueAtTime(tone.volume, end - 0.02)
      gain.gain.linearRampToValueAtTime(0, end)
      oscillator.connect(gain).connect(audio.destination)
      oscillator.start(at)
      oscillator.stop(end + 0.01)
    }
  } catch {
    // No audio device: the colours still tell the cashier.
  }
}
