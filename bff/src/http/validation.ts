import type { Context } from 'hono'
import { AppError } from './errors'

/** `zValidator`'s hook: a body that fails its schema is a 400 naming the bad fields. */
export function validationHook(
  result:
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  _c: Context,
): void {
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid request: ${fields.map((f) => `${f.path || '(body)'}: ${f.message}`).join('; ')}`,
      { fields },
    )
  }
}
