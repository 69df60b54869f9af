export const StreamStatus = { connecting: 'connecting', open: 'open', closed: 'closed' } as const
export type StreamStatus = (typeof StreamStatus)[keyof typeof StreamStatus]

/** Adds the `lastEventId` query parameter to a URL when there is an id to resume after. */
export function withLastEventId(url: string, lastEventId: string | undefined): string {
  if (lastEventId === undefined) return url
  return `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`
}
