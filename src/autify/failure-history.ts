import { type TestCaseHistory, type TestCaseReport, type TestCaseStatus, isFailure } from '../model.js'
import type { Target } from '../settings/settings.js'
import { mapConcurrent } from '../util/concurrency.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { finishedBefore, testCaseKeyOf } from './estimate.js'
import { testKey, toTestCaseStatus } from './test-cases.js'

/** Earlier runs of a test looked at. */
export const HISTORY_RUNS = 5
/** Scenario runs cannot be filtered by what they ran: this many recent ones are read to find them. */
const SCENARIO_RUN_CANDIDATES = 8

/** How a test did in one earlier run. */
export interface EarlierOutcome {
  resultId: number
  /** Autify's page for that test case result, or for the result. */
  url: string
  status: TestCaseStatus
}

/** The history of one test from how it did in earlier runs, newest first. */
export function classifyHistory(earlier: readonly EarlierOutcome[]): TestCaseHistory {
  const runs = earlier.slice(0, HISTORY_RUNS)
  const failures = runs.filter((o) => isFailure(o.status)).length
  let streak = 0
  while (streak < runs.length && isFailure(runs[streak].status)) streak++
  if (streak > 0) {
    const first = runs[streak - 1]
    return { kind: 'still-failing', runs: runs.length, failures, streak, since: { resultId: first.resultId, url: first.url } }
  }
  return { kind: failures > 0 ? 'unstable' : 'new', runs: runs.length, failures, streak: 0, since: null }
}

/**
 * The history worth showing for a test case: every failure and flaky pass, and a pass that failed
 * lately. Null for the rest.
 */
export function historyOf(testCase: TestCaseReport, earlier: readonly EarlierOutcome[]): TestCaseHistory | null {
  const history = classifyHistory(earlier)
  if (isFailure(testCase.status) || testCase.flaky) return history
  if (testCase.status === 'passed' && history.failures > 0) return { ...history, kind: 'unstable', streak: 0, since: null }
  return null
}

/** Outcomes of each test in `results` (newest first), by historyKey. */
export function outcomesByTest(results: readonly ApiResult[], resultUrl: (id: number) => string): Map<string, EarlierOutcome[]> {
  const byTest = new Map<string, EarlierOutcome[]>()
  for (const result of results) {
    for (const capabilityResult of result.test_plan_capability_results) {
      for (const testCase of capabilityResult.test_case_results) {
        if (testCase.status !== 'passed' && !isFailure(testCase.status)) continue
        const key = testCaseKeyOf(testCase.test_case_id, capabilityResult.capability)
        const list = byTest.get(key) ?? []
        // One outcome per run: the first test case result of that test in it.
        if (list.at(-1)?.resultId !== result.id) {
          list.push({ resultId: result.id, url: testCase.project_url || resultUrl(result.id), status: toTestCaseStatus(testCase.status) })
        }
        byTest.set(key, list)
      }
    }
  }
  return byTest
}

/**
 * Reads the recent results that ran the same tests before `firstResultId`: a test plan's own list
 * (one request) and its latest HISTORY_RUNS finished results; for scenario runs, the latest
 * SCENARIO_RUN_CANDIDATES scenario runs, matched client-side by scenario and capability.
 */
export async function loadEarlierResults(client: AutifyClient, target: Target, firstResultId: number): Promise<ApiResult[]> {
  const plan = target.kind === 'test-plan'
  const recent = await client.listResults(target.projectId, plan ? { testPlanId: target.testPlanId, perPage: 20 } : { perPage: 100 })
  const candidates = recent
    .filter((r) => finishedBefore(r, firstResultId) && (plan || !r.test_plan))
    .slice(0, plan ? HISTORY_RUNS : SCENARIO_RUN_CANDIDATES)
  const described = await mapConcurrent(candidates, 4, (r) => client.describeResult(target.projectId, r.id).catch(() => null))
  return described.filter((r): r is ApiResult => r !== null)
}

/** `cases` with their history, from the earlier results. */
export function withHistory(
  cases: readonly TestCaseReport[],
  earlier: readonly ApiResult[],
  resultUrl: (id: number) => string
): TestCaseReport[] {
  const byTest = outcomesByTest(earlier, resultUrl)
  return cases.map((c) => ({ ...c, history: historyOf(c, byTest.get(testKey(c.scenarioId, c.capability.key)) ?? []) }))
}

/** Worth reading the history: something failed or was flaky. A clean pass costs no request. */
export function needsHistory(cases: readonly TestCaseReport[]): boolean {
  return cases.some((c) => isFailure(c.status) || c.flaky)
}
