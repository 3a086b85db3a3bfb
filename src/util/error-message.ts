/** The message of anything thrown: an error's (or an error-like object's), else the value as text. */
export function errorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined
  return typeof message === 'string' ? message : String(error)
}

/** The HTTP status of a failed request (Octokit's `RequestError.status`), when the error has one. */
export function errorStatus(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined
  return typeof status === 'number' ? status : undefined
}
