import type { Target } from '../settings/settings.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { NO_HISTORY, type RunHistory, historyTotal, testCaseDurations } from './estimate.js'

/**
 * Earlier runs of the same test plan, to predict when this one ends. The test plan's results list
 * is read as the first poll: it shows this run's status next to the durations of the runs before
 * it, so learning the history costs no extra request. The test case durations of the latest run
 * cost one more, only when this run has several test cases. Scenario runs cannot be told apart in
 * the list and get no history. A failure just means no prediction.
 */
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
    if (this.target.kind !== 'test-plan') return null
    try {
      const recent = await this.client.listResults(this.target.projectId, { testPlanId: this.target.testPlanId, perPage: 6 })
      this.current = { ...this.current, totalMs: historyTotal(recent, this.resultId) }
      this.latest = recent.find((r) => r.id !== this.resultId && r.finished_at && r.status !== 'canceled') ?? null
      void this.loadTestCases()
      return recent.find((r) => r.id === this.resultId) ?? null
    } catch {
      return null
    }
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
