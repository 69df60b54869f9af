// The staff tablet's app-shell service worker (served as /sw.js, scope /). It keeps index.html and the
// built js and css so the tablet reloads and restarts offline; orders live in IndexedDB (RxDB), never
// here, and API calls, streams and webhooks always go to the network.
const CACHE = 'xd-shell-v1'
const SHELL = '/'

const isApi = (path) => /^\/(api|channels|healthz|collab)(\/|$)/.test(path)

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(SHELL))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('xd-shell-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  )
})

// The page lists the scripts and styles it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data
  if (data?.type !== 'xd-cache-urls' || !Array.isArray(data.urls)) return
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all(
          data.urls.map((url) =>
            cache.match(url).then((hit) => (hit ? undefined : cache.add(url).catch(() => undefined))),
          ),
        ),
      ),
  )
})

// index.html: the network first (a new build shows up at once), the cached one when offline.
async function shell(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(SHELL, response.clone())
    return response
  } catch (err) {
    const cached = await cache.match(SHELL)
    if (cached) return cached
    throw err
  }
}

// Built assets have content hashes in their names: a cached copy is always right.
async function asset(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || isApi(url.pathname)) return
  if (request.mode === 'navigate' || url.pathname === '/' || url.pathname === '/index.html') {
    event.respondWith(shell(request))
    return
  }
  event.respondWith(asset(request))
})
