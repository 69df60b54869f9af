import { useEffect, useState } from 'react'

/** The current time, re-rendering every `everyMs`: age timers and "last sync 12 s ago". */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(id)
  }, [everyMs])
  return now
}
