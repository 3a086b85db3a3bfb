import { describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/autify/api-types.js'
import type { ResultStatus } from '../src/model.js'
import { NO_HISTORY, historyTotal, median, predictEnd, testCaseDurations, testCaseKeyOf } from '../src/autify/estimate.js'

const created = '2026-11-24T09:00:00.000Z'
const at = (seconds: number) => new Date(Date.parse(created) + seconds * 1000).toISOString()
const linux = { os: 'Linux', browser: 'Chrome', browser_version: '136.0' }

function result(
  cases: { id: number; status: ResultStatus; started?: number; duration?: number }[],
  status: ResultStatus = 'running'
): ApiResult {
  return {
    id: 9,
    status,
    created_at: created,
    test_plan_capability_results: [
      {
        id: 1,
        capability: linux,
        test_case_results: cases.map((c) => ({
          id: c.id,
          test_case_id: c.id,
          status: c.status,
          started_at: c.started === undefined ? null : at(c.started),
          duration: c.duration ?? null,
          review_needed: 0
        }))
      }
    ]
  }
}

describe('history', () => {
  it('takes the median creation-to-finish time of finished runs, not this one or cancelled ones', () => {
    const runs = [
      { id: 9, status: 'running', created_at: created },
      { id: 8, status: 'passed', created_at: created, finished_at: at(60) },
      { id: 7, status: 'failed', created_at: created, finished_at: at(64) },
      { id: 6, status: 'canceled', created_at: created, finished_at: at(5) },
      { id: 5, status: 'passed', created_at: created, finished_at: at(58) }
    ] as ApiResult[]
    expect(historyTotal(runs, 9)).toBe(60_000)
    expect(historyTotal([], 9)).toBeNull()
    expect(median([3, 1, 2, 4])).toBe(2.5)
  })

  it('reads each test case duration of a finished result', () => {
    const durations = testCaseDurations(result([{ id: 1, status: 'passed', duration: 5000 }], 'passed'))
    expect(durations.get(testCaseKeyOf(1, linux))).toBe(5000)
  })
})

describe('predictEnd', () => {
  const history = { totalMs: 60_000, testCaseMs: new Map([[testCaseKeyOf(2, linux), 40_000]]) }

  it('uses the plan’s history while test cases wait', () => {
    expect(predictEnd(result([{ id: 1, status: 'waiting' }]), history)).toEqual({ endMs: 60_000, spreadMs: 1800 })
    expect(predictEnd(null, history)?.endMs).toBe(60_000)
    expect(predictEnd(null, NO_HISTORY)).toBeNull()
  })

  it('once all have started, the last to end decides, from its duration last time', () => {
    const running = result([
      { id: 1, status: 'passed', started: 2, duration: 10_000 },
      { id: 2, status: 'running', started: 12 }
    ])
    expect(predictEnd(running, history)).toEqual({ endMs: 52_000, spreadMs: 1200 })
  })

  it('without a duration from history, uses the typical duration of this run’s finished test cases', () => {
    const running = result([
      { id: 1, status: 'passed', started: 2, duration: 10_000 },
      { id: 3, status: 'running', started: 4 }
    ])
    expect(predictEnd(running, NO_HISTORY)).toEqual({ endMs: 14_000, spreadMs: 300 })
  })
})
