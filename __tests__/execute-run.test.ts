/**
 * Start, wait, retry and cancellation, tested directly on a virtual clock against the Autify
 * simulator over loopback HTTP: back-offs and run durations cost no real time.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { AutifyClient } from '../src/autify/client.js'
import { type RunHooks, executeRun } from '../src/autify/execute-run.js'
import { ScenarioNames } from '../src/autify/scenario-names.js'
import { TemporaryUrlReplacements } from '../src/autify/url-replacements.js'
import type { RunReport } from '../src/model.js'
import { historyText } from '../src/report/history-text.js'
import { verdictOf } from '../src/report/verdict.js'
import type { AutifyRunSettings } from '../src/settings/settings.js'
import { type Clock, Deadline, realClock } from '../src/util/clock.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import type { AutifyWorld } from '../simulator/autify/world.js'
import { VirtualClock } from '../simulator/virtual-clock.js'
import { waitFor } from './helpers/connect.js'
import { ManualClock } from './helpers/manual-clock.js'

const TOKEN = 'direct-test-token'
const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/

const WORLD: Partial<AutifyWorld> = {
  token: TOKEN,
  queueMs: 2000,
  waitingMs: 1000,
  defaultDurationMs: 20_000,
  scenarios: {
    1: { name: 'Sign in' },
    2: { name: 'Pay', outcomes: ['failed'] },
    3: { name: 'Flaky search', outcomes: ['failed', 'passed'] },
    4: { name: 'Long journey', durationMs: 3_600_000 },
    5: { name: 'New breakage', outcomes: ['passed', 'passed', 'failed'] },
    6: { name: 'Known breakage', outcomes: ['passed', 'failed', 'failed'] },
    7: { name: 'Wobbly', outcomes: ['failed', 'passed', 'failed'] },
    8: { name: 'Flaky after a pass', outcomes: ['passed', 'failed', 'passed'] }
  },
  testPlans: { 77: { name: 'Smoke', scenarioIds: [1], capabilities: [{ os: 'Linux', browser: 'Chrome' }] } }
}

interface Direct {
  sim: AutifySimulator
  clock: VirtualClock
  report: RunReport
  infos: string[]
  warnings: string[]
  /** Virtual time from the start to the end of executeRun. */
  elapsedMs: number
}

let sims: AutifySimulator[] = []
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()))
  sims = []
})

function settingsFor(overrides: Partial<AutifyRunSettings>): AutifyRunSettings {
  return {
    webUrl: 'https://app.autify.com',
    target: { kind: 'scenarios', projectId: 743, scenarioIds: [1] },
    capabilities: { kind: 'default' },
    executionType: null,
    executionName: null,
    autifyConnect: null,
    urlReplacements: [],
    wait: true,
    timeoutMs: 300_000,
    intervalMs: 10_000,
    maxRetryCount: 0,
    failOn: 'any',
    ...overrides
  }
}

async function simulator(prepare?: (sim: AutifySimulator) => void): Promise<{ sim: AutifySimulator; clock: VirtualClock }> {
  const clock = new VirtualClock()
  const sim = await new AutifySimulator(WORLD, { now: clock.now }).start()
  sims.push(sim)
  prepare?.(sim)
  return { sim, clock }
}

async function runDirect(
  overrides: Partial<AutifyRunSettings>,
  options: { prepare?: (sim: AutifySimulator) => void; signal?: AbortSignal; hooks?: Partial<RunHooks>; wall?: Clock } = {}
): Promise<Direct> {
  const wall = options.wall ?? realClock
  const { sim, clock } = await simulator(options.prepare)
  const settings = settingsFor(overrides)
  const signal = options.signal ?? new AbortController().signal
  const client = new AutifyClient({
    apiUrl: sim.apiUrl,
    accessToken: TOKEN,
    clock,
    wall,
    signal,
    deadline: Deadline.after(clock, settings.timeoutMs),
    random: () => 1
  })
  const infos: string[] = []
  const warnings: string[] = []
  const started = clock.now()
  try {
    const report = await executeRun(
      settings,
      { client, names: new ScenarioNames(client, 743), clock, wall, signal },
      { info: (m) => infos.push(m), warn: (m) => warnings.push(m), onStarted: () => undefined, ...options.hooks }
    )
    return { sim, clock, report, infos, warnings, elapsedMs: clock.now() - started }
  } finally {
    client.dispose()
  }
}

