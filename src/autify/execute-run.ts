import { type FindBaseline, type RunOutcome, type RunReport, type TestCaseReport, isFailure } from '../model.js'
import type { AutifyRunSettings, KnownRunSettings } from '../settings/settings.js'
import { type Clock, Deadline, within } from '../util/clock.js'
import { formatDuration, plural } from '../util/format.js'
import type { ApiResult } from './api-types.js'
import type { AutifyClient } from './client.js'
import { predictEnd } from './estimate.js'
import { needsHistory, withHistory } from '../report/classify-history.js'
import { FALLBACK_TEXT, baselineText } from '../report/history-text.js'
import { PollSchedule } from './poll-schedule.js'
import { EarlierRuns, type FailureHistory } from './read-history.js'
import { ProgressLog } from './progress.js'
import type { ScenarioNames } from './scenario-names.js'
import { type Attempt, buildRunReport, resultUrlOf, runStatus } from './run-report.js'
import { startOrFind } from './find-result.js'
import { scenariosBody, startWithGrace } from './start-run.js'
import { capabilityRequest, mergeRetry, testCaseKeys, testCasesOf, withNames } from './test-cases.js'
import { type WaitOutcome, waitForResult } from './wait.js'
import { errorMessage } from '../util/error-message.js'

export interface RunHooks {
  info: (message: string) => void
  warn: (message: string) => void
  /** The first attempt started: result-id and result-url exist from now on. */
  onStarted: (report: RunReport) => void
  /** A poll brought news; `newlyFinished` lists test cases that finished since the last one. */
  onProgress?: (report: RunReport, newlyFinished: TestCaseReport[]) => void
}

export interface RunDependencies {
  client: AutifyClient
  names: ScenarioNames
  clock: Clock
  /** Real time, which the patience for lookups (real requests) is measured on. */
  wall: Clock
  signal: AbortSignal
  /** Finds the base branch's runs the failure history compares with; without it, the plan's latest runs in Autify. */
  baseline?: FindBaseline
}

/**
 * How long the report waits for scenario names still being looked up: at most this, and once
 * 'timeout' has passed only NAME_LOOKUP_GRACE_MS (then names fall back to `Scenario #ID`).
 */
const NAME_LOOKUP_PATIENCE_MS = 15_000
export const NAME_LOOKUP_GRACE_MS = 2000
/** Reading the failure history (a list and a few results) waits at most this, within the same grace. */
const HISTORY_PATIENCE_MS = 10_000

/** The failure history as far as this run goes: read, or unavailable and why. */
type HistoryRead = FailureHistory | { unavailable: string }

type BuildReport = (testCases: TestCaseReport[], outcome: RunOutcome, note: string | null) => RunReport

/** Starts the run (or finds one started elsewhere), waits for it, re-runs what did not pass, and returns what happened. */
export async function executeRun(given: AutifyRunSettings, deps: RunDependencies, hooks: RunHooks): Promise<RunReport> {
  const { resultId, settings } = await startOrFind(given, deps.client, { warn: hooks.warn, signal: deps.signal, wall: deps.wall })
  const attempts: Attempt[] = [{ resultId, resultUrl: resultUrlOf(settings, resultId), last: null }]
  const startedAt = deps.clock.now()
  const build: BuildReport = (testCases, outcome, note) =>
    buildRunReport(settings, attempts, withNames(testCases, deps.names.nameOf), outcome, note)
  hooks.onStarted(build([], 'running', null))

  if (!settings.wait) return build([], 'started', 'Not waiting for the result (wait: false).')
  return new RunExecution(settings, deps, hooks, attempts, startedAt, build).run()
}

