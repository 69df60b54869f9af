import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIXTURE_FILES } from './__fixtures__/load'

// bff/src/channels → the repository root; /work/shared sits beside it.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const shared = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'channels')

describe('channel fixture copies', () => {
  it.skipIf(!existsSync(shared)).each(FIXTURE_FILES)('%s equals the shared original', (file) => {
    const read = (dir: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown
    expect(read(path.join(repoRoot, 'bff', 'src', 'channels', '__fixtures__'))).toEqual(read(shared))
  })
})
