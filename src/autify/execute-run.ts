import { type ResultStatus, type RunOutcome, type RunReport, type TestCaseReport, countTestCases, isFailure } from '../model.js'
import type { Settings } from '../settings/settings.js'
import { type Clock, Deadline } from '../util/clock.js'
import { formatDuration, plural } from '../util/format.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { predictEnd } from './estimate.js'
import { PollSchedule } from './poll-schedule.js'
import { RunHistoryLoader } from './run-history.js'
import { ProgressLog } from './progress.js'
import type { ScenarioNames } from './scenario-names.js'
import { retryRequest, startRun, startWithGrace } from './start-run.js'
import { capabilityRequest, mergeRetry, testCaseKeys, testCasesOf, withNames } from './test-cases.js'
import { type WaitOutcome, waitForResult } from './wait.js'

export interface RunHooks {
  info: (message: string) => void
  warn: (message: string) => void
  /** The first attempt started: result-id and result-url exist from now on. */
  onStarted: (resultId: number, resultUrl: string) => void
  /** A poll brought news; `newlyFinished` lists test cases that finished since the last one. */
  onProgress?: (report: RunReport, newlyFinished: TestCaseReport[]) => void
}

export interface RunDependencies {
  client: AutifyClient
  names: ScenarioNames
  clock: Clock
  signal: AbortSignal
  /** Learns about earlier runs of the same test plan, to predict the end. */
  history?: (resultId: number) => RunHistoryLoader
}

/** How long the report waits for scenario names still being looked up. */
const NAME_LOOKUP_PATIENCE_MS = 15_000

interface Attempt {
  resultId: number
  resultUrl: string
  last: ApiResult | null
}

export function resultUrlOf(settings: Settings, resultId: number): string {
  return `${settings.webUrl}/projects/${settings.target.projectId}/results/${resultId}`
}

/** Starts the run, waits for it, re-runs what did not pass, and returns what happened. */
export async function executeRun(settings: Settings, deps: RunDependencies, hooks: RunHooks): Promise<RunReport> {
  const { client, names, clock, signal } = deps
  const projectId = settings.target.projectId
  const firstId = await startRun(settings, client, { warn: hooks.warn, signal })
  const first: Attempt = { resultId: firstId, resultUrl: resultUrlOf(settings, firstId), last: null }
  hooks.onStarted(first.resultId, first.resultUrl)
  const attempts: Attempt[] = [first]
  const startedAt = clock.now()

  const context = { projectId, webUrl: settings.webUrl, nameOf: names.nameOf }
  const build = (testCases: TestCaseReport[], outcome: RunOutcome, note: string | null) =>
    buildReport(settings, attempts, withNames(testCases, names.nameOf), outcome, note)

  if (!settings.wait) return build([], 'started', 'Not waiting for the result (wait: false).')

  const deadline = Deadline.after(clock, settings.timeoutMs)
  const history = deps.history?.(firstId) ?? new RunHistoryLoader(client, settings.target, firstId)
  let merged: TestCaseReport[] = []
  let retried = new Set<string>()

  for (let attemptNo = 0; ; attemptNo++) {
    const attempt = attempts[attemptNo]
    const prefix = attemptNo === 0 ? '' : `Retry ${attemptNo}: `
    const progress = new ProgressLog(hooks.info, prefix)
    const current = (result: ApiResult) => {
      const cases = testCasesOf(result, context)
      return attemptNo === 0 ? cases : mergeRetry(merged, retried, cases)
    }
    const outcome: WaitOutcome = await waitForResult({
      client,
      projectId,
      resultId: attempt.resultId,
      clock,
      deadline,
      signal,
      schedule: new PollSchedule({ intervalMs: settings.intervalMs }),
      startedAt: attemptNo === 0 ? startedAt : clock.now(),
      firstLook: attemptNo === 0 ? () => history.firstLook() : undefined,
      predict: () => predictEnd(attempt.last, attemptNo === 0 ? history.current : { ...history.current, totalMs: null }),
      onResult: (result) => {
        attempt.last = result
        const cases = testCasesOf(result, context)
        if (cases.length > 1) history.wantTestCaseDurations()
        void names.resolve(cases.map((c) => c.scenarioId)).catch(() => undefined)
        const finished = progress.observe(result, cases, clock.now() - startedAt)
        hooks.onProgress?.(build(current(result), 'running', null), finished)
      },
      onTransientError: hooks.warn
    })

    const lastCases = attempt.last ? current(attempt.last) : merged
    if (outcome.kind !== 'finished') return finish(settings, deps, attempts, lastCases, outcome, build)
    merged = lastCases

    const failing = testCaseKeys(merged).filter((_, i) => merged[i].status !== 'passed')
    const passedSoFar = build(merged, 'failed', null).status === 'passed'
    if (passedSoFar || failing.length === 0 || attemptNo >= settings.maxRetryCount) break
    if (deadline.passed) {
      hooks.warn(`No time left within 'timeout' to retry ${plural(failing.length, 'test case')}.`)
      break
    }
    retried = new Set(failing)
    const toRetry = merged.filter((c) => c.status !== 'passed')
    const scenarioIds = [...new Set(toRetry.map((c) => c.scenarioId))]
    const capabilities = [...new Map(toRetry.map((c) => [c.capability.key, capabilityRequest(c.capability)])).values()]
    hooks.info(
      `Retry ${attemptNo + 1} of ${settings.maxRetryCount}: re-running ${plural(toRetry.length, 'test case')} that did not pass (${plural(scenarioIds.length, 'scenario')} on ${plural(capabilities.length, 'capability', 'capabilities')}).`
    )
    const name = `${settings.executionName ?? attempt.last?.test_plan?.name ?? 'GitHub Actions'} (retry ${attemptNo + 1} of result ${first.resultId})`
    if (signal.aborted) return finish(settings, deps, attempts, merged, { kind: 'cancelled', last: attempt.last, polls: 0 }, build)
    let retryId: number
    try {
      retryId = await startWithGrace(client.executeScenarios(projectId, retryRequest(settings, scenarioIds, capabilities, name)), signal)
    } catch (error) {
      await resolveNames(names, merged, clock, signal)
      return build(merged, signal.aborted ? 'cancelled' : 'error', `Could not start retry ${attemptNo + 1}: ${(error as Error).message}`)
    }
    const retryUrl = resultUrlOf(settings, retryId)
    hooks.info(`Retry ${attemptNo + 1} started: ${retryUrl}`)
    attempts.push({ resultId: retryId, resultUrl: retryUrl, last: null })
  }

  await resolveNames(names, merged, clock, signal)
  const report = build(merged, 'failed', null)
  const outcome: RunOutcome = report.status === 'passed' ? 'passed' : 'failed'
  return { ...report, outcome, note: outcomeNote(report, outcome) }
}

