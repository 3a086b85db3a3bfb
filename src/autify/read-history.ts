import type { BaselineRuns, FindBaseline, TestCaseReport } from '../model.js'
import { type EarlierOutcome, HISTORY_RUNS } from '../report/classify-history.js'
import type { RunTarget } from '../settings/settings.js'
import { mapConcurrent } from '../util/concurrency.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { NO_HISTORY, type RunHistory, finishedBefore, historyTotal, testCaseDurations, testCaseKeyOf } from './estimate.js'
import { testKey, toTestCaseStatus } from './test-cases.js'
import { errorMessage } from '../util/error-message.js'

/**
 * Reading earlier runs of the same test plan or scenarios, once per run, for two uses: predicting
 * when this run ends, and the failure history (how each failing test did in its recent runs). The
 * failure history compares with the base branch's runs when GitHub names them (github/baseline.ts),
 * else with the plan's latest runs in Autify.
 *
 * The results list is read as the first poll: it shows this run's status next to the runs before
 * it, so it costs no extra poll. For a test plan (its own list) the durations of the runs give the
 * end. Scenario runs cannot be told apart in the list: the latest scenario runs are read and those
 * that ran the same scenarios predict the end. Each earlier result is read at most once, whichever
 * use asks first: the prediction reads the one or two it needs at the start, the failure history the
 * rest as soon as something fails. A failure just means no prediction, or no history.
 */

/** A slow results list must not hold up the first real read of the result for long. */
const FIRST_LOOK_TIMEOUT_MS = 5000
/** Earlier scenario runs read at the start, one at a time, to find one that ran the same scenarios. */
const SCENARIO_LOOKBACK = 2
/** Scenario runs cannot be filtered by what they ran: this many recent ones make the failure history. */
const SCENARIO_RUN_CANDIDATES = 8
/** Results listed: enough finished ones before this run, in a list that may hold unfinished or cancelled runs. */
const PLAN_LIST_SIZE = 20
const SCENARIO_LIST_SIZE = 100

const sameScenariosKey = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b).join(',')

/** The failure history as read: how each test did in the earlier runs, newest first. */
export interface FailureHistory {
  /** Earlier runs read. */
  runs: number
  outcomesOf: (testCase: TestCaseReport) => readonly EarlierOutcome[]
  /** The base branch's runs compared with; null when the plan's latest runs in Autify were. */
  baseline: { ref: string | null; sha: string; resultIds: number[] } | null
  /** Why no base-branch run was used (with `baseline` null). */
  fallback?: string
}

export class EarlierRuns {
  /** What earlier runs tell about this run's end; grows as they are read. */
  current: RunHistory = NO_HISTORY
  private list: Promise<ApiResult[]> | null = null
  private readonly details = new Map<number, Promise<ApiResult | null>>()
  private failures: Promise<FailureHistory> | null = null
  private latest: ApiResult | null = null
  private testCasesWanted = false
  private testCasesLoading = false

  constructor(
    private readonly client: AutifyClient,
    private readonly target: RunTarget,
    private readonly resultId: number,
    private readonly resultUrl: (id: number) => string
  ) {}

  /**
   * The first poll: this run's entry in the results list (no test case results), or null when the
   * list could not be read in time. Starts reading what predicts the end.
   */
  async firstLook(): Promise<ApiResult | null> {
    let recent: ApiResult[]
    try {
      recent = await this.readList(FIRST_LOOK_TIMEOUT_MS)
    } catch {
      return null
    }
    const earlier = this.candidates(recent)
    if (this.target.kind === 'test-plan') {
      this.current = { ...this.current, totalMs: historyTotal(recent, this.resultId) }
      this.latest = earlier[0] ?? null
      void this.loadTestCases()
    } else {
      void this.learnFromSameScenarios(this.target.scenarioIds, earlier.slice(0, SCENARIO_LOOKBACK))
    }
    return recent.find((r) => r.id === this.resultId) ?? null
  }

  /** This run has several test cases: the durations of each are worth a request. */
  wantTestCaseDurations(): void {
    this.testCasesWanted = true
    void this.loadTestCases()
  }

  /**
   * The failure history: the base branch's runs that `findBaseline` finds, each read as a whole
   * (every attempt); when there are none (or none can be read), the latest HISTORY_RUNS finished
   * results of a test plan, or the latest SCENARIO_RUN_CANDIDATES finished scenario runs (matched by
   * scenario and capability). Each result is read once. Rejects, saying why, when it cannot be read.
   */
  failureHistory(findBaseline?: FindBaseline): Promise<FailureHistory> {
    this.failures ??= this.readFailureHistory(findBaseline)
    return this.failures
  }

  private async readFailureHistory(findBaseline?: FindBaseline): Promise<FailureHistory> {
    const found = findBaseline
      ? await findBaseline().catch((error: unknown) => ({ missing: errorMessage(error) }))
      : { missing: 'no base commit to compare with' }
    if ('runs' in found) {
      const baseline = await this.readBaseline(found)
      if (baseline) return baseline
    }
    const fallback = 'missing' in found ? found.missing : "the Autify results of the base branch's runs could not be read"
    return { ...(await this.readLatestRuns()), fallback }
  }

  /** The base branch's runs whose every attempt could be read; null when none could. */
  private async readBaseline(found: BaselineRuns): Promise<FailureHistory | null> {
    const ids = [...new Set(found.runs.flatMap((r) => r.resultIds))]
    const read = await mapConcurrent(ids, 4, (id) => this.describe(id))
    const byId = new Map(ids.map((id, i) => [id, read[i]]))
    const runs = found.runs
      .map((run) => ({ sha: run.sha, results: run.resultIds.map((id) => byId.get(id) ?? null) }))
      .filter((run): run is { sha: string; results: ApiResult[] } => run.results.every((r) => r !== null))
    if (runs.length === 0) return null
    const byTest = baselineOutcomes(runs, this.resultUrl)
    return {
      runs: runs.length,
      outcomesOf: (c) => byTest.get(testKey(c.scenarioId, c.capability.key)) ?? [],
      baseline: { ref: found.ref, sha: found.sha, resultIds: runs.map((r) => r.results[0].id) }
    }
  }