/** A run being waited for and retried: each attempt in turn, then the report of the last. */
class RunExecution {
  private readonly deadline: Deadline
  private readonly history: EarlierRuns
  private readonly context: { projectId: number; webUrl: string; nameOf: ScenarioNames['nameOf'] }
  /** The failure history, read once, from the first failure on (or at the end, for a flaky pass). */
  private historyRead: Promise<HistoryRead> | null = null
  private known: FailureHistory | null = null
  /** Progress goes out in the order it was seen, even when a failure waits for its name and history. */
  private progressed: Promise<unknown> = Promise.resolve()
  private waitingNotices = 0
  /** The test cases of every attempt so far, each as its latest attempt left it. */
  private merged: TestCaseReport[] = []
  /** The keys of the test cases the current retry re-runs. */
  private retried = new Set<string>()

  constructor(
    private readonly settings: KnownRunSettings,
    private readonly deps: RunDependencies,
    private readonly hooks: RunHooks,
    private readonly attempts: Attempt[],
    private readonly startedAt: number,
    private readonly build: BuildReport
  ) {
    this.deadline = Deadline.after(deps.clock, settings.timeoutMs)
    this.history = new EarlierRuns(deps.client, settings.target, attempts[0].resultId, (id) => resultUrlOf(settings, id))
    this.context = { projectId: settings.target.projectId, webUrl: settings.webUrl, nameOf: deps.names.nameOf }
  }

  async run(): Promise<RunReport> {
    for (let attemptNo = 0; ; attemptNo++) {
      const stopped = await this.waitFor(attemptNo)
      if (stopped) return stopped
      const failing = this.toRetry(attemptNo)
      if (!failing) break
      const notStarted = await this.startRetry(attemptNo, failing)
      if (notStarted) return notStarted
    }
    return this.finished()
  }

  /** Waits for attempt `attemptNo`; the report when the wait ended before the result did. */
  private async waitFor(attemptNo: number): Promise<RunReport | null> {
    const { client, clock, signal } = this.deps
    const attempt = this.attempts[attemptNo]
    const progress = new ProgressLog(this.hooks.info, attemptNo === 0 ? '' : `Retry ${attemptNo}: `)
    const outcome: WaitOutcome = await waitForResult({
      client,
      projectId: this.context.projectId,
      resultId: attempt.resultId,
      clock,
      deadline: this.deadline,
      signal,
      schedule: new PollSchedule({ intervalMs: this.settings.intervalMs }),
      startedAt: attemptNo === 0 ? this.startedAt : clock.now(),
      firstLook: attemptNo === 0 ? () => this.history.firstLook() : undefined,
      predict: () => predictEnd(attempt.last, attemptNo === 0 ? this.history.current : { ...this.history.current, totalMs: null }),
      onResult: (result) => this.onResult(attemptNo, result, progress),
      onTransientError: this.hooks.warn
    })
    // The log lines of the last reads wait for names still being looked up.
    await withPatience(progress.flush(), NAME_LOOKUP_PATIENCE_MS, this.deadline, signal, this.deps.wall)

    const lastCases = attempt.last ? this.current(attemptNo, attempt.last) : this.merged
    if (outcome.kind !== 'finished') return finish(this.settings, this.deps, this.deadline, this.attempts, lastCases, outcome, this.build)
    this.merged = lastCases
    return null
  }

  /** The test cases as of `result`: a retry's merged into the earlier attempts'. */
  private current(attemptNo: number, result: ApiResult): TestCaseReport[] {
    const cases = testCasesOf(result, this.context)
    return attemptNo === 0 ? cases : mergeRetry(this.merged, this.retried, cases)
  }

  private onResult(attemptNo: number, result: ApiResult, progress: ProgressLog): void {
    const { names, clock } = this.deps
    this.attempts[attemptNo].last = result
    const cases = testCasesOf(result, this.context)
    if (cases.length > 1) this.history.wantTestCaseDurations()
    const lookup = names.resolve(cases.map((c) => c.scenarioId)).catch(() => undefined)
    const finished = progress.observe(result, cases, clock.now() - this.startedAt, lookup, (named) => withNames(named, names.nameOf))
    const snapshot = this.current(attemptNo, result)
    const notify = () =>
      this.hooks.onProgress?.(
        this.build(this.withKnownHistory(snapshot), 'running', null),
        this.withKnownHistory(withNames(finished, names.nameOf))
      )
    // A failure may be annotated at once, and annotations cannot be edited: name it and learn its history first.
    const ready = finished.some((c) => isFailure(c.status)) ? Promise.all([lookup, this.readHistory()]) : null
    if (!ready && this.waitingNotices === 0) notify()
    else {
      this.waitingNotices++
      this.progressed = this.progressed
        .then(() => ready)
        .then(notify)
        .catch(() => undefined)
        .then(() => this.waitingNotices--)
    }
  }

