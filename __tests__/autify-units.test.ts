import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { realClock } from '../src/util/clock.js'
import { pickCapability } from '../src/autify/capabilities.js'
import { AutifyClient } from '../src/autify/client.js'
import { combinedStatus } from '../src/autify/run-report.js'
import { PollSchedule } from '../src/autify/poll-schedule.js'
import { ScenarioNames } from '../src/autify/scenario-names.js'
import { capabilityInfo, mergeRetry, testCaseKeys } from '../src/autify/test-cases.js'
import { serverMessage } from '../src/autify/errors.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { RECORDED_CAPABILITIES } from '../simulator/autify/recorded-capabilities.js'
import { testCase } from '../simulator/sample-reports.js'

describe('pickCapability (as the Autify CLI matches)', () => {
  it('finds exactly one', () => {
    expect(pickCapability(RECORDED_CAPABILITIES, { os: 'Linux', browser: 'Chrome' })).toMatchObject({
      os: 'Linux',
      browser_version: '136.0'
    })
    expect(pickCapability(RECORDED_CAPABILITIES, { device: 'iPhone 16', deviceType: 'smartphone', browser: 'Ignored' })).toMatchObject({
      os_version: '18'
    })
  })
  it('lists the candidates when several match', () => {
    expect(() => pickCapability(RECORDED_CAPABILITIES, { os: 'Windows', browser: 'Edge' })).toThrow(
      /^2 capabilities match os=Windows, browser=Edge; add 'os-version'.*Candidates: \[Windows 11 Edge 136\.0 computer\], \[Windows 10 Edge 136\.0 computer\]\.$/
    )
  })
  it('lists what is available when none match', () => {
    expect(() => pickCapability(RECORDED_CAPABILITIES, { os: 'BeOS' })).toThrow(
      /^No capability of this project matches os=BeOS .*Available: \[Linux Chrome 136\.0 computer\]/
    )
  })
})

describe('PollSchedule', () => {
  it('polls soon after the start and spaces polls out up to the interval', () => {
    const schedule = new PollSchedule({ intervalMs: 5000 })
    const gaps = Array.from({ length: 8 }, (_, polls) => schedule.nextDelay({ elapsedMs: polls * 1000, polls, prediction: null }))
    expect(gaps[0]).toBe(1000)
    expect(gaps.every((g, i) => i === 0 || g >= gaps[i - 1])).toBe(true)
    expect(Math.max(...gaps)).toBe(5000)
  })
  it('never waits longer than a small interval', () => {
    const schedule = new PollSchedule({ intervalMs: 200 })
    for (let polls = 0; polls < 5; polls++) expect(schedule.nextDelay({ elapsedMs: 0, polls, prediction: null })).toBeLessThanOrEqual(200)
  })
  it('skips ahead to the predicted end within the interval, then polls densely, then gives the prediction up', () => {
    const schedule = new PollSchedule({ intervalMs: 30_000 })
    const prediction = { endMs: 60_000, spreadMs: 1800 }
    expect(schedule.nextDelay({ elapsedMs: 0, polls: 0, prediction })).toBe(1000)
    expect(schedule.nextDelay({ elapsedMs: 1000, polls: 1, prediction })).toBe(30_000)
    expect(schedule.nextDelay({ elapsedMs: 31_000, polls: 2, prediction })).toBe(29_000)
    expect(schedule.nextDelay({ elapsedMs: 60_000, polls: 3, prediction })).toBe(1000)
    expect(schedule.nextDelay({ elapsedMs: 63_500, polls: 6, prediction })).toBe(1000)
    // Long past the prediction: it was wrong, so the gaps grow again.
    expect(schedule.nextDelay({ elapsedMs: 70_000, polls: 9, prediction })).toBe(1600)
    expect(schedule.nextDelay({ elapsedMs: 71_600, polls: 10, prediction })).toBe(2560)
  })
})

