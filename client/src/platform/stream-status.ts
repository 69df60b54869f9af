export const StreamStatus = { connecting: 'connecting', open: 'open', closed: 'closed' } as const
export type StreamStatus = (typeof StreamStatus)[keyof typeof StreamStatus]

/** Appends query parameters to a URL, skipping undefined values. */
export function withQuery(url: string, params: Readonly<Record<string, string | undefined>>): string {
  const pairs = Object.entries(params).flatMap(([key, value]) =>
    value === undefined ? [] : [`${encodeURIComponent(key)}=${encodeURIComponent(value)}`],
  )
  if (pairs.length === 0) return url
  return `${url}${url.includes('?') ? '&' : '?'}${pairs.join('&')}`
}
