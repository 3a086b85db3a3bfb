import { getOctokit } from '@actions/github'
import type { Clock } from '../util/clock.js'
import { USER_AGENT } from '../version.js'
import { pacedRequests } from './request-pacing.js'

export type Octokit = ReturnType<typeof getOctokit>

/**
 * Octokit for the Checks and Issues APIs, its waits on `clock` (request-pacing.ts): writes paced,
 * 5xx retried, rate limits waited out (with a warning). A write that creates something or appends
 * annotations is never sent again on its own (`SEND_ONCE` in write-once.ts): a create answered 502
 * may have been applied.
 */
export function createOctokit(token: string, apiUrl: string, warn: (message: string) => void, clock: Clock): Octokit {
  const octokit = getOctokit(token, { baseUrl: apiUrl, userAgent: USER_AGENT })
  octokit.hook.wrap('request', pacedRequests({ clock, warn }))
  return octokit
}
