import { z } from 'zod'

/** `GET /healthz`. */
export const HealthResponse = z.object({
  ok: z.boolean(),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
})
/** The parsed answer of `GET /healthz`. */
export type HealthResponse = z.infer<typeof HealthResponse>