  private async readLatestRuns(): Promise<FailureHistory> {
    let recent: ApiResult[]
    try {
      recent = await this.readList()
    } catch (error) {
      throw new Error(`the results list could not be read (${errorMessage(error)})`, { cause: error })
    }
    const candidates = this.candidates(recent).slice(0, this.target.kind === 'test-plan' ? HISTORY_RUNS : SCENARIO_RUN_CANDIDATES)
    const read = await mapConcurrent(candidates, 4, (r) => this.describe(r.id))
    const earlier = read.filter((r): r is ApiResult => r !== null)
    if (candidates.length > 0 && earlier.length === 0) throw new Error(`none of the ${candidates.length} earlier results could be read`)
    const byTest = outcomesByTest(earlier, this.resultUrl)
    return { runs: earlier.length, outcomesOf: (c) => byTest.get(testKey(c.scenarioId, c.capability.key)) ?? [], baseline: null }
  }

  /** The results list, read once; a failed read may be tried again by a later use. */
  private readList(quickMs?: number): Promise<ApiResult[]> {
    if (!this.list) {
      const plan = this.target.kind === 'test-plan'
      const list = this.client.listResults(
        this.target.projectId,
        plan ? { testPlanId: this.target.testPlanId, perPage: PLAN_LIST_SIZE, quickMs } : { perPage: SCENARIO_LIST_SIZE, quickMs }
      )
      this.list = list
      // Nothing replaces it until it has failed: then it is forgotten, and a later use reads again.
      list.catch(() => {
        this.list = null
      })
    }
    return this.list
  }

  /** Finished results before this one that may have run the same tests, newest first. */
  private candidates(recent: readonly ApiResult[]): ApiResult[] {
    return recent.filter((r) => finishedBefore(r, this.resultId) && (this.target.kind === 'test-plan' || !r.test_plan))
  }

  /** One earlier result, read once; null when it could not be. */
  private describe(id: number): Promise<ApiResult | null> {
    let read = this.details.get(id)
    if (!read) {
      read = this.client.describeResult(this.target.projectId, id).catch(() => null)
      this.details.set(id, read)
    }
    return read
  }

  /**
   * The newest candidate that ran exactly this run's scenarios predicts the end: its total, and with
   * several test cases each one's duration.
   */
  private async learnFromSameScenarios(scenarioIds: readonly number[], candidates: readonly ApiResult[]): Promise<void> {
    const wanted = sameScenariosKey(scenarioIds)
    const same: ApiResult[] = []
    // One at a time, newest first: the latest run of the same scenarios is usually the first.
    for (const candidate of candidates) {
      const result = await this.describe(candidate.id)
      const ran = result?.test_plan_capability_results.flatMap((c) => c.test_case_results.map((t) => t.test_case_id))
      if (result && ran && sameScenariosKey(ran) === wanted) {
        same.push(result)
        break
      }
    }
    if (same.length === 0) return
    const cases = same[0].test_plan_capability_results.reduce((n, c) => n + c.test_case_results.length, 0)
    this.current = { totalMs: historyTotal(same, this.resultId), testCaseMs: cases > 1 ? testCaseDurations(same[0]) : new Map() }
  }

  private async loadTestCases(): Promise<void> {
    if (!this.testCasesWanted || !this.latest || this.testCasesLoading) return
    this.testCasesLoading = true
    const latest = await this.describe(this.latest.id)
    // Without it, the end is predicted from this run's own finished test cases.
    if (latest) this.current = { ...this.current, testCaseMs: testCaseDurations(latest) }
  }
}

/** Outcomes of each test in `results` (newest first), by testKey: one per run, passes and failures only. */
export function outcomesByTest(results: readonly ApiResult[], resultUrl: (id: number) => string): Map<string, EarlierOutcome[]> {
  const byTest = new Map<string, EarlierOutcome[]>()
  for (const result of results) {
    for (const capabilityResult of result.test_plan_capability_results) {
      for (const testCase of capabilityResult.test_case_results) {
        const status = toTestCaseStatus(testCase.status)
        if (status !== 'passed' && status !== 'failed' && status !== 'internal_error') continue
        const key = testCaseKeyOf(testCase.test_case_id, capabilityResult.capability)
        const list = byTest.get(key) ?? []
        // One outcome per run: the first test case result of that test in it.
        if (list.at(-1)?.resultId !== result.id) {
          list.push({ resultId: result.id, url: testCase.project_url || resultUrl(result.id), status })
        }
        byTest.set(key, list)
      }
    }
  }
  return byTest
}

/**
 * Outcomes of each test in the base branch's runs (newest first), by testKey: one per run, its final
 * one (a retry's outcome replaces the attempt before it), named by the run's first result and commit.
 */
export function baselineOutcomes(
  runs: readonly { sha: string; results: readonly ApiResult[] }[],
  resultUrl: (id: number) => string
): Map<string, EarlierOutcome[]> {
  const byTest = new Map<string, EarlierOutcome[]>()
  for (const run of runs) {
    for (const [key, attempts] of outcomesByTest(run.results, resultUrl)) {
      const final = attempts[attempts.length - 1]
      byTest.set(key, [...(byTest.get(key) ?? []), { ...final, resultId: run.results[0].id, sha: run.sha }])
    }
  }
  return byTest
}
