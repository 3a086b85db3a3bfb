import { type ResultStatus, type RunCredits, type RunOutcome, type RunReport, type TestCaseReport, countTestCases } from '../model.js'
import type { AutifyRunSettings, KnownRunSettings } from '../settings/settings.js'
import { sumCounts, wholeMilliseconds } from '../util/numbers.js'
import type { ApiResult } from './api-types.js'

/** One execution of the run: the first, then one per retry. */
export interface Attempt {
  resultId: number
  resultUrl: string
  /** The last read of its result; null before the first. */
  last: ApiResult | null
}

export function resultUrlOf(settings: Pick<AutifyRunSettings, 'webUrl' | 'target'>, resultId: number): string {
  return `${settings.webUrl}/projects/${settings.target.projectId}/results/${resultId}`
}

/** The run's status after retries: the worst last attempt decides. */
export function combinedStatus(testCases: readonly TestCaseReport[], fallback: ResultStatus): ResultStatus {
  if (testCases.length === 0) return fallback
  for (const status of ['failed', 'internal_error', 'canceled', 'running', 'waiting'] as const) {
    if (testCases.some((c) => c.status === status)) return status
  }
  if (testCases.every((c) => c.status === 'skipped')) return 'skipped'
  return testCases.some((c) => c.status === 'passed') ? 'passed' : fallback
}

const statusOf = (attempt: Attempt) => (attempt.last?.status ?? 'queuing') as ResultStatus

/** Autify's status of the run as a whole: the first attempt's alone, or the worst after retries. */
export function runStatus(attempts: readonly Attempt[], testCases: readonly TestCaseReport[]): ResultStatus {
  return attempts.length === 1 ? statusOf(attempts[0]) : combinedStatus(testCases, statusOf(attempts[attempts.length - 1]))
}

/** The one place a `RunReport` is made: from the start (no reads yet) to the end. */
export function buildRunReport(
  settings: Pick<KnownRunSettings, 'target' | 'executionName' | 'failOn'>,
  attempts: readonly Attempt[],
  testCases: TestCaseReport[],
  outcome: RunOutcome,
  note: string | null
): RunReport {
  const first = attempts[0]
  const lastAttempt = attempts[attempts.length - 1]
  const startedAt = first.last?.started_at ?? null
  const finishedAt = lastAttempt.last?.finished_at ?? null
  const durationMs =
    attempts.length === 1 && typeof first.last?.duration === 'number'
      ? first.last.duration
      : startedAt && finishedAt
        ? Date.parse(finishedAt) - Date.parse(startedAt)
        : null
  const testPlan = first.last?.test_plan
  return {
    projectId: settings.target.projectId,
    kind: settings.target.kind,
    testPlan: testPlan
      ? { id: testPlan.id, name: testPlan.name ?? null }
      : settings.target.kind === 'test-plan'
        ? { id: settings.target.testPlanId, name: null }
        : null,
    executionName: settings.executionName,
    resultId: first.resultId,
    resultUrl: first.resultUrl,
    attempts: attempts.map((a) => ({ resultId: a.resultId, resultUrl: a.resultUrl, status: statusOf(a) })),
    status: outcome === 'started' && !first.last ? 'started' : runStatus(attempts, testCases),
    outcome,
    note,
    startedAt,
    finishedAt,
    durationMs: wholeMilliseconds(durationMs),
    testCases,
    counts: countTestCases(testCases),
    credits: creditsOf(attempts),
    failOn: settings.failOn
  }
}

/** Credits summed over each attempt's test case results; null when nothing was charged. */
export function creditsOf(attempts: readonly Attempt[]): RunCredits | null {
  const perAttempt = attempts.map((attempt) =>
    sumCounts(
      (attempt.last?.test_plan_capability_results ?? []).flatMap((c) => c.test_case_results.map((t) => t.number_of_credits_consumed ?? 0))
    )
  )
  const total = sumCounts(perAttempt)
  if (total <= 0) return null
  return { total, perAttempt, rerunEverything: attempts.length > 1 ? sumCounts(attempts.map(() => perAttempt[0])) : null }
}
