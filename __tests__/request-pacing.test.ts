/**
 * How every GitHub request waits (src/github/request-pacing.ts), against the GitHub simulator over
 * loopback HTTP on a virtual clock: writes one at a time a second apart, a failed read sent again
 * after a back-off, a write marked SEND_ONCE never repeated, rate limits waited out or given up, and
 * every wait ended by the request's signal.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createOctokit } from '../src/github/octokit.js'
import { MAX_RATE_LIMIT_WAIT_SECONDS, WRITE_GAP_MS } from '../src/github/request-pacing.js'
import { SEND_ONCE } from '../src/github/write-once.js'
import type { Clock } from '../src/util/clock.js'
import { GitHubSimulator } from '../simulator/github/github-simulator.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const TOKEN = 'ghs_request-pacing-test-token'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const LIST = `/repos/octo-org/shop/commits/${SHA}/check-runs`
const CHECK_RUNS = '/repos/octo-org/shop/check-runs'
const repo = { owner: 'octo-org', repo: 'shop' }

let github: GitHubSimulator
beforeAll(async () => {
  github = await new GitHubSimulator({ token: TOKEN }).start()
})
afterEach(() => github.clearFaults())
afterAll(() => github.close())

/** An Octokit on `clock` (a new virtual one by default), its warnings kept in `warnings`. */
function client(clock: Clock = new VirtualClock()) {
  const warnings: string[] = []
  const octokit = createOctokit(TOKEN, github.apiUrl, (message) => warnings.push(message), clock)
  return { octokit, warnings, clock }
}

const listChecks = (octokit: ReturnType<typeof client>['octokit'], request: Record<string, unknown> = {}) =>
  octokit.rest.checks.listForRef({ ...repo, ref: SHA, request })
const createCheck = (octokit: ReturnType<typeof client>['octokit'], name: string, request: Record<string, unknown> = {}) =>
  octokit.rest.checks.create({ ...repo, name, head_sha: SHA, request })

/** How many requests the simulator has seen to `path` by `method` since `from`. */
const seen = (from: number, method: string, path: string) =>
  github.requests.slice(from).filter((r) => r.method === method && r.path === path).length

describe('writes', () => {
  it('go one at a time, each a second after the one before, on the clock', async () => {
    const { octokit, clock } = client()
    // The first answer is slow: a second write sent before it is answered would overlap it.
    github.fault({ method: 'POST', path: CHECK_RUNS, delayMs: 50, transform: (body) => body })
    let inFlight = 0
    let most = 0
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const started = clock.now()
    await Promise.all(['one', 'two', 'three'].map((name) => createCheck(octokit, name, { fetch: counting })))
    expect(most).toBe(1)
    expect(clock.now() - started).toBe(2 * WRITE_GAP_MS)
  })

  it('are paced across every client on the same clock, reads not at all', async () => {
    const clock = new VirtualClock()
    const a = client(clock)
    const b = client(clock)
    const started = clock.now()
    await Promise.all([createCheck(a.octokit, 'a'), createCheck(b.octokit, 'b'), listChecks(a.octokit), listChecks(b.octokit)])
    expect(clock.now() - started).toBe(WRITE_GAP_MS)
  })
})

describe('retries', () => {
  it('sends a read that failed with 502 again after a back-off on the clock', async () => {
    const { octokit, clock } = client()
    github.fault({ method: 'GET', path: LIST, status: 502, times: 2 })
    const from = github.requests.length
    const started = clock.now()
    const { status } = await listChecks(octokit)
    expect(status).toBe(200)
    expect(seen(from, 'GET', LIST)).toBe(3)
    // READ_RETRY: 250–500 ms after the first failure, 500–1000 ms after the second.
    expect(clock.now() - started).toBeGreaterThanOrEqual(750)
    expect(clock.now() - started).toBeLessThanOrEqual(1500)
  })

  it('never sends a create again on its own, nor a write marked SEND_ONCE', async () => {
    const { octokit } = client()
    github.fault({ method: 'POST', path: CHECK_RUNS, status: 502 })
    const from = github.requests.length
    await expect(createCheck(octokit, 'once', SEND_ONCE)).rejects.toMatchObject({ status: 502 })
    expect(seen(from, 'POST', CHECK_RUNS)).toBe(1)
    github.fault({ method: 'POST', path: CHECK_RUNS, status: 502 })
    await expect(createCheck(octokit, 'unmarked')).rejects.toMatchObject({ status: 502 })
    expect(seen(from, 'POST', CHECK_RUNS)).toBe(2)

    const { data } = await createCheck(octokit, 'to update')
    const path = `${CHECK_RUNS}/${data.id}`
    github.fault({ method: 'PATCH', path, status: 502 })
    const update = octokit.rest.checks.update({ ...repo, check_run_id: data.id, status: 'completed', request: SEND_ONCE })
    await expect(update).rejects.toMatchObject({ status: 502 })
    expect(seen(from, 'PATCH', path)).toBe(1)
  })

  it('does not send a read again when its answer says no (404)', async () => {
    const { octokit } = client()
    github.fault({ method: 'GET', path: LIST, status: 404, body: { message: 'Not Found' } })
    const from = github.requests.length
    await expect(listChecks(octokit)).rejects.toMatchObject({ status: 404 })
    expect(seen(from, 'GET', LIST)).toBe(1)
  })
})