describe('retries', () => {
  const linux = capabilityInfo({ os: 'Linux', browser: 'Chrome', browser_version: '111.0' })
  const linuxNewer = capabilityInfo({ os: 'Linux', browser: 'Chrome', browser_version: '112.0' })

  it('identify a test case by scenario and environment, not by browser version', () => {
    expect(linux.key).toBe(linuxNewer.key)
    expect(testCaseKeys([testCase({ scenarioId: 1, capability: linux }), testCase({ scenarioId: 1, capability: linux })])).toEqual([
      '1|linux||chrome|#0',
      '1|linux||chrome|#1'
    ])
  })

  it('take the retry’s status for retried test cases only, and mark a late pass flaky', () => {
    const first = [
      testCase({ scenarioId: 1, capability: linux, status: 'failed' }),
      testCase({ scenarioId: 2, capability: linux, status: 'passed' })
    ]
    const retried = new Set([testCaseKeys(first)[0]])
    const retry = [
      testCase({ scenarioId: 1, capability: linuxNewer, status: 'passed' }),
      testCase({ scenarioId: 2, capability: linuxNewer, status: 'failed' })
    ]
    const merged = mergeRetry(first, retried, retry)
    expect(merged.map((c) => [c.scenarioId, c.status, c.flaky, c.attempts.length])).toEqual([
      [1, 'passed', true, 2],
      [2, 'passed', false, 1]
    ])
    expect(combinedStatus(merged, 'failed')).toBe('passed')
  })

  it('combine to the worst last attempt', () => {
    expect(combinedStatus([testCase({ status: 'passed' }), testCase({ status: 'internal_error' })], 'passed')).toBe('internal_error')
    expect(combinedStatus([testCase({ status: 'skipped' })], 'passed')).toBe('skipped')
    expect(combinedStatus([], 'queuing')).toBe('queuing')
  })
})

describe('ScenarioNames', () => {
  let sim: AutifySimulator
  let client: AutifyClient
  beforeAll(async () => {
    const scenarios = Object.fromEntries(Array.from({ length: 95 }, (_, i) => [i + 1, { name: `Scenario name ${i + 1}` }]))
    sim = await new AutifySimulator({ token: 't0k3n', scenarios }).start()
    client = new AutifyClient({ apiUrl: sim.apiUrl, accessToken: 't0k3n', clock: realClock, wall: realClock })
  })
  afterAll(() => sim.close())

  it('looks up a few names one request each, once', async () => {
    const names = new ScenarioNames(client, 743)
    await names.resolve([1, 2, 3, 2])
    await names.resolve([1, 2, 3])
    expect(names.requests).toBe(3)
    expect(names.nameOf(2)).toBe('Scenario name 2')
  })

  it('reads the paged list when that is fewer requests, bounded', async () => {
    const names = new ScenarioNames(client, 743, { listThreshold: 10, concurrency: 4 })
    const before = sim.requests.length
    await names.resolve(Array.from({ length: 90 }, (_, i) => i + 1))
    const calls = sim.requests.slice(before).map((r) => `${r.path}?${r.query}`)
    expect(calls.every((c) => c.startsWith('/api/v1/projects/743/scenarios?page='))).toBe(true)
    expect(calls.length).toBeLessThanOrEqual(5)
    expect(names.nameOf(90)).toBe('Scenario name 90')
  })

  it('falls back to Scenario #ID when a lookup fails', async () => {
    const names = new ScenarioNames(client, 743)
    await names.resolve([4242])
    expect(names.nameOf(4242)).toBe('Scenario #4242')
  })
})

describe("serverMessage (the message in an error answer's body)", () => {
  it('reads errors[] of objects or strings, then message, then error; anything else is no message', () => {
    expect(serverMessage({ errors: [{ message: 'Bad credentials' }, 'Try again', { code: 7 }, null] })).toBe('Bad credentials; Try again')
    expect(serverMessage({ errors: [{ code: 7 }], message: 'Not found' })).toBe('Not found')
    expect(serverMessage({ errors: 'not a list', error: 'Forbidden' })).toBe('Forbidden')
    expect(serverMessage({ message: 42, error: ['x'] })).toBeNull()
    for (const body of [null, undefined, 'text', 7, ['Bad credentials']]) expect(serverMessage(body)).toBeNull()
  })

  it('clips a long message to 300 characters', () => {
    expect(serverMessage({ message: 'x'.repeat(1000) })!.length).toBeLessThanOrEqual(300)
  })
})
