import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIXTURE_FILES } from './__fixtures__/load'

// bff/src/channels → the repository root; /work/shared sits beside it.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const shared = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'channels')

/** Digests of the originals' parsed content, so the copies are checked also where ../shared is absent. */
const ORIGINAL_DIGESTS: Record<(typeof FIXTURE_FILES)[number], string> = {
  'meituan-waimai-outgoing-sig.json': '6ef32b9bb997a1c6afc5caf22e12fc347f0f6aa21a79b1bfe7676bfd1165209d',
  'meituan-waimai-push-captured.json': 'dadec262ebf52d0522edc0d127a66ecf54520c02527dd0627574935bb598ddaf',
  'wechatpay-go-notification.json': '7a69faa2217c38a5f11ce4a9605cbbe20c5fa4b7a23f72ce4904da0cdc7ca185',
  'wechatpay-java-aes256gcm.json': '3afa1ca306af7d52301d8f94ae76cbd754721ec27dc645b4c9554ba7d671f215',
}

const digest = (dir: string, file: string) =>
  createHash('sha256')
    .update(JSON.stringify(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))))
    .digest('hex')

describe('channel fixture copies', () => {
  it.each(FIXTURE_FILES)('%s equals the shared original', (file) => {
    const original = existsSync(shared) ? digest(shared, file) : ORIGINAL_DIGESTS[file]
    expect(ORIGINAL_DIGESTS[file]).toBe(original)
    expect(digest(path.join(repoRoot, 'bff', 'src', 'channels', '__fixtures__'), file)).toBe(original)
  })
})
