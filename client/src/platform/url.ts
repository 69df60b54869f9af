/** Joins a base URL and a path; absolute URLs pass through untouched. */
export function joinUrl(baseUrl: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path
  if (baseUrl === '') return path
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

/** `http://h/x` becomes `ws://h/x`, `https:` becomes `wss:`; other URLs are returned as they are. */
export function toSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, (_match, secure: string) => `ws${secure}://`)
}

/** Parses a body as JSON when it looks like JSON; keeps the text otherwise (an HTML error page, say). */
export function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
