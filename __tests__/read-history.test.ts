/**
 * EarlierRuns, directly: which earlier runs it reads from the Autify simulator over loopback, how
 * often, and what it learns from them (the predicted end, the failure history). The reads it starts
 * in the background are awaited through the client, so nothing here sleeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/autify/api-types.js'
import { AutifyClient } from '../src/autify/client.js'
import { NO_HISTORY } from '../src/autify/estimate.js'
import { EarlierRuns } from '../src/autify/read-history.js'
import { capabilityInfo } from '../src/autify/test-cases.js'
import type { RunTarget } from '../src/settings/settings.js'
import { Deadline, realClock } from '../src/util/clock.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import type { AutifyWorld } from '../simulator/autify/world.js'
import { testCase } from '../simulator/sample-reports.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const TOKEN = 'read-history-token'
const PROJECT = 743
const PLAN = 77
const LIST_PATH = `/api/v1/projects/${PROJECT}/results`
const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/(\d+)$/
const LINUX_CHROME = { os: 'Linux', browser: 'Chrome' }

// Queuing and waiting take 2 s, so a run's total is 2 s plus its longest scenario (they run in parallel).
const WORLD: Partial<AutifyWorld> = {
  token: TOKEN,
  queueMs: 1000,
  waitingMs: 1000,
  durationJitter: 0,
  parallelism: 4,
  scenarios: {
    1: { name: 'One', durationMs: 10_000 },
    2: { name: 'Two', durationMs: 20_000, outcomes: ['failed', 'passed'] },
    3: { name: 'Three', durationMs: 40_000 },
    12: { name: 'Twelve', durationMs: 80_000 }
  },
  testPlans: { [PLAN]: { name: 'Plan', scenarioIds: [1, 2], capabilities: [LINUX_CHROME] } }
}

/** The real client, watched: `idle()` resolves once every read it was asked for has ended. */
class WatchedClient extends AutifyClient {
  private readonly inFlight = new Set<Promise<unknown>>()

  override listResults(...args: Parameters<AutifyClient['listResults']>): Promise<ApiResult[]> {
    return this.watch(super.listResults(...args))
  }

  override describeResult(...args: Parameters<AutifyClient['describeResult']>): Promise<ApiResult> {
    return this.watch(super.describeResult(...args))
  }

  async idle(): Promise<void> {
    do {
      await Promise.allSettled([...this.inFlight])
      // What a finished read leads to (the next read) is started before the next turn of the loop.
      await new Promise((resolve) => setImmediate(resolve))
    } while (this.inFlight.size > 0)
  }

  private watch<T>(read: Promise<T>): Promise<T> {
    this.inFlight.add(read)
    read.then(
      () => this.inFlight.delete(read),
      () => this.inFlight.delete(read)
    )
    return read
  }
}

let sim: AutifySimulator
let clock: VirtualClock
let client: WatchedClient
let seen = 0

beforeAll(async () => {
  clock = new VirtualClock()
  sim = await new AutifySimulator(WORLD, { now: clock.now }).start()
  client = new WatchedClient({
    apiUrl: sim.apiUrl,
    accessToken: TOKEN,
    clock,
    wall: realClock,
    deadline: Deadline.after(clock, 3_600_000),
    random: () => 1
  })
})

afterAll(async () => {
  client.dispose()
  await sim.close()
})

beforeEach(async () => {
  await client.idle()
  sim.runs.length = 0
  sim.clearFaults()
  seen = sim.requests.length
})

/** GET requests since the test began. */
const gets = () => sim.requests.slice(seen).filter((r) => r.method === 'GET')
const listReads = () => gets().filter((r) => r.path === LIST_PATH)
/** The IDs of the results read one by one, in order. */
const resultReads = () =>
  gets()
    .flatMap((r) => RESULT_PATH.exec(r.path)?.[1] ?? [])
    .map(Number)
/** IDs of the runs seeded last, newest first (runs seeded together share their day: the later ID is the newer). */
const newest = (count: number) =>
  sim.runs
    .slice(-count)
    .map((r) => r.id)
    .reverse()
const seedScenarioRun = (scenarioIds: number[]) => {
  sim.seedScenarioRuns(scenarioIds, 1)
  return sim.runs.at(-1)!.id
}

const scenarios = (scenarioIds: number[]): RunTarget => ({ kind: 'scenarios', projectId: PROJECT, scenarioIds })
const testPlan: RunTarget = { kind: 'test-plan', projectId: PROJECT, testPlanId: PLAN }
const startScenarios = (scenarioIds: number[]) =>
  client.executeScenarios(PROJECT, { scenarios: scenarioIds.map((id) => ({ id })), capabilities: [LINUX_CHROME] })
