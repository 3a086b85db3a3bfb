/**
 * `waitForResult` on its own, on a virtual clock against the Autify simulator over loopback: when
 * it reads, when it stops, and what it calls a cancel, a timeout or an error.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/autify/api-types.js'
import { AutifyClient } from '../src/autify/client.js'
import { PollSchedule } from '../src/autify/poll-schedule.js'
import { type WaitOptions, waitForResult } from '../src/autify/wait.js'
import { Deadline, realClock } from '../src/util/clock.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const TOKEN = 'wait-test-token'
const RESULT_PATH = /^\/api\/v1\/projects\/743\/results\/\d+$/

let sim: AutifySimulator
let clock: VirtualClock
let controller: AbortController
let client: AutifyClient
let resultId: number

beforeEach(async () => {
  clock = new VirtualClock()
  sim = await new AutifySimulator(
    { token: TOKEN, queueMs: 2000, waitingMs: 1000, defaultDurationMs: 20_000, scenarios: { 1: { name: 'Sign in' } } },
    { now: clock.now }
  ).start()
  controller = new AbortController()
  client = new AutifyClient({ apiUrl: sim.apiUrl, accessToken: TOKEN, clock, wall: realClock, signal: controller.signal, random: () => 1 })
  resultId = await client.executeScenarios(743, { capabilities: [{ os: 'Linux', browser: 'Chrome' }], scenarios: [{ id: 1 }] })
})

afterEach(async () => {
  client.dispose()
  await sim.close()
})

const resultReads = () => sim.requests.filter((r) => r.method === 'GET' && RESULT_PATH.test(r.path)).length

function waitFor(overrides: Partial<WaitOptions> = {}) {
  const transient: string[] = []
  const outcome = waitForResult({
    client,
    projectId: 743,
    resultId,
    clock,
    deadline: Deadline.after(clock, 300_000),
    signal: controller.signal,
    schedule: new PollSchedule({ intervalMs: 10_000 }),
    startedAt: clock.now(),
    onTransientError: (message) => transient.push(message),
    ...overrides
  })
  return { outcome, transient }
}

const entry = (status: string, finishedAt: string | null = null) =>
  ({ id: resultId, status, finished_at: finishedAt }) as unknown as ApiResult

describe('waitForResult', () => {
  it('waits until the run finishes, reading the result at each poll', async () => {
    const { outcome, transient } = waitFor()
    const done = await outcome
    expect(done).toMatchObject({ kind: 'finished', result: { id: resultId, status: 'passed' } })
    expect(resultReads()).toBe(done.polls)
    expect(transient).toEqual([])
  })

  it('does not poll at all once the deadline has passed, nor once the job is cancelled', async () => {
    await expect(waitFor({ deadline: Deadline.after(clock, 0) }).outcome).resolves.toEqual({ kind: 'timed-out', last: null, polls: 0 })
    controller.abort(new Error('cancelled'))
    await expect(waitFor().outcome).resolves.toEqual({ kind: 'cancelled', last: null, polls: 0 })
    expect(resultReads()).toBe(0)
  })

  it('polls once exactly at the deadline and then stops, with the last result read', async () => {
    const done = await waitFor({ deadline: Deadline.after(clock, 2500) }).outcome
    expect(done).toMatchObject({ kind: 'timed-out', last: { id: resultId } })
    expect(resultReads()).toBe(done.polls)
  })

  it('follows an unfinished first look without reading the result, and reads it when the first look is finished or missing', async () => {
    const looks: string[] = []
    const unfinished = await waitFor({
      firstLook: async () => {
        looks.push('look')
        return entry('running')
      }
    }).outcome
    expect(looks).toEqual(['look'])
    expect(resultReads()).toBe(unfinished.polls - 1)

    const before = resultReads()
    const finished = await waitFor({ firstLook: async () => entry('running', '2026-11-24T09:10:00Z') }).outcome
    expect(finished).toMatchObject({ kind: 'finished', polls: 1 })
    expect(resultReads() - before).toBe(1)

    const missing = await waitFor({ firstLook: async () => null }).outcome
    expect(missing).toMatchObject({ kind: 'finished', polls: 1 })
  })

  it('is cancelled when the job is cancelled during the first look', async () => {
    const done = await waitFor({
      firstLook: async () => {
        controller.abort(new Error('cancelled'))
        return entry('running')
      }
    }).outcome
    expect(done).toEqual({ kind: 'cancelled', last: null, polls: 1 })
    expect(resultReads()).toBe(0)
  })

  it('reads nothing more once the job is cancelled during the first look, whatever it saw', async () => {
    const reader = new AutifyClient({
      apiUrl: sim.apiUrl,
      accessToken: TOKEN,
      clock,
      wall: realClock,
      signal: new AbortController().signal
    })
    try {
      const done = await waitFor({
        client: reader,
        firstLook: async () => {
          controller.abort(new Error('cancelled'))
          return null
        }
      }).outcome
      expect(done).toEqual({ kind: 'cancelled', last: null, polls: 1 })
      expect(resultReads()).toBe(0)
    } finally {
      reader.dispose()
    }
  })

  it('is cancelled, not failing, when the job is cancelled during a read', async () => {
    sim.fault({ path: RESULT_PATH, hang: true })
    const { outcome, transient } = waitFor()
    setTimeout(() => controller.abort(new Error('cancelled')), 50)
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', last: null, polls: 1 })
    expect(transient).toEqual([])
  })

  it('goes on after a failed read and ends after maxConsecutiveErrors in a row', async () => {
    sim.fault({ path: RESULT_PATH, status: 400, body: { errors: [{ message: 'bad' }] }, times: 10 })
    const { outcome, transient } = waitFor({ maxConsecutiveErrors: 2 })
    const done = await outcome
    expect(done).toMatchObject({ kind: 'error', last: null, polls: 2 })
    expect(transient).toHaveLength(1)
    expect(transient[0]).toMatch(/^Reading the result failed \(.+\); still waiting \(failure 1 in a row; waiting ends after 2\)\.$/)
  })

  it('ends at once on a rejected token', async () => {
    for (const status of [401, 403]) {
      sim.fault({ path: RESULT_PATH, status, body: { message: 'no' } })
      const { outcome, transient } = waitFor()
      await expect(outcome).resolves.toMatchObject({ kind: 'error', error: { status } })
      expect(transient).toEqual([])
    }
  })
})