  private readHistory(): Promise<HistoryRead> {
    const { baseline, signal, wall } = this.deps
    const findBaseline = baseline && (() => baseline(signal))
    return (this.historyRead ??= failureHistoryWithin(this.history, findBaseline, this.deadline, signal, wall).then((read) => {
      if ('outcomesOf' in read) this.known = read
      return read
    }))
  }

  private withKnownHistory(cases: TestCaseReport[]): TestCaseReport[] {
    return this.known ? withHistory(cases, this.known.outcomesOf, this.known.baseline) : cases
  }

  /** The keys of the test cases to retry after attempt `attemptNo`, or null when none is. */
  private toRetry(attemptNo: number): string[] | null {
    const merged = this.merged
    const failing = testCaseKeys(merged).filter((_, i) => merged[i].status !== 'passed')
    const passedSoFar = runStatus(this.attempts, merged) === 'passed'
    if (passedSoFar || failing.length === 0 || attemptNo >= this.settings.maxRetryCount) return null
    if (this.deadline.passed) {
      this.hooks.warn(`No time left within 'timeout' to retry ${plural(failing.length, 'test case')}.`)
      return null
    }
    return failing
  }

  /** Starts retry `attemptNo + 1`; the report when it could not be started. */
  private async startRetry(attemptNo: number, failing: string[]): Promise<RunReport | null> {
    const { settings, deps, hooks, merged } = this
    const attempt = this.attempts[attemptNo]
    this.retried = new Set(failing)
    const toRetry = merged.filter((c) => c.status !== 'passed')
    const scenarioIds = [...new Set(toRetry.map((c) => c.scenarioId))]
    const capabilities = [...new Map(toRetry.map((c) => [c.capability.key, capabilityRequest(c.capability)])).values()]
    hooks.info(
      `Retry ${attemptNo + 1} of ${settings.maxRetryCount}: re-running ${plural(toRetry.length, 'test case')} that did not pass (${plural(scenarioIds.length, 'scenario')} on ${plural(capabilities.length, 'capability', 'capabilities')}).`
    )
    const name = `${settings.executionName ?? attempt.last?.test_plan?.name ?? 'GitHub Actions'} (retry ${attemptNo + 1} of result ${this.attempts[0].resultId})`
    if (deps.signal.aborted)
      return finish(settings, deps, this.deadline, this.attempts, merged, { kind: 'cancelled', last: attempt.last, polls: 0 }, this.build)
    let retryId: number
    try {
      const body = scenariosBody(settings, scenarioIds, capabilities, name)
      retryId = await startWithGrace(deps.client.executeScenarios(this.context.projectId, body), deps)
    } catch (error) {
      await resolveNames(deps.names, merged, this.deadline, deps.signal, deps.wall)
      return this.build(
        merged,
        deps.signal.aborted ? 'cancelled' : 'error',
        `Could not start retry ${attemptNo + 1}: ${errorMessage(error)}`
      )
    }
    const retryUrl = resultUrlOf(settings, retryId)
    hooks.info(`Retry ${attemptNo + 1} started: ${retryUrl}`)
    this.attempts.push({ resultId: retryId, resultUrl: retryUrl, last: null })
    return null
  }

