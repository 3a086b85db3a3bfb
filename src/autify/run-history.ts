import type { Target } from '../settings/settings.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { NO_HISTORY, type RunHistory, finishedBefore, historyTotal, testCaseDurations } from './estimate.js'

/**
 * Earlier runs of the same test plan or scenarios, to predict when this one ends. A results list
 * is read as the first poll: it shows this run's status next to the runs before it, so learning
 * the history costs no extra poll. For a test plan (its own list) the durations of the runs give
 * the end, and the test case durations of the latest run cost one more request, only when this run
 * has several test cases. Scenario runs cannot be told apart in the list: the latest few scenario
 * runs are read (SCENARIO_LOOKBACK requests, at once, in the background), and those that ran the
 * same scenarios predict this run's end. A failure just means no prediction.
 */
/** A slow results list must not hold up the first real read of the result for long. */
const FIRST_LOOK_TIMEOUT_MS = 5000

/** Earlier scenario runs read to find one that ran the same scenarios. */
const SCENARIO_LOOKBACK = 2

const sameScenariosKey = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b).join(',')

export class RunHistoryLoader {
  current: RunHistory = NO_HISTORY
  private latest: ApiResult | null = null
  private testCasesWanted = false
  private testCasesLoading = false

  constructor(
    private readonly client: AutifyClient,
    private readonly target: Target,
    private readonly resultId: number
  ) {}

  /**
   * The first poll of a test plan run: this run's entry in the plan's results list (no test case
   * results), or null when there is no list to read or it failed.
   */
  async firstLook(): Promise<ApiResult | null> {
    if (this.target.kind !== 'test-plan') return this.firstLookAtScenarios(this.target)
    try {
      const recent = await this.client.listResults(this.target.projectId, {
        testPlanId: this.target.testPlanId,
        perPage: 6,
        quickMs: FIRST_LOOK_TIMEOUT_MS
      })
      this.current = { ...this.current, totalMs: historyTotal(recent, this.resultId) }
      this.latest = recent.find((r) => r.id !== this.resultId && r.finished_at && r.status !== 'canceled') ?? null
      void this.loadTestCases()
      return recent.find((r) => r.id === this.resultId) ?? null
    } catch {
      return null
    }
  }

  private async firstLookAtScenarios(target: Extract<Target, { kind: 'scenarios' }>): Promise<ApiResult | null> {
    try {
      const recent = await this.client.listResults(target.projectId, { perPage: 20, quickMs: FIRST_LOOK_TIMEOUT_MS })
      const earlier = recent.filter((r) => finishedBefore(r, this.resultId) && !r.test_plan)
      void this.learnFromSameScenarios(target, earlier.slice(0, SCENARIO_LOOKBACK))
      return recent.find((r) => r.id === this.resultId) ?? null
    } catch {
      return null
    }
  }

  /**
   * Reads the candidates at once and keeps those that ran exactly this run's scenarios: the median
   * of their totals predicts the end, and with several test cases the newest one's durations.
   */
  private async learnFromSameScenarios(target: Extract<Target, { kind: 'scenarios' }>, candidates: ApiResult[]): Promise<void> {
    const wanted = sameScenariosKey(target.scenarioIds)
    const described = await Promise.all(candidates.map((c) => this.client.describeResult(target.projectId, c.id).catch(() => null)))
    const same = described.filter(
      (result): result is ApiResult =>
        result !== null &&
        sameScenariosKey(result.test_plan_capability_results.flatMap((c) => c.test_case_results.map((t) => t.test_case_id))) === wanted
    )
    if (same.length === 0) return
    const cases = same[0].test_plan_capability_results.reduce((n, c) => n + c.test_case_results.length, 0)
    this.current = { totalMs: historyTotal(same, this.resultId), testCaseMs: cases > 1 ? testCaseDurations(same[0]) : new Map() }
  }

  /** This run has several test cases: the durations of each are worth a request. */
  wantTestCaseDurations(): void {
    this.testCasesWanted = true
    void this.loadTestCases()
  }

  private async loadTestCases(): Promise<void> {
    if (!this.testCasesWanted || !this.latest || this.testCasesLoading) return
    this.testCasesLoading = true
    try {
      const latest = await this.client.describeResult(this.target.projectId, this.latest.id)
      this.current = { ...this.current, testCaseMs: testCaseDurations(latest) }
    } catch {
      // Predict from this run's own finished test cases instead.
    }
  }
}
