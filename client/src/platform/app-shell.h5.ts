import type { AppShell } from './app-shell'

/** The service worker's path; `client/config/index.ts` copies `service-worker.js` there in h5 builds. */
const SW_PATH = '/sw.js'

/** The same-origin scripts and styles this page loaded, which the worker may have missed (it starts late). */
function loadedAssets(): string[] {
  const origin = window.location.origin
  const urls = window.performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.startsWith(origin) && /\.(js|css)(\?|$)/.test(u))
  return [...new Set(urls)]
}

export const appShell: AppShell = {
  origin: () => window.location.origin,
  keepOffline() {
    // Service workers need a secure context (https or localhost). On plain http over the LAN the tablet
    // keeps working as long as the page stays open; a reload needs the network there.
    if (process.env.NODE_ENV !== 'production') return
    const sw = window.navigator.serviceWorker
    if (sw === undefined || !window.isSecureContext) return
    sw.register(SW_PATH, { scope: '/' })
      .then(() => sw.ready)
      .then((reg) => {
        const send = () => reg.active?.postMessage({ type: 'xd-cache-urls', urls: loadedAssets() })
        send()
        // Page chunks load after boot (the staff page's own); send again once they have.
        window.setTimeout(send, 3000)
      })
      .catch((err: unknown) => console.warn('service worker: not registered', err))
  },
}