  /** Every attempt finished: the report, with the failure history when it matters. */
  private async finished(): Promise<RunReport> {
    const { merged, deps, settings } = this
    const [, read] = await Promise.all([
      resolveNames(deps.names, merged, this.deadline, deps.signal, deps.wall),
      needsHistory(merged) ? this.readHistory() : null
    ])
    const cases = read && 'outcomesOf' in read ? withHistory(merged, read.outcomesOf, read.baseline) : merged
    const report = this.build(cases, 'failed', null)
    const outcome: RunOutcome = report.status === 'passed' ? 'passed' : 'failed'
    if (read) tellHistory(read, settings.failOn, this.hooks)
    return { ...report, outcome, note: outcomeNote(report, outcome), history: read ? historyOutOf(read) : null }
  }
}

/** The log says what the failures were compared with, or why the history is unavailable. */
function tellHistory(read: HistoryRead, failOn: AutifyRunSettings['failOn'], hooks: RunHooks): void {
  const say = failOn === 'new' ? hooks.warn : hooks.info
  if ('unavailable' in read) {
    say(
      `Failure history unavailable (${read.unavailable}): every failure counts as new${failOn === 'new' ? ', and fails the step (fail-on: new)' : ''}.`
    )
  } else if (read.baseline) {
    hooks.info(`Failure history: ${baselineText(read.baseline)}.`)
  } else {
    say(`Failure history: ${FALLBACK_TEXT}: ${plural(read.runs, 'earlier run')}. Why: ${read.fallback ?? 'no base commit'}.`)
  }
}

function historyOutOf(read: HistoryRead): NonNullable<RunReport['history']> {
  if ('unavailable' in read) return { runs: 0, unavailable: read.unavailable }
  return { runs: read.runs, baseline: read.baseline, ...(read.fallback && { fallback: read.fallback }) }
}

/** The failure history, or why it is unavailable: within HISTORY_PATIENCE_MS and the time left. */
async function failureHistoryWithin(
  history: EarlierRuns,
  findBaseline: FindBaseline | undefined,
  deadline: Deadline,
  signal: AbortSignal,
  wall: Clock
): Promise<HistoryRead> {
  const read = history.failureHistory(findBaseline).catch((error: unknown): HistoryRead => ({ unavailable: errorMessage(error) }))
  const patienceMs = Math.min(HISTORY_PATIENCE_MS, deadline.remainingMs() + NAME_LOOKUP_GRACE_MS)
  return (
    (await withPatience(read, HISTORY_PATIENCE_MS, deadline, signal, wall)) ?? {
      unavailable: signal.aborted ? 'the job was cancelled' : `not read within ${formatDuration(patienceMs)}`
    }
  )
}

/**
 * `work`'s value, or null once `maxMs` (cut to the time left before the deadline, plus a short
 * grace) have passed or the job is cancelled. Real time: the work is real requests, whatever clock
 * the run is measured on.
 */
async function withPatience<T>(work: Promise<T>, maxMs: number, deadline: Deadline, signal: AbortSignal, wall: Clock): Promise<T | null> {
  const patienceMs = Math.min(maxMs, deadline.remainingMs() + NAME_LOOKUP_GRACE_MS)
  return within(
    work.catch(() => null),
    { ms: patienceMs, clock: wall, signal },
    () => null
  )
}

async function finish(
  settings: KnownRunSettings,
  deps: RunDependencies,
  deadline: Deadline,
  attempts: Attempt[],
  known: TestCaseReport[],
  outcome: Exclude<WaitOutcome, { kind: 'finished' }>,
  build: (cases: TestCaseReport[], outcome: RunOutcome, note: string | null) => RunReport
): Promise<RunReport> {
  const url = attempts[attempts.length - 1].resultUrl
  if (outcome.kind !== 'cancelled') await resolveNames(deps.names, known, deadline, deps.signal, deps.wall)
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
async function resolveNames(
  names: ScenarioNames,
  cases: TestCaseReport[],
  deadline: Deadline,
  signal: AbortSignal,
  wall: Clock
): Promise<void> {
  await withPatience(names.resolve(cases.map((c) => c.scenarioId)), NAME_LOOKUP_PATIENCE_MS, deadline, signal, wall)
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
