/**
 * When and how long to wait before sending a request again. One place for every client
 * (Autify, Testify), tested at its boundaries.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const READ_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000 }
export const CREATE_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000 }

/** Exponential back-off with "full jitter": a random delay in [base·2^(n-1) / 2, base·2^(n-1)]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Statuses worth another try for a request that is safe to repeat. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Network errors raised before the request could reach the server: safe to retry even a create. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])

export function isNotSentError(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code)
}

/**
 * `Retry-After` as milliseconds: either delay-seconds or an HTTP date. Undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return undefined
  const trimmed = text.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
