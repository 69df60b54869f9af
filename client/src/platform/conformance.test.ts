import { describe, expectTypeOf, it } from 'vitest'

// `x.ts` is the contract TypeScript sees; the build swaps in `x.h5.ts` or `x.weapp.ts`. Each platform file
// must export everything its contract does, with compatible types: tsc checks these lines (the runtime
// part is empty). A platform file must never import *values* from its own contract: in the build
// `./x` resolves back to the platform file itself.
describe('platform files conform to their contracts', () => {
  it('http', () => {
    expectTypeOf<typeof import('./http.h5')>().toExtend<typeof import('./http')>()
    expectTypeOf<typeof import('./http.weapp')>().toExtend<typeof import('./http')>()
  })
  it('storage', () => {
    expectTypeOf<typeof import('./storage.h5')>().toExtend<typeof import('./storage')>()
    expectTypeOf<typeof import('./storage.weapp')>().toExtend<typeof import('./storage')>()
  })
  it('network', () => {
    expectTypeOf<typeof import('./network.h5')>().toExtend<typeof import('./network')>()
    expectTypeOf<typeof import('./network.weapp')>().toExtend<typeof import('./network')>()
  })
  it('socket', () => {
    expectTypeOf<typeof import('./socket.h5')>().toExtend<typeof import('./socket')>()
    expectTypeOf<typeof import('./socket.weapp')>().toExtend<typeof import('./socket')>()
  })
  it('stream', () => {
    expectTypeOf<typeof import('./stream.h5')>().toExtend<typeof import('./stream')>()
    expectTypeOf<typeof import('./stream.weapp')>().toExtend<typeof import('./stream')>()
  })
})