const startPlan = () => client.executeSchedule(PROJECT, PLAN, {})
const earlierRuns = (target: RunTarget, resultId: number) => new EarlierRuns(client, target, resultId, (id) => `https://results/${id}`)
const durations = (history: EarlierRuns) => [...history.current.testCaseMs.values()].sort((a, b) => a - b)
/** The test (scenario on Linux · Chrome) as the report names it. */
const linuxChrome = (scenarioId: number) =>
  testCase({ scenarioId, capability: capabilityInfo(sim.runs[0].capabilityResults[0].capability) })

describe('a test plan', () => {
  it("reads the plan's own list once, predicts its total, and gives this run's entry, not the newest's", async () => {
    sim.seedHistory(PLAN, 3)
    const resultId = await startPlan()
    await startPlan()
    await startScenarios([3])
    const history = earlierRuns(testPlan, resultId)

    const entry = await history.firstLook()
    await client.idle()

    expect(entry).toMatchObject({ id: resultId, status: 'queuing' })
    expect(listReads()).toHaveLength(1)
    expect(Object.fromEntries(listReads()[0].query)).toEqual({ per_page: '20', test_plan_id: String(PLAN) })
    expect(history.current.totalMs).toBe(22_000)
    // One test case result each is all a prediction needs until the run shows several.
    expect(history.current.testCaseMs.size).toBe(0)
    expect(resultReads()).toEqual([])
  })

  it('reads the newest earlier run once for test-case durations, only once they are wanted', async () => {
    sim.seedHistory(PLAN, 3)
    const [latest] = newest(1)
    const history = earlierRuns(testPlan, await startPlan())
    await history.firstLook()
    await client.idle()
    expect(resultReads()).toEqual([])

    history.wantTestCaseDurations()
    history.wantTestCaseDurations()
    await client.idle()
    expect(resultReads()).toEqual([latest])
    expect(durations(history)).toEqual([10_000, 20_000])
    expect(history.current.totalMs).toBe(22_000)

    const learned = history.current
    history.wantTestCaseDurations()
    await client.idle()
    expect(history.current).toBe(learned)
    expect(resultReads()).toEqual([latest])
  })

  it('waits for the first look before reading test-case durations wanted earlier', async () => {
    sim.seedHistory(PLAN, 2)
    const [latest] = newest(1)
    const history = earlierRuns(testPlan, await startPlan())
    history.wantTestCaseDurations()
    await client.idle()
    expect(resultReads()).toEqual([])
    await history.firstLook()
    await client.idle()
    expect(resultReads()).toEqual([latest])
    expect(durations(history)).toEqual([10_000, 20_000])
  })

  it('makes the failure history of its latest five finished runs, each read once', async () => {
    sim.seedHistory(PLAN, 7, { outcomes: true })
    const five = newest(5)
    const history = earlierRuns(testPlan, await startPlan())
    await history.firstLook()
    history.wantTestCaseDurations()

    const failures = await history.failureHistory()

    expect(failures.runs).toBe(5)
    expect(resultReads().sort()).toEqual([...five].sort())
    expect(listReads()).toHaveLength(1)
    expect(failures.outcomesOf(linuxChrome(1)).map((o) => o.resultId)).toEqual(five)
    expect(failures.outcomesOf(linuxChrome(2)).map((o) => o.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed'])
    expect(failures.outcomesOf(linuxChrome(3))).toEqual([])
    expect(await history.failureHistory()).toBe(failures)
  })
})

describe('scenarios', () => {
  it('lists 100 of every result, leaves test-plan runs out, and predicts from the newest run of the same scenarios in any order', async () => {
    const same = seedScenarioRun([1, 2])
    sim.seedHistory(PLAN, 1)
    const other = seedScenarioRun([3])
    const resultId = await startScenarios([2, 1])
    const history = earlierRuns(scenarios([2, 1]), resultId)

    expect(await history.firstLook()).toMatchObject({ id: resultId, status: 'queuing' })
    await client.idle()

    expect(Object.fromEntries(listReads()[0].query)).toEqual({ per_page: '100' })
    // Newest first, one at a time, until one ran the same scenarios; the test plan's run in between is not one.
    expect(resultReads()).toEqual([other, same])
    expect(history.current.totalMs).toBe(22_000)
    expect(durations(history)).toEqual([10_000, 20_000])
  })

  it('gives a run of one test case its total only', async () => {
    seedScenarioRun([1])
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))
    await history.firstLook()
    await client.idle()
    expect(history.current.totalMs).toBe(12_000)
    expect(history.current.testCaseMs.size).toBe(0)
  })

  it('looks back two runs at most for the same scenarios, and tells [1, 2] from [12]', async () => {
    seedScenarioRun([1, 2])
    const older = seedScenarioRun([3])
    const latest = seedScenarioRun([12])
    const history = earlierRuns(scenarios([1, 2]), await startScenarios([1, 2]))
    await history.firstLook()
    await client.idle()
    expect(resultReads()).toEqual([latest, older])
    expect(history.current).toEqual(NO_HISTORY)
  })

  it('makes the failure history of the latest eight scenario runs, never of test-plan runs', async () => {
    sim.seedScenarioRuns([1], 10)
    const eight = newest(8)
    sim.seedHistory(PLAN, 2)
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))

    const failures = await history.failureHistory()

    expect(failures.runs).toBe(8)
    expect(resultReads().sort()).toEqual([...eight].sort())
    expect(failures.outcomesOf(linuxChrome(1)).map((o) => o.resultId)).toEqual(eight)
  })

  it('leaves out an earlier result that cannot be read', async () => {
    sim.seedScenarioRuns([1], 3)
    const [, lost] = newest(3)
    sim.fault({ method: 'GET', path: `projects/${PROJECT}/results/${lost}`, status: 404, times: 10 })
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))

    const failures = await history.failureHistory()

    expect(failures.runs).toBe(2)
    expect(failures.outcomesOf(linuxChrome(1)).map((o) => o.resultId)).not.toContain(lost)
  })

  it('has no history, and no error, when nothing ran before', async () => {
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))
    const failures = await history.failureHistory()
    expect(failures.runs).toBe(0)
    expect(failures.outcomesOf(linuxChrome(1))).toEqual([])
  })
})

