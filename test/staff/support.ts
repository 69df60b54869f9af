import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type BrowserContext, chromium } from 'playwright-core'

/**
 * The shop's LAN between one tablet and the BFF: an HTTP proxy that can be cut. Chromium's offline
 * emulation (`context.setOffline`) does not reach a page's service worker, so a reload "offline" would
 * quietly be served by the network; cutting this proxy takes the BFF away from everything in the
 * tablet, the service worker included, the way a dropped Wi-Fi does.
 */
export class CuttableLink {
  readonly #server: http.Server
  readonly #sockets = new Set<Socket>()
  #down = false

  private constructor(
    server: http.Server,
    readonly url: string,
  ) {
    this.#server = server
  }

  static async start(target: string): Promise<CuttableLink> {
    const upstream = new URL(target)
    let link: CuttableLink | undefined
    const server = http.createServer((req, res) => {
      if (link?.down) {
        req.socket.destroy()
        return
      }
      const up = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      up.on('error', () => res.destroy())
      res.on('close', () => up.destroy())
      req.pipe(up)
    })
    server.on('connection', (socket) => (link as CuttableLink).#track(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    link = new CuttableLink(server, `http://127.0.0.1:${port}`)
    return link
  }

  #track(socket: Socket): void {
    if (this.#down) {
      socket.destroy()
      return
    }
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
  }

  get down(): boolean {
    return this.#down
  }

  /** The network drops: open connections die (streams included) and new ones are refused. */
  cut(): void {
    this.#down = true
    for (const s of this.#sockets) s.destroy()
    this.#sockets.clear()
  }

  restore(): void {
    this.#down = false
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}

/** The flags `support/browser.ts` starts Chromium with. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A tablet's browser with a profile on disk, so the test can quit it and start it again the way a tablet
 * restarts: IndexedDB, localStorage and the service worker survive, nothing else does.
 */
export function launchTabletBrowser(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  })
}
