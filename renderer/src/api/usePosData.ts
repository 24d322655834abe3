import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChannelName, EventName } from '../../../electron/shared/channels'
import type { ChannelInput, ChannelOutput } from '../../../electron/shared/contract'
import { call, errorMessage, subscribe } from './pos'

export interface PosData<T> {
  data: T | null
  error: string | null
  reload(): void
}

/**
 * Loads one channel's answer and loads it again whenever one of `refreshOn` fires (the core
 * emits after its commits), so every screen shows the same truth without polling.
 */
export function usePosData<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  refreshOn: readonly EventName[],
): PosData<ChannelOutput<C>> {
  const [data, setData] = useState<ChannelOutput<C> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const inputKey = JSON.stringify(input)
  const generation = useRef(0)

  const reload = useCallback(() => {
    const current = ++generation.current
    call(channel, JSON.parse(inputKey) as ChannelInput<C>)
      .then((value) => {
        if (current !== generation.current) return
        setData(value)
        setError(null)
      })
      .catch((reason: unknown) => {
        if (current === generation.current) setError(errorMessage(reason))
      })
  }, [channel, inputKey])

  useEffect(() => {
    reload()
    const unsubscribers = refreshOn.map((event) => subscribe(event, reload))
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
    // refreshOn is a constant list per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload])

  return { data, error, reload }
}