const reads = (sim: AutifySimulator) => sim.requests.filter((r) => r.method === 'GET' && RESULT_PATH.test(r.path))
const posts = (sim: AutifySimulator) => sim.requests.filter((r) => r.method === 'POST')

describe('the verdict', () => {
  it('passes a run whose test cases all passed', async () => {
    const { report } = await runDirect({})
    expect(report.outcome).toBe('passed')
    expect(report.counts).toMatchObject({ total: 1, passed: 1, failed: 0 })
    expect(verdictOf(report)).toBeNull()
  })

  it('fails a run with a failed test case, naming how many and the result', async () => {
    const { report } = await runDirect({ target: { kind: 'scenarios', projectId: 743, scenarioIds: [1, 2] } })
    expect(report.outcome).toBe('failed')
    expect(verdictOf(report)).toBe(`1 of 2 Autify test case results failed: ${report.resultUrl}`)
    expect(report.testCases.find((c) => c.scenarioId === 2)).toMatchObject({ scenarioName: 'Pay', status: 'failed' })
  })

  it('fails a run that timed out, was cancelled or stopped on an error, with its note', () => {
    const base = { outcome: 'timed-out', note: 'Timed out after 5m 00s', counts: { failed: 0, total: 1 }, resultUrl: 'u' }
    for (const outcome of ['timed-out', 'cancelled', 'error'] as const) {
      expect(verdictOf({ ...base, outcome } as unknown as RunReport)).toBe('Timed out after 5m 00s')
    }
    expect(verdictOf({ ...base, outcome: 'started' } as unknown as RunReport)).toBeNull()
  })
})

describe('waiting', () => {
  it('polls until the run ends and no later than about one interval after', async () => {
    const { sim, report, elapsedMs } = await runDirect({})
    const end = sim.endOf(report.resultId)!
    const last = reads(sim).at(-1)!
    expect(last.at).toBeGreaterThanOrEqual(end)
    expect(last.at - end).toBeLessThanOrEqual(10_000)
    expect(elapsedMs).toBeLessThan(60_000)
  })

  it('stops at the deadline: polls once exactly then, never after, and reports a timeout', async () => {
    const { sim, report, clock } = await runDirect({
      target: { kind: 'scenarios', projectId: 743, scenarioIds: [4] },
      timeoutMs: 125_000
    })
    expect(report.outcome).toBe('timed-out')
    expect(report.note).toMatch(/^Timed out after 2m 05s \('timeout' input\) before the run finished\. It keeps running in Autify: /)
    const started = posts(sim)[0].at
    const times = reads(sim).map((r) => r.at - started)
    expect(Math.max(...times)).toBe(125_000)
    expect(clock.now() - started).toBeLessThanOrEqual(125_000 + 2000)
    expect(verdictOf(report)).toBe(report.note)
  })

  it('retries reads that get 503, 408 or a dropped connection, and the run still passes', async () => {
    const { report, warnings, sim } = await runDirect(
      {},
      {
        prepare: (s) => {
          s.fault({ method: 'GET', path: RESULT_PATH, status: 503, times: 2 })
          s.fault({ method: 'GET', path: RESULT_PATH, status: 408 })
          s.fault({ method: 'GET', path: RESULT_PATH, reset: true })
        }
      }
    )
    expect(report.outcome).toBe('passed')
    expect(reads(sim).length).toBeGreaterThanOrEqual(5)
    expect(warnings.filter((w) => /Reading the result failed/.test(w))).toEqual([])
  })

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const { sim, report } = await runDirect(
      {},
      {
        prepare: (s) => {
          s.fault({ method: 'GET', path: RESULT_PATH, status: 429, headers: { 'Retry-After': '7' } })
          s.fault({ method: 'GET', path: RESULT_PATH, status: 503, headers: { 'Retry-After': 'Tue, 24 Nov 2026 09:01:00 GMT' } })
        }
      }
    )
    expect(report.outcome).toBe('passed')
    const [first, second, third] = reads(sim)
    expect(second.at - first.at).toBeGreaterThanOrEqual(7000)
    expect(third.at).toBeGreaterThanOrEqual(Date.parse('2026-11-24T09:01:00Z'))
  })

  it('does not wait for a Retry-After beyond the timeout', async () => {
    const { report, elapsedMs } = await runDirect(
      { timeoutMs: 30_000 },
      { prepare: (s) => s.fault({ method: 'GET', path: RESULT_PATH, status: 429, headers: { 'Retry-After': '600' }, times: 100 }) }
    )
    expect(report.outcome).not.toBe('passed')
    expect(elapsedMs).toBeLessThanOrEqual(30_000 + 2000)
  })

  it('ends on an error that persists: three failed polls in a row, with the message and the result link', async () => {
    const { report, warnings } = await runDirect(
      {},
      {
        prepare: (s) =>
          s.fault({ method: 'GET', path: RESULT_PATH, status: 500, body: '<html><body>Internal Server Error</body></html>', times: 100 })
      }
    )
    expect(report.outcome).toBe('error')
    expect(warnings[0]).toMatch(/still waiting \(failure 1 in a row; waiting ends after 3\)/)
    expect(report.note).toMatch(
      /^Waiting stopped on an error: Autify had a server error while trying to read result \d+ \(tried 5 times\) \(HTTP 500 on GET /
    )
    expect(report.note).toContain(`The run may still be going in Autify: ${report.resultUrl}`)
  })

  it.each([401, 403])('ends at once when a poll gets %i: a rejected token is not waited out', async (status) => {
    const { sim, report, warnings } = await runDirect(
      {},
      { prepare: (s) => s.fault({ method: 'GET', path: RESULT_PATH, status, body: { errors: [{ message: 'no' }] }, times: 100 }) }
    )
    expect(report.outcome).toBe('error')
    expect(reads(sim)).toHaveLength(1)
    expect(warnings.filter((w) => /still waiting/.test(w))).toEqual([])
  })

  it('goes on after a failed poll or two, saying so, and the run still passes', async () => {
    const { report, warnings } = await runDirect(
      {},
      { prepare: (s) => s.fault({ method: 'GET', path: RESULT_PATH, status: 500, body: 'down', times: 10 }) }
    )
    expect(report.outcome).toBe('passed')
    const still = warnings.filter((w) => /still waiting/.test(w))
    expect(still).toHaveLength(2)
    expect(still[0]).toMatch(/^Reading the result failed \(.+\); still waiting \(failure 1 in a row; waiting ends after 3\)\.$/)
    expect(still[1]).toContain('failure 2 in a row')
  })

  it('takes a terminal status without finished_at as the end, without waiting to the timeout', async () => {
    const { report, elapsedMs } = await runDirect(
      {},
      {
        prepare: (s) =>
          s.fault({
            method: 'GET',
            path: RESULT_PATH,
            times: 1000,
            transform: (body) => ({ ...(body as object), finished_at: null })
          })
      }
    )
    expect(report.outcome).toBe('passed')
    expect(elapsedMs).toBeLessThan(60_000)
  })

  it('stops at once when the job is cancelled, with what is known marked cancelled', async () => {
    const controller = new AbortController()
    const { sim, report } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [4] } },
      { signal: controller.signal, hooks: { onProgress: () => controller.abort(new Error('cancelled')) } }
    )
    expect(report.outcome).toBe('cancelled')
    expect(reads(sim)).toHaveLength(1)
  })
})

