import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { USER_AGENT } from '../version.js'

export type Octokit = ReturnType<typeof getOctokit>

/** Retries of rate-limited requests never wait longer than this. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 20

/**
 * Octokit for the Checks and Issues APIs: retries 5xx (plugin-retry) and waits out rate limits
 * (plugin-throttling). A write that creates something or appends annotations opts out of the
 * retries (`SEND_ONCE` in write-once.ts): a create answered 502 may have been applied.
 */
export function createOctokit(token: string, apiUrl: string, warn: (message: string) => void): Octokit {
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _: unknown, retryCount: number) => {
    if (retryCount >= 2 || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) return false
    warn(`GitHub ${kind} hit on ${options.method} ${options.url}; retrying in ${retryAfter}s.`)
    return true
  }
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      userAgent: USER_AGENT,
      retry: { retries: 3 },
      throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') }
    },
    retry,
    throttling
  )
}
