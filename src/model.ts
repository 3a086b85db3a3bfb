/**
 * The one result model every reporter reads: built from Autify's answers, rendered into the job
 * summary, the check run, annotations, outputs, JUnit and Testify.
 */

export const RESULT_STATUSES = ['queuing', 'waiting', 'running', 'passed', 'failed', 'skipped', 'internal_error', 'canceled'] as const
export type ResultStatus = (typeof RESULT_STATUSES)[number]
export type TestCaseStatus = Exclude<ResultStatus, 'queuing'>

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['passed', 'failed', 'skipped', 'internal_error', 'canceled'])

export function isTerminal(status: string): boolean {
  return TERMINAL_STATUSES.has(status)
}

/** Counted as failed in outputs: `failed` and `internal_error`. */
export function isFailure(status: string): boolean {
  return status === 'failed' || status === 'internal_error'
}

/** Counted as skipped in outputs: `skipped` and `canceled`. */
export function isSkip(status: string): boolean {
  return status === 'skipped' || status === 'canceled'
}

/** The execution environment of a test case result, as Autify reports it. */
export interface CapabilityInfo {
  os: string
  osVersion: string
  browser: string
  browserVersion: string
  device: string
  /** Human-readable, e.g. `Linux · Chrome 111.0`. */
  label: string
  /** Identifies the same environment across attempts (browser version excluded: it moves). */
  key: string
}

export interface TestCaseAttempt {
  resultId: number
  testCaseResultId: number
  status: TestCaseStatus
  durationMs: number | null
  url: string | null
  reviewNeeded: number
}

/**
 * How the same test (scenario and capability) did in the recent runs before this one:
 * - `new`: it passed in each of them (or never ran before): a failure now is new;
 * - `still-failing`: it failed in the latest one, `streak` runs in a row since `since`;
 * - `unstable`: it failed `failures` of the last `runs` runs, but not the latest one (or it passed now);
 * - `flaky`: it passed now on a retry; `failures` of the last `runs` runs failed.
 */
export type HistoryKind = 'new' | 'still-failing' | 'unstable' | 'flaky'

export interface TestCaseHistory {
  kind: HistoryKind
  /** Earlier runs of the same test looked at. */
  runs: number
  failures: number
  /** Runs in a row before this one that failed (still-failing). */
  streak: number
  /** The first of those failed runs. */
  since: { resultId: number; url: string } | null
  /** What it was compared with: the base branch's runs; absent or null for the plan's latest runs in Autify. */
  baseline?: HistoryBaseline | null
}

/** The base branch's runs a test was compared with. */
export interface HistoryBaseline {
  /** The base branch, e.g. `main`; null when the event does not name it. */
  ref: string | null
  /** The commit of the latest of those runs (the base commit when the test did not run there). */
  sha: string
  /** The runs (their first attempt's result ID), newest first. */
  resultIds: number[]
  /** Autify's page for the test in the latest of them; null when it did not run there. */
  url?: string | null
}

/** One run of this check on a base-branch commit: every attempt's result ID, the first first. */
export interface BaselineRun {
  sha: string
  resultIds: number[]
}

/** The base branch's runs of this check, newest first, from the base commit back. */
export interface BaselineRuns {
  ref: string | null
  /** The base commit: `pull_request.base.sha`, `merge_group.base_sha`, `push.before`. */
  sha: string
  runs: BaselineRun[]
}

/** Looks for the base branch's runs (until `signal`, a cancelled job, aborts); `missing` says why there are none to compare with. */
export type FindBaseline = (signal?: AbortSignal) => Promise<BaselineRuns | { missing: string }>

export interface TestCaseReport {
  scenarioId: number
  scenarioName: string
  scenarioUrl: string
  capability: CapabilityInfo
  /** Status of the last attempt: it decides the outcome. */
  status: TestCaseStatus
  durationMs: number | null
  startedAt: string | null
  finishedAt: string | null
  /** Autify's page for this test case result (the last attempt). */
  url: string | null
  /** Number of "review needed" flags on the last attempt. */
  reviewNeeded: number
  /** Did not pass at first, passed on a retry. */
  flaky: boolean
  attempts: TestCaseAttempt[]
  /** Variables the last attempt exported (`export_variables`); values are never logged. Absent: none read. */
  exports?: { key: string; value: string | null }[]
  /** Recent history of a test case that failed, was flaky or failed lately; absent when not looked up. */
  history?: TestCaseHistory | null
}