describe('starting', () => {
  it('retries a start that got 429: Autify cannot have started anything', async () => {
    const { sim, report } = await runDirect({}, { prepare: (s) => s.fault({ method: 'POST', path: /execute_scenarios$/, status: 429 }) })
    expect(report.outcome).toBe('passed')
    expect(posts(sim)).toHaveLength(2)
    expect(sim.runs).toHaveLength(1)
  })

  it('does not retry a start that got a 5xx after Autify acted, and says a run may exist', async () => {
    const error = await runDirect(
      {},
      { prepare: (s) => s.fault({ method: 'POST', path: /execute_scenarios$/, status: 502, afterHandling: true }) }
    ).catch((e: Error) => e)
    expect((error as Error).message).toMatch(/a run may have started anyway: it was not retried/)
  })

  it('retries a start whose connection was refused before anything was sent', async () => {
    const clock = new VirtualClock()
    const client = new AutifyClient({ apiUrl: 'http://127.0.0.1:9/api/v1/', accessToken: TOKEN, clock, wall: realClock, random: () => 1 })
    const started = clock.now()
    const error = await client.executeScenarios(743, { scenarios: [{ id: 1 }], capabilities: [{}] }).catch((e: Error) => e)
    expect((error as Error).message).toMatch(/^Could not reach Autify to start scenario 1 \(tried 4 times\)/)
    expect(clock.now() - started).toBe(1000 + 2000 + 4000)
  })

  it('deletes the URL replacements after the start; a failed delete is a warning naming it', async () => {
    const { sim, report, warnings } = await runDirect(
      {
        target: { kind: 'test-plan', projectId: 743, testPlanId: 77 },
        urlReplacements: [{ patternUrl: 'https://shop.example', replacementUrl: 'https://pr-1.shop.example' }]
      },
      { prepare: (s) => s.fault({ method: 'DELETE', path: /url_replacements\/\d+$/, status: 500, times: 100 }) }
    )
    expect(report.outcome).toBe('passed')
    expect(sim.replacementEvents.map((e) => e.action)).toEqual(['created'])
    expect(warnings.join('\n')).toMatch(/^Could not delete temporary URL replacement \d+ from test plan 77: .* \(tried 5 times\)/m)
  })
})

