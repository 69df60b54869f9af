import { z } from 'zod'

/** The body of every failed API call: a stable machine-readable code and a message for people. */
export const ErrorResponse = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
})
/** A parsed error body. */
export type ErrorResponse = z.infer<typeof ErrorResponse>