/**
 * How the step ends:
 * - `running`: a snapshot taken while waiting (progress updates only);
 * - `passed`/`failed`: the run finished (after any retries);
 * - `started`: `wait: false`, the run was started and not waited for;
 * - `timed-out`: the overall timeout passed before the run finished;
 * - `cancelled`: the job was cancelled while waiting;
 * - `error`: waiting ended on an API error.
 */
export type RunOutcome = 'running' | 'passed' | 'failed' | 'started' | 'timed-out' | 'cancelled' | 'error'

export interface RunCounts {
  total: number
  passed: number
  /** `failed` + `internal_error`. */
  failed: number
  /** `skipped` + `canceled`. */
  skipped: number
  /** Not finished yet (queuing, waiting, running). */
  unfinished: number
  flaky: number
  reviewNeeded: number
}

export interface RunReport {
  projectId: number
  kind: 'scenarios' | 'test-plan'
  testPlan: { id: number; name: string | null } | null
  executionName: string | null
  /** The first attempt's result: what `result-id`/`result-url` name. */
  resultId: number
  resultUrl: string
  /** Every attempt's result, the first one first. */
  attempts: { resultId: number; resultUrl: string; status: ResultStatus }[]
  /** Autify's status of the run as a whole, after retries (`started` when not waited for). */
  status: ResultStatus | 'started'
  outcome: RunOutcome
  /** Why the outcome is not a plain pass or fail, e.g. the timeout or the API error. */
  note: string | null
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  testCases: TestCaseReport[]
  counts: RunCounts
  /** Autify credits the run consumed; null when nothing was charged (e.g. run-based contracts). */
  credits?: RunCredits | null
  /**
   * The failure history: read from `runs` earlier runs (the base branch's, or else the plan's latest
   * in Autify), or `unavailable` (why it could not be read, and every failure counts as new); null
   * when nothing needed it.
   */
  history?: {
    runs: number
    unavailable?: string
    /** The base branch's runs compared with, or null when the plan's latest runs in Autify were used. */
    baseline?: { ref: string | null; sha: string; resultIds: number[] } | null
    /** Why no base-branch run was used, when the plan's latest runs in Autify were. */
    fallback?: string
  } | null
  /** `new`: failures known from earlier runs do not fail the step (`fail-on`). */
  failOn?: 'any' | 'new'
}

export interface RunCredits {
  total: number
  /** Per attempt, the first one first. */
  perAttempt: number[]
  /** With retries: what re-running everything each time would have cost. */
  rerunEverything: number | null
}

export function countTestCases(testCases: readonly TestCaseReport[]): RunCounts {
  const counts: RunCounts = { total: 0, passed: 0, failed: 0, skipped: 0, unfinished: 0, flaky: 0, reviewNeeded: 0 }
  for (const testCase of testCases) {
    counts.total++
    if (testCase.status === 'passed') counts.passed++
    else if (isFailure(testCase.status)) counts.failed++
    else if (isSkip(testCase.status)) counts.skipped++
    else counts.unfinished++
    if (testCase.flaky) counts.flaky++
    if (testCase.reviewNeeded > 0) counts.reviewNeeded++
  }
  return counts
}

const SEVERITY: Record<string, number> = {
  failed: 0,
  internal_error: 1,
  running: 2,
  waiting: 3,
  queuing: 3,
  canceled: 4,
  skipped: 5,
  passed: 6
}

/** Failures first, then unfinished, cancelled, skipped, passed; flaky passes before clean ones. */
export function byImportance(a: TestCaseReport, b: TestCaseReport): number {
  return (
    (SEVERITY[a.status] ?? 9) - (SEVERITY[b.status] ?? 9) ||
    Number(b.flaky) - Number(a.flaky) ||
    Number(b.reviewNeeded > 0) - Number(a.reviewNeeded > 0) ||
    a.capability.label.localeCompare(b.capability.label) ||
    a.scenarioName.localeCompare(b.scenarioName) ||
    a.scenarioId - b.scenarioId
  )
}