describe('temporary URL replacements', () => {
  const shop = { patternUrl: 'https://shop.example', replacementUrl: 'https://pr-1.shop.example' }
  const REPLACEMENTS = /url_replacements$/

  async function replacementsOn(prepare?: (sim: AutifySimulator) => void) {
    const { sim, clock } = await simulator(prepare)
    const client = new AutifyClient({
      apiUrl: sim.apiUrl,
      accessToken: TOKEN,
      clock,
      wall: realClock,
      signal: new AbortController().signal,
      deadline: Deadline.after(clock, 300_000),
      random: () => 1
    })
    return { sim, client }
  }

  /** Runs `test` against a fresh simulator and client, and disposes of the client however it ends. */
  async function onReplacements(test: (sim: AutifySimulator, client: AutifyClient) => Promise<void>) {
    const { sim, client } = await replacementsOn()
    try {
      await test(sim, client)
    } finally {
      client.dispose()
    }
  }

  it('finds a replacement whose create failed after Autify made it, and deletes each one it made, not the others', async () => {
    await onReplacements(async (sim, client) => {
      const someoneElse = new TemporaryUrlReplacements(client, 77)
      await someoneElse.add([{ patternUrl: 'https://other.example', replacementUrl: 'https://pr-1.shop.example' }])
      const replacements = new TemporaryUrlReplacements(client, 77)
      await replacements.add([shop])
      sim.fault({ method: 'POST', path: REPLACEMENTS, status: 500, afterHandling: true })
      const second = { patternUrl: 'https://b.example', replacementUrl: shop.replacementUrl }
      await expect(replacements.add([second, { patternUrl: 'https://c.example', replacementUrl: 'x' }])).rejects.toThrow()
      expect(replacements.count).toBe(2)
      expect(await replacements.release()).toEqual([])
      expect(sim.replacementsOf(77).map((r) => r.pattern_url)).toEqual(['https://other.example'])
    })
  })

  it('never adopts a replacement of the same pattern to another address: it is the plan’s own', async () => {
    await onReplacements(async (sim, client) => {
      const elsewhere = { patternUrl: shop.patternUrl, replacementUrl: 'https://elsewhere.example' }
      await new TemporaryUrlReplacements(client, 77).add([elsewhere])
      const replacements = new TemporaryUrlReplacements(client, 77)
      await expect(replacements.add([shop])).rejects.toThrow(/already been taken/)
      expect(replacements.count).toBe(0)
      expect(await replacements.release()).toEqual([])
      expect(sim.replacementsOf(77).map((r) => r.replacement_url)).toEqual([elsewhere.replacementUrl])
    })
  })

  it('keeps the create’s error when the list cannot be read either', async () => {
    await onReplacements(async (sim, client) => {
      const replacements = new TemporaryUrlReplacements(client, 77)
      sim.fault({ method: 'POST', path: REPLACEMENTS, status: 500, afterHandling: true })
      sim.fault({ method: 'GET', path: REPLACEMENTS, status: 404, times: 10 })
      await expect(replacements.add([shop])).rejects.toThrow(/add a URL replacement to test plan 77/)
      expect(replacements.count).toBe(0)
    })
  })

  it('names each replacement it could not delete, and where to delete it by hand', async () => {
    await onReplacements(async (sim, client) => {
      const replacements = new TemporaryUrlReplacements(client, 77)
      await replacements.add([shop, { ...shop, patternUrl: 'https://b.example' }])
      const [first, second] = sim.replacementsOf(77)
      sim.fault({ method: 'DELETE', path: new RegExp(`url_replacements/${second.id}$`), status: 500, times: 10 })
      const warnings = await replacements.release()
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(
        new RegExp(
          `^Could not delete temporary URL replacement ${second.id} from test plan 77: .+ Delete it in Autify \\(test plan settings → URL replacements\\), or it applies to every later run of the plan\\.$`
        )
      )
      expect(sim.replacementsOf(77).map((r) => r.id)).toEqual([second.id])
      expect(first.id).not.toBe(second.id)
    })
  })
})