describe('when reads fail', () => {
  it('gives no first look when the list fails, and reads the list again for the failure history', async () => {
    sim.seedScenarioRuns([1], 2)
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))
    sim.fault({ method: 'GET', path: LIST_PATH, status: 500 })

    expect(await history.firstLook()).toBeNull()
    expect((await history.failureHistory()).runs).toBe(2)
    expect(listReads()).toHaveLength(2)
  })

  it('says why the list could not be read, with the error as its cause', async () => {
    sim.fault({ method: 'GET', path: LIST_PATH, status: 404, times: 10 })
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))

    const error = (await history.failureHistory().catch((e: unknown) => e)) as Error
    const cause = error.cause as Error

    expect(cause).toBeInstanceOf(Error)
    expect(cause.message).toContain(`project ${PROJECT}`)
    expect(error.message).toBe(`the results list could not be read (${cause.message})`)
  })

  it('says how many earlier results it tried when none could be read', async () => {
    sim.seedScenarioRuns([1], 3)
    const history = earlierRuns(scenarios([1]), await startScenarios([1]))
    sim.fault({ method: 'GET', path: RESULT_PATH, status: 404, times: 10 })

    await expect(history.failureHistory()).rejects.toThrow(/^none of the 3 earlier results could be read$/)
    expect(resultReads()).toHaveLength(3)
  })
})

describe("the base branch's runs as the failure history", () => {
  const BASE = 'b'.repeat(40)

  it('reads each base run and its retries once, and reads no list when they can be read', async () => {
    const first = seedScenarioRun([2])
    const retry = seedScenarioRun([2])
    const other = seedScenarioRun([1])
    const resultId = await startScenarios([1, 2])
    const history = earlierRuns(scenarios([1, 2]), resultId)
    const failures = await history.failureHistory(async () => ({
      ref: 'main',
      sha: BASE,
      runs: [
        { sha: BASE, resultIds: [first, retry] },
        { sha: BASE, resultIds: [other] }
      ]
    }))
    expect(failures).toMatchObject({ runs: 2, baseline: { ref: 'main', sha: BASE, resultIds: [first, other] } })
    expect(failures.fallback).toBeUndefined()
    // Scenario 2 failed on the first attempt and passed on its retry: the run passed it.
    expect(failures.outcomesOf(linuxChrome(2))).toEqual([expect.objectContaining({ resultId: first, status: 'passed', sha: BASE })])
    expect(failures.outcomesOf(linuxChrome(1))).toEqual([expect.objectContaining({ resultId: other, status: 'passed' })])
    expect(listReads()).toHaveLength(0)
    expect(resultReads().sort()).toEqual([first, retry, other].sort())
  })

  it('falls back to the latest runs in Autify, saying why, when there is no base run or none of its results can be read', async () => {
    seedScenarioRun([1])
    const resultId = await startScenarios([1])
    const missing = await earlierRuns(scenarios([1]), resultId).failureHistory(async () => ({ missing: 'no run on main' }))
    expect(missing).toMatchObject({ runs: 1, baseline: null, fallback: 'no run on main' })
    const unreadable = await earlierRuns(scenarios([1]), resultId).failureHistory(async () => ({
      ref: 'main',
      sha: BASE,
      runs: [{ sha: BASE, resultIds: [999_999_999] }]
    }))
    expect(unreadable).toMatchObject({
      runs: 1,
      baseline: null,
      fallback: "the Autify results of the base branch's runs could not be read"
    })
    const thrown = await earlierRuns(scenarios([1]), resultId).failureHistory(() => Promise.reject(new Error('boom')))
    expect(thrown).toMatchObject({ baseline: null, fallback: 'boom' })
  })
})
