import { READ_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter } from '../http/retry-policy.js'
import { type Clock, within } from '../util/clock.js'
import { errorStatus } from '../util/error-message.js'

/** GitHub asks for writes one at a time, at least a second apart. */
export const WRITE_GAP_MS = 1000
/** A rate limit is waited out at most this often for one request, and never longer than this. */
export const RATE_LIMIT_RETRIES = 2
export const MAX_RATE_LIMIT_WAIT_SECONDS = 20
/** GitHub's advice when a secondary rate limit names no time. */
const SECONDARY_LIMIT_FALLBACK_SECONDS = 60

/** The options of one Octokit request, as far as pacing reads them. */
export interface PacedRequest {
  method: string
  url: string
  request?: { signal?: AbortSignal | null; sendOnce?: boolean }
}

type Send = (options: PacedRequest) => unknown

export interface PacingHooks {
  clock: Clock
  warn: (message: string) => void
}

/**
 * The wrapper for Octokit's request hook (`octokit.hook.wrap('request', …)`): every GitHub request on
 * `clock`, writes paced (one at a time, WRITE_GAP_MS apart), a request that is safe to repeat sent
 * again on a retryable status, rate limits waited out with a warning. Every wait ends when the
 * request's signal aborts.
 */
export function pacedRequests(hooks: PacingHooks) {
  const lane = writeLane(hooks.clock)
  return async <O extends PacedRequest, R>(request: (options: O) => R | Promise<R>, options: O): Promise<R> => {
    const signal = options.request?.signal ?? undefined
    const send = isWrite(options.method) ? (o: O) => lane.send(async () => request(o), signal) : async (o: O) => request(o)
    return (await sendWithRetries(send as Send, options, hooks, signal)) as R
  }
}

async function sendWithRetries(send: Send, options: PacedRequest, hooks: PacingHooks, signal: AbortSignal | undefined): Promise<unknown> {
  let failures = 0
  let rateLimited = 0
  for (;;) {
    try {
      return await send(options)
    } catch (error) {
      if (signal?.aborted) throw error
      const limit = rateLimitOf(error, hooks.clock.now())
      if (limit) {
        if (rateLimited >= RATE_LIMIT_RETRIES || limit.seconds > MAX_RATE_LIMIT_WAIT_SECONDS) throw error
        rateLimited++
        hooks.warn(`GitHub ${limit.kind} hit on ${options.method} ${options.url}; retrying in ${limit.seconds}s.`)
        await hooks.clock.sleep(limit.seconds * 1000, signal)
        continue
      }
      failures++
      const status = errorStatus(error)
      if (!isRepeatable(options) || status === undefined || !isRetryableStatus(status) || failures >= READ_RETRY.maxAttempts) throw error
      await hooks.clock.sleep(backoffDelay(READ_RETRY, failures), signal)
    }
  }
}

const isWrite = (method: string) => !['GET', 'HEAD'].includes(method.toUpperCase())

/** A POST creates; any other request is safe to send again unless marked `SEND_ONCE` (write-once.ts). */
function isRepeatable(options: PacedRequest): boolean {
  return options.method.toUpperCase() !== 'POST' && options.request?.sendOnce !== true
}

export interface RateLimit {
  kind: 'rate limit' | 'secondary rate limit'
  seconds: number
}

/**
 * The rate limit a 403 or 429 answer reports, and how long to wait: `retry-after` when given, else
 * until one second after `x-ratelimit-reset` when `x-ratelimit-remaining` is 0. Null for any other failure.
 */
export function rateLimitOf(error: unknown, now: number): RateLimit | null {
  const status = errorStatus(error)
  if (status !== 403 && status !== 429) return null
  const headers = responseHeaders(error)
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now)
  const secondary = error instanceof Error && /\bsecondary rate\b/i.test(error.message)
  const resetSeconds = Number(headers['x-ratelimit-reset'] || NaN)
  if (headers['x-ratelimit-remaining'] === '0' && !secondary && (retryAfterMs !== undefined || Number.isFinite(resetSeconds))) {
    const untilReset = Math.max(0, Math.ceil((resetSeconds * 1000 - now) / 1000) + 1)
    return { kind: 'rate limit', seconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : untilReset }
  }
  if (retryAfterMs === undefined && !secondary) return null
  return {
    kind: 'secondary rate limit',
    seconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : SECONDARY_LIMIT_FALLBACK_SECONDS
  }
}

function responseHeaders(error: unknown): Record<string, string | undefined> {
  if (typeof error !== 'object' || error === null || !('response' in error)) return {}
  const { response } = error
  if (typeof response !== 'object' || response === null || !('headers' in response)) return {}
  const { headers } = response
  if (typeof headers !== 'object' || headers === null) return {}
  // Only the text values: a header the code reads is a string or absent, whatever the answer held.
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The writes sent on one clock: one at a time, each started at least WRITE_GAP_MS after the one before. */
interface WriteLane {
  send<T>(write: () => Promise<T>, signal: AbortSignal | undefined): Promise<T>
}

/** Every Octokit of a run shares its clock, so they share one lane: GitHub counts writes per token, not per client. */
const lanes = new WeakMap<Clock, WriteLane>()

function writeLane(clock: Clock): WriteLane {
  const existing = lanes.get(clock)
  if (existing) return existing
  let tail: Promise<unknown> = Promise.resolve()
  let lastStart = -Infinity
  const lane: WriteLane = {
    send: <T>(write: () => Promise<T>, signal: AbortSignal | undefined) => {
      const before = tail
      const turn = (async () => {
        await (signal ? within(before, { signal }, () => Promise.reject(signal.reason)) : before)
        const wait = lastStart + WRITE_GAP_MS - clock.now()
        if (wait > 0) await clock.sleep(wait, signal)
        lastStart = clock.now()
        return write()
      })()
      // A write that gave up waiting still leaves the next one behind the writes before it.
      tail = Promise.allSettled([before, turn])
      return turn
    }
  }
  lanes.set(clock, lane)
  return lane
}
