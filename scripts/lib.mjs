// Helpers for the two README commands: install what is missing, rebuild only what changed.
import { spawnSync, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const PNPM = ['-y', 'pnpm@10.34.9']
const STAMPS = path.join(ROOT, 'node_modules', '.xd-stamps')

/** Runs a command in the repository, inheriting stdio; throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts, env: { ...process.env, ...opts.env } })
  if (res.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`)
    err.exitCode = res.status ?? 1
    throw err
  }
}

/** Hash of the given files and every file under the given directories (sorted, content-based). */
export function hashOf(paths) {
  const h = createHash('sha256')
  const visit = (p) => {
    if (!existsSync(p)) return
    const st = statSync(p)
    if (st.isDirectory()) {
      const base = path.basename(p)
      if (base === 'node_modules' || base === 'dist' || base === '.data' || base.startsWith('.')) return
      for (const name of readdirSync(p).sort()) visit(path.join(p, name))
    } else {
      h.update(path.relative(ROOT, p))
      h.update(readFileSync(p))
    }
  }
  for (const p of paths) visit(path.resolve(ROOT, p))
  return h.digest('hex')
}

function stampPath(name) {
  return path.join(STAMPS, name)
}

/** True when the stamp named `name` already records `hash`. */
export function upToDate(name, hash) {
  const p = stampPath(name)
  return existsSync(p) && readFileSync(p, 'utf8') === hash
}

export function writeStamp(name, hash) {
  mkdirSync(STAMPS, { recursive: true })
  writeFileSync(stampPath(name), hash)
}

const manifestFiles = () => [
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'package.json',
  'client/package.json',
  'bff/package.json',
  'shared/package.json',
  'test/package.json',
  ...readdirSync(path.join(ROOT, 'packages')).map((d) => `packages/${d}/package.json`),
]

/** Installs the workspace's dependencies unless the lockfile and manifests are unchanged since the last install. */
export function ensureInstalled() {
  const hash = hashOf(manifestFiles())
  if (existsSync(path.join(ROOT, 'node_modules')) && upToDate('install', hash)) return false
  const frozen = existsSync(path.join(ROOT, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : []
  run('npx', [...PNPM, 'install', ...frozen])
  writeStamp('install', hashOf(manifestFiles()))
  return true
}

const clientInputs = [
  'client/src',
  'client/config',
  'client/babel.config.js',
  'client/project.config.json',
  'client/tsconfig.json',
  'client/package.json',
  'packages/domain/src',
  'shared/src',
  'pnpm-lock.yaml',
]

/** Builds the client for `type` (h5 or weapp) unless its inputs are unchanged since the last build. */
export function ensureClientBuilt(type, { force = false } = {}) {
  const hash = hashOf(clientInputs)
  const out = path.join(ROOT, 'client', 'dist', type)
  if (!force && existsSync(out) && upToDate(`client-${type}`, hash)) return false
  run('npx', ['taro', 'build', '--type', type], { cwd: path.join(ROOT, 'client'), env: { NODE_ENV: 'production' } })
  writeStamp(`client-${type}`, hash)
  return true
}

function hasCommand(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

let aptUpdated = false
/** Installs a Debian package when its command is missing (the machine allows apt; we are root). */
export function ensureDebianPackage(command, pkg = command) {
  if (hasCommand(command)) return false
  if (!aptUpdated) {
    run('apt-get', ['update'])
    aptUpdated = true
  }
  run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env: { DEBIAN_FRONTEND: 'noninteractive' } })
  return true
}

/** Installs a Debian package when a file it provides is missing (fonts have no command to look for). */
export function ensureDebianFile(file, pkg) {
  if (existsSync(file)) return false
  if (!aptUpdated) {
    run('apt-get', ['update'])
    aptUpdated = true
  }
  run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env: { DEBIAN_FRONTEND: 'noninteractive' } })
  return true
}

/** Formats milliseconds as seconds with one decimal. */
export function secs(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}