describe('retrying what did not pass', () => {
  it('re-runs only the failed test cases, on their capability, and counts them flaky when they pass', async () => {
    const { sim, report, infos } = await runDirect({
      target: { kind: 'scenarios', projectId: 743, scenarioIds: [1, 3] },
      maxRetryCount: 2
    })
    const [, retry] = posts(sim)
    expect(posts(sim)).toHaveLength(2)
    expect((retry.body as { scenarios: { id: number }[] }).scenarios).toEqual([{ id: 3 }])
    expect(report.outcome).toBe('passed')
    expect(report.counts).toMatchObject({ total: 2, passed: 2, flaky: 1 })
    expect(report.attempts).toHaveLength(2)
    expect(infos.join('\n')).toContain('Retry 1 of 2: re-running 1 test case that did not pass')
  })

  it('stops retrying at max-retry-count and fails with what still fails', async () => {
    const { sim, report } = await runDirect({ target: { kind: 'scenarios', projectId: 743, scenarioIds: [1, 2] }, maxRetryCount: 2 })
    expect(posts(sim)).toHaveLength(3)
    for (const retry of posts(sim).slice(1)) expect((retry.body as { scenarios: { id: number }[] }).scenarios).toEqual([{ id: 2 }])
    expect(report.outcome).toBe('failed')
    expect(report.note).toBe('1 test case still failing after 2 retries.')
  })
})

