/**
 * The physical baseline of the stream benchmark: a bare node:http SSE server that encodes each event
 * once and writes the same bytes to every subscriber. Usage: node bare-server.ts <port>
 * `POST /publish?n=&rate=` publishes n events at `rate` per second on a drift-corrected timer.
 */
import http from 'node:http'

const clients = new Set<http.ServerResponse>()
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  if (url.pathname === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write(': connected\n\n')
    clients.add(res)
    res.on('close', () => clients.delete(res))
    return
  }
  if (url.pathname === '/publish') {
    const n = Number(url.searchParams.get('n') ?? 100)
    const rate = Number(url.searchParams.get('rate') ?? 100)
    const pad = 'x'.repeat(900)
    const t0 = Date.now()
    let i = 0
    const tick = () => {
      while (i < n && Date.now() >= t0 + (i * 1000) / rate) {
        i++
        const frame = Buffer.from(`id: ${i}\ndata: {"seq":${i},"at":${Date.now()},"pad":"${pad}"}\n\n`)
        for (const c of clients) c.write(frame)
      }
      if (i < n) setTimeout(tick, Math.max(0, t0 + (i * 1000) / rate - Date.now()))
    }
    tick()
    res.end('ok')
    return
  }
  res.statusCode = 404
  res.end()
})
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('listening\n'))
