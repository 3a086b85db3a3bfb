import { isTerminal } from '../model.js'
import type { ApiResult } from './api-types.js'
import { capabilityInfo, testKey } from './test-cases.js'

/** What earlier runs of the same test plan tell about this one. */
export interface RunHistory {
  /** Median time from creation to finish of recent runs. */
  totalMs: number | null
  /** Duration of each test case (scenario on an environment) in the latest finished run. */
  testCaseMs: Map<string, number>
}

export const NO_HISTORY: RunHistory = { totalMs: null, testCaseMs: new Map() }

/** A predicted end, in milliseconds after the result's creation, and how far off it may be. */
export interface Prediction {
  endMs: number
  spreadMs: number
}

/** Relative spread of a predicted duration (re-runs of one scenario vary by a few per cent). */
const RELATIVE_SPREAD = 0.03

const time = (value: string | null | undefined) => (value ? Date.parse(value) : NaN)

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function testCaseKeyOf(scenarioId: number, capability: Parameters<typeof capabilityInfo>[0]): string {
  return testKey(scenarioId, capabilityInfo(capability).key)
}

/** A result finished before `resultId` (not cancelled): what earlier runs are made of. */
export function finishedBefore(result: ApiResult, resultId: number): boolean {
  return result.id < resultId && Boolean(result.finished_at) && result.status !== 'canceled'
}

/** Median creation-to-finish time of finished runs (a list of results, newest first). */
export function historyTotal(results: readonly ApiResult[], excludeId: number): number | null {
  const totals = results
    .filter((r) => r.id !== excludeId && r.finished_at && r.created_at && r.status !== 'canceled')
    .slice(0, 5)
    .map((r) => time(r.finished_at) - time(r.created_at))
    .filter((ms) => Number.isFinite(ms) && ms > 0)
  return median(totals)
}

/** Each test case's duration in a finished result. */
export function testCaseDurations(result: ApiResult): Map<string, number> {
  const durations = new Map<string, number>()
  for (const capabilityResult of result.test_plan_capability_results ?? []) {
    for (const testCase of capabilityResult.test_case_results ?? []) {
      if (typeof testCase.duration === 'number')
        durations.set(testCaseKeyOf(testCase.test_case_id, capabilityResult.capability), testCase.duration)
    }
  }
  return durations
}

/**
 * When the run will end. Once every test case has started, the last of them to end decides: each
 * ends at its start plus its duration last time (or the typical duration of this run's finished
 * ones). Before that, the history of the test plan is all there is.
 */
export function predictEnd(result: ApiResult | null, history: RunHistory): Prediction | null {
  const planLevel = history.totalMs !== null ? { endMs: history.totalMs, spreadMs: history.totalMs * RELATIVE_SPREAD } : null
  if (!result || result.status === 'queuing') return planLevel
  const created = time(result.created_at)
  const cases = (result.test_plan_capability_results ?? []).flatMap((c) =>
    (c.test_case_results ?? []).map((t) => ({ ...t, key: testCaseKeyOf(t.test_case_id, c.capability) }))
  )
  if (cases.length === 0 || !Number.isFinite(created)) return planLevel
  const unfinished = cases.filter((c) => !isTerminal(c.status))
  if (unfinished.length === 0 || unfinished.some((c) => !c.started_at)) return planLevel
  const typical = median(cases.filter((c) => isTerminal(c.status) && typeof c.duration === 'number').map((c) => c.duration as number))
  let latest: Prediction | null = null
  for (const testCase of unfinished) {
    const duration = history.testCaseMs.get(testCase.key) ?? typical
    if (duration === null) return planLevel
    const endMs = time(testCase.started_at) + duration - created
    if (!latest || endMs > latest.endMs) latest = { endMs, spreadMs: duration * RELATIVE_SPREAD }
  }
  return latest
}
