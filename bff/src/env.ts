import path from 'node:path'
import { z } from 'zod'

/** The repository root, so relative defaults work whichever directory the BFF is started from. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

const port = z.coerce.number().int().min(0).max(65535)

const EnvSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PGlite's data directory (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().min(1).default('.data'),
  /** A PostgreSQL server instead of the embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  STORES_FILE: z.string().min(1).default('bff/config/stores.demo.json'),
  /** Where the built h5 client is served from, at `/`. */
  CLIENT_DIST: z.string().min(1).default('client/dist/h5'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secret for staff and consumer tokens; the demo derives one and keeps it in DATA_DIR when unset. */
  JWT_SECRET: z.string().min(32).optional(),
  /** Flush PGlite's WAL to disk before acknowledging a write (see the README's durability table). */
  DURABLE: z
    .enum(['1', '0', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Run embedded Postgres (PGlite) on a thread of its own, beside the request handling. */
  PGLITE_THREAD: z
    .enum(['1', '0', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Seed the demo shops' menus and 30 days of sales on an empty database. */
  SEED_DEMO: z
    .enum(['1', '0', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
})

/** Validated configuration from the environment, read once at start-up and passed down. */
export type Env = z.infer<typeof EnvSchema> & { dataDir: string; storesFile: string; clientDist: string }

/** Reads and validates the environment; throws one error naming every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid environment: ${problems}`)
  }
  const env = parsed.data
  // A path the user gave is relative to where they ran npm; a default is relative to the repository.
  const resolve = (name: string, value: string) =>
    path.resolve(source[name] ? (source.INIT_CWD ?? process.cwd()) : REPO_ROOT, value)
  return {
    ...env,
    dataDir: resolve('DATA_DIR', env.DATA_DIR),
    storesFile: resolve('STORES_FILE', env.STORES_FILE),
    clientDist: resolve('CLIENT_DIST', env.CLIENT_DIST),
  }
}