describe('rate limits', () => {
  it('waits out a primary rate limit until after its reset, with a warning', async () => {
    const { octokit, warnings, clock } = client()
    const reset = String(clock.now() / 1000 + 9)
    github.fault({
      method: 'GET',
      path: LIST,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
    })
    const started = clock.now()
    expect((await listChecks(octokit)).status).toBe(200)
    expect(warnings).toEqual(['GitHub rate limit hit on GET /repos/{owner}/{repo}/commits/{ref}/check-runs; retrying in 10s.'])
    expect(clock.now() - started).toBe(10_000)
  })

  it('waits out a secondary rate limit for its retry-after, even for a write sent once', async () => {
    const { octokit, warnings, clock } = client()
    github.fault({
      method: 'POST',
      path: CHECK_RUNS,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '5' }
    })
    const from = github.requests.length
    const started = clock.now()
    expect((await createCheck(octokit, 'limited', SEND_ONCE)).status).toBe(201)
    expect(warnings).toEqual(['GitHub secondary rate limit hit on POST /repos/{owner}/{repo}/check-runs; retrying in 5s.'])
    expect(seen(from, 'POST', CHECK_RUNS)).toBe(2)
    // The second attempt is a write too: a second after the first, within the 5 s.
    expect(clock.now() - started).toBe(5000)
  })

  it(`gives up on a rate limit longer than ${MAX_RATE_LIMIT_WAIT_SECONDS} s at once, and after two waits`, async () => {
    const { octokit, warnings, clock } = client()
    const limited = { method: 'GET', path: LIST, status: 429, body: { message: 'You have exceeded a secondary rate limit.' } }
    github.fault({ ...limited, headers: { 'retry-after': String(MAX_RATE_LIMIT_WAIT_SECONDS + 1) } })
    const from = github.requests.length
    const started = clock.now()
    await expect(listChecks(octokit)).rejects.toMatchObject({ status: 429 })
    expect(seen(from, 'GET', LIST)).toBe(1)
    expect(warnings).toEqual([])
    expect(clock.now()).toBe(started)

    github.fault({ ...limited, headers: { 'retry-after': '1' }, times: 3 })
    await expect(listChecks(octokit)).rejects.toMatchObject({ status: 429 })
    expect(seen(from, 'GET', LIST)).toBe(4)
    expect(warnings).toHaveLength(2)
    expect(clock.now() - started).toBe(2000)
  })
})

describe('a signal', () => {
  it('ends a back-off at once when it aborts during it', async () => {
    const virtual = new VirtualClock()
    const controller = new AbortController()
    const waits: number[] = []
    // A back-off that would never end on its own: only the signal can end it.
    const endless: Clock = {
      now: virtual.now,
      sleep: (ms, signal) =>
        new Promise((_, reject) => {
          waits.push(ms)
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
          setImmediate(() => controller.abort(new Error('job cancelled')))
        })
    }
    const { octokit } = client(endless)
    github.fault({ method: 'GET', path: LIST, status: 502, times: 5 })
    const from = github.requests.length
    await expect(listChecks(octokit, { signal: controller.signal })).rejects.toThrow('job cancelled')
    expect(waits).toHaveLength(1)
    expect(seen(from, 'GET', LIST)).toBe(1)
  }, 2000)

  it('ends the wait of a write queued behind one that GitHub never answers', async () => {
    const { octokit } = client()
    github.fault({ method: 'POST', path: CHECK_RUNS, hang: true })
    const hung = new AbortController()
    const first = createCheck(octokit, 'hung', { signal: hung.signal }).catch((error: unknown) => error)
    const from = github.requests.length
    const second = createCheck(octokit, 'behind', { signal: AbortSignal.abort(new Error('job cancelled')) })
    await expect(second).rejects.toThrow('job cancelled')
    expect(seen(from, 'POST', CHECK_RUNS)).toBe(0)
    hung.abort()
    await first
  }, 2000)
})
