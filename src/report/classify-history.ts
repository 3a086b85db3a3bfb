import { type HistoryBaseline, type TestCaseHistory, type TestCaseReport, type TestCaseStatus, isFailure } from '../model.js'

/**
 * The failure history's classification: from how a test did in its recent runs (read by
 * autify/read-history.ts), whether its failure now is new, still failing or unstable, and what a
 * flaky pass or a pass that failed lately has behind it. Pure: outcomes in, history out.
 */

/** Earlier runs of a test looked at. */
export const HISTORY_RUNS = 5

/** How a test did in one earlier run. */
export interface EarlierOutcome {
  resultId: number
  /** Autify's page for that test case result, or for the result. */
  url: string
  status: TestCaseStatus
  /** The commit it ran on, for a run of the base branch. */
  sha?: string
}

/** The base branch's runs compared with: its name and the base commit. */
export interface BaselineOf {
  ref: string | null
  sha: string
}

/** The history of one failing test from how it did in earlier runs, newest first. */
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
 * The history worth showing for a test case: every failure; a flaky pass (`flaky`, never a "new
 * failure"); a pass that failed lately (`unstable`). Null for the rest.
 */
export function historyOf(testCase: TestCaseReport, earlier: readonly EarlierOutcome[], base?: BaselineOf | null): TestCaseHistory | null {
  const history = base ? { ...classifyHistory(earlier), baseline: baselineOf(earlier, base) } : classifyHistory(earlier)
  if (isFailure(testCase.status)) return history
  if (testCase.flaky) return { ...history, kind: 'flaky', streak: 0, since: null }
  if (testCase.status === 'passed' && history.failures > 0) return { ...history, kind: 'unstable', streak: 0, since: null }
  return null
}

/**
 * The base branch's runs a test was compared with: the commit of the latest of them that ran it
 * (the base commit when none did), and those runs, newest first.
 */
function baselineOf(earlier: readonly EarlierOutcome[], base: BaselineOf): HistoryBaseline {
  const runs = earlier.slice(0, HISTORY_RUNS)
  return { ref: base.ref, sha: runs[0]?.sha ?? base.sha, resultIds: runs.map((o) => o.resultId), url: runs[0]?.url ?? null }
}

/** `cases` with their history, from each one's earlier outcomes (in the base branch's runs, when `base` is given). */
export function withHistory(
  cases: readonly TestCaseReport[],
  outcomesOf: (testCase: TestCaseReport) => readonly EarlierOutcome[],
  base?: BaselineOf | null
): TestCaseReport[] {
  return cases.map((c) => ({ ...c, history: historyOf(c, outcomesOf(c), base) }))
}

/** Worth reading the history: something failed or was flaky. A clean pass costs no request. */
export function needsHistory(cases: readonly TestCaseReport[]): boolean {
  return cases.some((c) => isFailure(c.status) || c.flaky)
}
