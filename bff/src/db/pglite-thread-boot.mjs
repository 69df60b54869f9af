// Boots the embedded database's thread (see `openThread` in pglite.ts). Node takes no TypeScript entry for
// a worker, and tsx's hooks do not reach worker threads by themselves: this plain module registers tsx in
// the thread, then imports the thread's module. Its imports resolve from here, whatever the working directory.
import { register } from 'tsx/esm/api'

register()
await import('./pglite-thread.ts')