async function finish(
  settings: Settings,
  deps: RunDependencies,
  attempts: Attempt[],
  known: TestCaseReport[],
  outcome: Exclude<WaitOutcome, { kind: 'finished' }>,
  build: (cases: TestCaseReport[], outcome: RunOutcome, note: string | null) => RunReport
): Promise<RunReport> {
  const url = attempts[attempts.length - 1].resultUrl
  if (outcome.kind !== 'cancelled') await resolveNames(deps.names, known, deps.clock, deps.signal)
  switch (outcome.kind) {
    case 'timed-out':
      return build(
        known,
        'timed-out',
        `Timed out after ${formatDuration(settings.timeoutMs)} ('timeout' input) before the run finished. It keeps running in Autify: ${url}`
      )
    case 'cancelled':
      return build(known, 'cancelled', `The job was cancelled while waiting. The run keeps going in Autify: ${url}`)
    case 'error':
      return build(known, 'error', `Waiting stopped on an error: ${outcome.error.message} The run may still be going in Autify: ${url}`)
  }
}

/** Names for the report: waits a little for lookups still under way. */
async function resolveNames(names: ScenarioNames, cases: TestCaseReport[], clock: Clock, signal: AbortSignal): Promise<void> {
  const done = new AbortController()
  const lookup = names.resolve(cases.map((c) => c.scenarioId)).catch(() => undefined)
  const patience = clock.sleep(NAME_LOOKUP_PATIENCE_MS, AbortSignal.any([signal, done.signal])).catch(() => undefined)
  await Promise.race([lookup, patience])
  done.abort()
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

function buildReport(
  settings: Settings,
  attempts: Attempt[],
  testCases: TestCaseReport[],
  outcome: RunOutcome,
  note: string | null
): RunReport {
  const first = attempts[0]
  const lastAttempt = attempts[attempts.length - 1]
  const firstStatus = (first.last?.status ?? 'queuing') as ResultStatus
  const status: RunReport['status'] =
    outcome === 'started' && !first.last
      ? 'started'
      : attempts.length === 1
        ? firstStatus
        : combinedStatus(testCases, (lastAttempt.last?.status ?? 'queuing') as ResultStatus)
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
    attempts: attempts.map((a) => ({
      resultId: a.resultId,
      resultUrl: a.resultUrl,
      status: (a.last?.status ?? 'queuing') as ResultStatus
    })),
    status,
    outcome,
    note,
    startedAt,
    finishedAt,
    durationMs: Number.isFinite(durationMs) ? durationMs : null,
    testCases,
    counts: countTestCases(testCases)
  }
}

function outcomeNote(report: RunReport, outcome: RunOutcome): string | null {
  if (outcome === 'passed') {
    return report.counts.flaky > 0 ? `Passed after retrying: ${plural(report.counts.flaky, 'flaky test case')}.` : null
  }
  const failing = report.testCases.filter((c) => isFailure(c.status)).length
  if (failing === 0) return `Autify reports the run as ${report.status.replace('_', ' ')}.`
  return report.attempts.length > 1
    ? `${plural(failing, 'test case')} still failing after ${plural(report.attempts.length - 1, 'retry', 'retries')}.`
    : null
}