describe('failure history and credits', () => {
  const seeded = (sim: AutifySimulator) => sim.seedScenarioRuns([5, 6, 7], 2)

  it('tells a new failure from a known one and an unstable one, from the same tests in earlier runs', async () => {
    const { report } = await runDirect({ target: { kind: 'scenarios', projectId: 743, scenarioIds: [5, 6, 7] } }, { prepare: seeded })
    const byName = Object.fromEntries(report.testCases.map((c) => [c.scenarioName, c.history]))
    expect(byName['New breakage']).toMatchObject({ kind: 'new', runs: 2, failures: 0 })
    expect(byName['Known breakage']).toMatchObject({ kind: 'still-failing', runs: 2, failures: 1, streak: 1 })
    expect(byName['Known breakage']?.since?.url).toMatch(/\/results\/\d+\/capabilities\/\d+\/scenarios\/\d+$/)
    expect(byName['Wobbly']).toMatchObject({ kind: 'unstable', runs: 2, failures: 1 })
    expect(report.history).toEqual({ runs: 2, baseline: null, fallback: 'no base commit to compare with' })
    expect(verdictOf(report)).toBe(`3 of 3 Autify test case results failed: ${report.resultUrl}`)
  })

  it('with fail-on: new, passes a run whose only failures are known, and fails on a new one', async () => {
    const known = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [6, 7] }, failOn: 'new' },
      { prepare: (s) => s.seedScenarioRuns([6, 7], 2) }
    )
    expect(known.report.outcome).toBe('failed')
    expect(verdictOf(known.report)).toBeNull()
    const fresh = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [5, 6, 7] }, failOn: 'new' },
      { prepare: seeded }
    )
    expect(verdictOf(fresh.report)).toBe(`1 new of 3 failed Autify test case results (fail-on: new): ${fresh.report.resultUrl}`)
  })

  it('says the history is unavailable when it cannot be read, and fail-on: new then fails on every failure, saying so', async () => {
    const { report, warnings } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [6, 7] }, failOn: 'new' },
      {
        prepare: (s) => {
          s.seedScenarioRuns([6, 7], 2)
          s.fault({ method: 'GET', path: '/api/v1/projects/743/results', status: 500, times: 100 })
        }
      }
    )
    expect(report.history).toMatchObject({ runs: 0, unavailable: expect.stringContaining('the results list could not be read') })
    expect(report.testCases.every((c) => !c.history)).toBe(true)
    expect(verdictOf(report)).toBe(
      `2 new of 2 failed Autify test case results (fail-on: new): ${report.resultUrl} The failure history was unavailable, so every failure counts as new.`
    )
    expect(warnings.join('\n')).toMatch(
      /Failure history unavailable \(the results list could not be read .*\): every failure counts as new, and fails the step \(fail-on: new\)\./
    )
  })

  it('counts every failure as new when there is no earlier run', async () => {
    const { report } = await runDirect({ target: { kind: 'scenarios', projectId: 743, scenarioIds: [2] }, failOn: 'new' })
    expect(report.testCases[0].history).toMatchObject({ kind: 'new', runs: 0 })
    expect(verdictOf(report)).not.toBeNull()
  })

  it('reads no failure history for a clean pass: only the first look at the list, for the duration history', async () => {
    const { sim, report } = await runDirect({}, { prepare: (s) => s.seedScenarioRuns([1], 3) })
    expect(report.history).toBeNull()
    expect(sim.requests.filter((r) => r.path === '/api/v1/projects/743/results')).toHaveLength(1)
    // The first look reads the latest scenario run: it ran the same scenarios, so no other is read.
    const earlier = sim.requests.filter((r) => RESULT_PATH.test(r.path) && !r.path.endsWith(`/${report.resultId}`))
    expect(earlier).toHaveLength(1)
  })

  it('reads the list and each earlier result once, for the prediction and the failure history alike', async () => {
    const { sim, report } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [5, 6, 7] } },
      { prepare: (s) => s.seedScenarioRuns([5, 6, 7], 3) }
    )
    expect(report.history).toEqual({ runs: 3, baseline: null, fallback: 'no base commit to compare with' })
    expect(sim.requests.filter((r) => r.path === '/api/v1/projects/743/results')).toHaveLength(1)
    const earlier = sim.requests.filter((r) => RESULT_PATH.test(r.path) && !r.path.endsWith(`/${report.resultId}`)).map((r) => r.path)
    expect(earlier).toHaveLength(3)
    expect(new Set(earlier).size).toBe(3)
  })

  it('gives a failure its history before the progress update that first shows it', async () => {
    const seen: RunReport['testCases'][] = []
    const { report } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [5, 6, 7] } },
      { prepare: seeded, hooks: { onProgress: (_, finished) => seen.push(finished) } }
    )
    const failures = seen.flat().filter((c) => c.status === 'failed')
    expect(failures.length).toBeGreaterThan(0)
    for (const failure of failures) expect(failure.history).toMatchObject({ runs: 2 })
    expect(report.history).toEqual({ runs: 2, baseline: null, fallback: 'no base commit to compare with' })
  })

  it('calls a flaky pass flaky, with its history, never a new failure', async () => {
    const { report } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [8] }, maxRetryCount: 1 },
      { prepare: (s) => s.seedScenarioRuns([8], 1) }
    )
    const [flaky] = report.testCases
    expect(flaky).toMatchObject({ status: 'passed', flaky: true })
    expect(flaky.history).toMatchObject({ kind: 'flaky', runs: 1, failures: 0 })
    expect(historyText(flaky.history!)).toBe('flaky: passed on a retry; passed in the last run')
  })

  it('does not let a silent results list hold up the reads of the result for more than 5 s', async () => {
    const LIST = '/api/v1/projects/743/results'
    // Real time, moved by hand: the list's request is given up at 5 s, not at a request's usual 30 s.
    const wall = new ManualClock()
    let sim: AutifySimulator | undefined
    const running = runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [1] } },
      {
        wall,
        prepare: (s) => {
          sim = s
          s.fault({ method: 'GET', path: LIST, hang: true, times: 10 })
        }
      }
    )
    await waitFor(() => sim?.requests.some((r) => r.path === LIST) ?? false)
    await wall.advance(4999)
    expect(reads(sim!)).toEqual([])
    await wall.advance(1)
    await waitFor(() => reads(sim!).length > 0)
    expect((await running).report.outcome).toBe('passed')
  })

  it('predicts the end of a scenario run from earlier runs of the same scenarios, and sees it within a second', async () => {
    const { sim, report } = await runDirect(
      { target: { kind: 'scenarios', projectId: 743, scenarioIds: [1] }, intervalMs: 30_000 },
      { prepare: (s) => s.seedScenarioRuns([1], 3) }
    )
    const seenAt = reads(sim).at(-1)!.at
    expect(seenAt - sim.endOf(report.resultId)!).toBeLessThan(1000)
    expect(reads(sim).filter((r) => r.path.endsWith(`/${report.resultId}`)).length).toBeLessThanOrEqual(3)
  })

  it('sums credits per attempt, and what re-running everything would have cost', async () => {
    const { report } = await runDirect({ target: { kind: 'scenarios', projectId: 743, scenarioIds: [1, 3] }, maxRetryCount: 1 })
    // The simulator charges a credit per finished test case result; a retry re-runs only scenario 3.
    expect(report.credits).toEqual({ total: 3, perAttempt: [2, 1], rerunEverything: 4 })
  })
})
