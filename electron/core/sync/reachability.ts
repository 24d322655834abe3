/**
 * Whether the platform can be reached, as the engine last saw it. It is never guessed from the
 * operating system: a request that got no answer makes it offline, and from then on a light
 * probe against the platform's own address (any HTTP answer counts) runs at growing intervals,
 * 500 ms doubling up to the probe interval (5 s by default), so a platform that comes back is
 * noticed within seconds. While online and idle, a probe every minute keeps the indicator true.
 */

export type Reach = 'unknown' | 'online' | 'offline'

export const FIRST_PROBE_DELAY_MS = 500
export const IDLE_PROBE_MS = 60_000

export class Reachability {
  state: Reach = 'unknown'
  since: number
  lastProblem: string | null = null
  private failedProbes = 0

  constructor(nowMs: number) {
    this.since = nowMs
  }

  reset(nowMs: number): void {
    this.state = 'unknown'
    this.since = nowMs
    this.failedProbes = 0
  }

  /** True when this changed the state. */
  markOnline(nowMs: number): boolean {
    this.failedProbes = 0
    this.lastProblem = null
    if (this.state === 'online') return false
    this.state = 'online'
    this.since = nowMs
    return true
  }

  markOffline(nowMs: number, problem: string): boolean {
    this.lastProblem = problem
    if (this.state === 'offline') return false
    this.state = 'offline'
    this.since = nowMs
    this.failedProbes = 0
    return true
  }

  probeFailed(problem: string): void {
    this.failedProbes++
    this.lastProblem = problem
  }

  /** Delay before the next probe. */
  nextProbeDelay(maxMs: number): number {
    if (this.state === 'online') return IDLE_PROBE_MS
    return Math.min(maxMs, FIRST_PROBE_DELAY_MS * 2 ** Math.min(this.failedProbes, 20))
  }
}
