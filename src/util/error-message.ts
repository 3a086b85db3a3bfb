/** The message of anything thrown: an error's (or an error-like object's), else the value as text. */
export function errorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}
