import { AutifyClient } from './autify/client.js'
import { type RunHooks, executeRun } from './autify/execute-run.js'
import { ScenarioNames } from './autify/scenario-names.js'
import { listenForCancellation } from './cancellation.js'
import { withConnectClient } from './connect/connect-client.js'
import { annotationLocation } from './github/annotation-location.js'
import { baselineSource } from './github/baseline-source.js'
import { CheckRunReporter } from './github/check-run-reporter.js'
import { type GitHubContext, readGitHubContext, setAsideBrokenEventFile } from './github/context.js'
import { PullRequestCommentReporter } from './github/pr-comment-reporter.js'
import { WorkflowCommandsReporter } from './github/workflow-commands-reporter.js'
import { addSecret } from './secrets.js'
import { log, loggedText, useLogSink } from './log.js'
import type { RunReport } from './model.js'
import { JobSummaryReporter, notStartedJobSummary } from './report/job-summary-reporter.js'
import { JUnitReporter } from './report/junit-reporter.js'
import { ReporterFence } from './report/reporter-fence.js'
import { StepOutputs, notStartedOutputs, runOutputs } from './report/outputs.js'
import type { FinishContext, NotStarted, Reporter, ReporterResult } from './report/reporter.js'
import { knownFailuresWarning, verdictOf } from './report/verdict.js'
import { InputError } from './settings/input-error.js'
import { parseBoolean } from './settings/parsers.js'
import { SECRET_INPUTS, readSettings } from './settings/read-settings.js'
import { type Settings, type Target, isExistingResult } from './settings/settings.js'
import { TestifyReporter } from './testify/testify-reporter.js'
import { withPlanVariables } from './variables/with-plan-variables.js'
import type { Runtime } from './runtime.js'
import { AFTER_CANCEL, REPORTING } from './time-budget.js'
import { Deadline } from './util/clock.js'
import { errorMessage } from './util/error-message.js'

/**
 * What the main step reads from and writes to the world: the runtime (less the log sink, which
 * `log.ts` holds), the cancel signal and when it came. `run()` wires the runner's; the in-process
 * tests wire simulators, a virtual clock and recorders.
 */
export interface ActionIO extends Omit<Runtime, 'log'> {
  /** Aborts when the job is cancelled. */
  signal: AbortSignal
  /** When the cancel came, on `clock`; null before. */
  cancelledAt: () => number | null
}

export async function run(runtime: Runtime): Promise<void> {
  useLogSink(runtime.log)
  let cancelledAt: number | null = null
  const cancellation = listenForCancellation((signalName) => {
    cancelledAt = runtime.clock.now()
    announceCancel(signalName)
    setTimeout(() => {
      log.error('Clean-up did not finish in time after the cancel; exiting.')
      process.exit(1)
    }, AFTER_CANCEL.totalMs).unref()
  })
  try {
    await runWith({ ...runtime, signal: cancellation.signal, cancelledAt: () => cancelledAt })
  } finally {
    cancellation.dispose()
  }
}

/** What the log says when the runner cancels the job. */
export function announceCancel(signalName: string): void {
  log.info(`Received ${signalName}: the job is being cancelled. Stopping and reporting what is known…`)
}

/** The whole step: inputs read and checked, the run started and waited for, every target reported to. */
export async function runWith(io: ActionIO): Promise<void> {
  const outputs = new StepOutputs(io.setOutput)
  try {
    const eventWarning = setAsideBrokenEventFile(io.env)
    if (eventWarning) log.warning(eventWarning)
    const github = readGitHubContext(io.env)
    let settings: Settings
    try {
      for (const name of SECRET_INPUTS) addSecret(io.input(name))
      const read = readSettings(io.input, github)
      settings = read.settings
      for (const variable of settings.planVariables) addSecret(variable.value)
      for (const warning of read.warnings) log.warning(warning)
    } catch (error) {
      await endOnInputError(io, outputs, error)
      return
    }
    await withConnectClient(settings, io, {
      run: (connected) => runSettled(connected, github, io, outputs),
      notStarted: (message) => notStartedBeforeRun(settings, github, io, outputs, message)
    })
  } catch (error) {
    const message = `Unexpected error: ${errorMessage(error)}`
    log.fail(message)
    if (outputs.get('status') === undefined) outputs.setAll(notStartedOutputs(message))
    outputs.set('log', loggedText)
  }
}

/** An input was rejected: the step fails naming it, and still sets its outputs and a job summary. */
async function endOnInputError(io: ActionIO, outputs: StepOutputs, error: unknown): Promise<void> {
  const message = error instanceof InputError ? error.message : `Invalid inputs: ${errorMessage(error)}`
  log.fail(message)
  outputs.setAll(notStartedOutputs(message))
  if (wantsJobSummary(io)) {
    const fix = "Nothing was sent to Autify. Correct the input in the step's `with:` and run the job again."
    await io
      .writeSummary(notStartedJobSummary(message, fix))
      .catch((failure: unknown) => log.warning(`Could not write the job summary: ${errorMessage(failure)}`))
  }
  outputs.set('log', loggedText)
}

/** `job-summary`, read on its own when the inputs as a whole were rejected (itself, if unreadable: true). */
function wantsJobSummary(io: ActionIO): boolean {
  try {
    return parseBoolean('job-summary', io.input('job-summary'), true)
  } catch {
    return true
  }
}

/** Every report target the settings ask for. A new target is one more line here. */
export function configuredReporters(
  settings: Settings,
  github: GitHubContext,
  io: Pick<ActionIO, 'clock' | 'wall' | 'writeSummary'>
): Reporter[] {
  const reporters: Reporter[] = []
  const annotations = settings.wait ? settings.github.annotations : 'none'
  if (annotations === 'check-run') {
    const { token, checkName, annotatePasses } = settings.github
    reporters.push(
      new CheckRunReporter(
        { token, checkName, annotatePasses, annotateAtEnd: settings.maxRetryCount > 0 || settings.failOn === 'new' },
        github,
        annotationLocation(github),
        io.clock
      )
    )
  }
  if (annotations === 'workflow-commands') {
    reporters.push(new WorkflowCommandsReporter(annotationLocation(github), { annotatePasses: settings.github.annotatePasses }))
  }
  if (settings.junitReport) reporters.push(new JUnitReporter(settings.junitReport))
  if (settings.wait && settings.github.prComment !== 'off') {
    const { token, checkName, prComment, pullRequest, listTests } = settings.github
    reporters.push(new PullRequestCommentReporter({ token, checkName, mode: prComment, pullRequest, listTests }, github, io.clock))
  }
  if (settings.testify)
    reporters.push(new TestifyReporter(settings.testify, { info: log.info, warn: log.warning, clock: io.clock, wall: io.wall }))
  if (settings.github.jobSummary) reporters.push(new JobSummaryReporter(github.runUrl, settings.github.listTests, io.writeSummary))
  return reporters
}

async function runSettled(settings: Settings, github: GitHubContext, io: ActionIO, outputs: StepOutputs): Promise<void> {
  const { clock, signal } = io
  const deadline = Deadline.after(clock, settings.timeoutMs)
  const reporters = configuredReporters(settings, github, io)
  const client = new AutifyClient({
    apiUrl: settings.apiUrl,
    accessToken: settings.accessToken,
    clock,
    wall: io.wall,
    signal,
    deadline,
    onRetry: log.info
  })
  const names = new ScenarioNames(client, settings.target.projectId)
  const fence = new ReporterFence(reporters, (reporter, error) =>
    log.debug(`The ${reporter.name} could not take an update: ${errorMessage(error)}`)
  )

  // The latest picture of the run; set once it has started, so a later failure is still reported.
  let latest: RunReport | null = null
  let report: RunReport
  try {
    const run = () =>
      executeRun(
        settings,
        { client, names, clock, wall: io.wall, signal, baseline: baselineSource(settings.github, github, reporters, clock) },
        runHooks(settings, outputs, fence, (seen) => (latest = seen))
      )
    report = await withPlanVariables(settings, client, { signal, state: io.state }, run)
  } catch (error) {
    const message = errorMessage(error)
    if (!latest) {
      await reportNotStarted(settings, reporters, outputs, signal.aborted ? null : message, signal, deadline)
      return
    }
    const stopped: RunReport = latest
    report = {
      ...stopped,
      outcome: signal.aborted ? 'cancelled' : 'error',
      note: `Stopped on an error after the run started: ${message} The run may still be going in Autify: ${stopped.resultUrl}`
    }
  } finally {
    fence.close()
    client.dispose()
  }

  await reportRun(report, reporters, io, outputs, deadline)
}

/** The run as it ended, told to every target and the log; the step fails on the verdict or a target's failure. */
async function reportRun(report: RunReport, reporters: readonly Reporter[], io: ActionIO, outputs: StepOutputs, deadline: Deadline) {
  outputs.setAll(runOutputs(report))
  const cancelled = report.outcome === 'cancelled' || io.signal.aborted
  const results = await finishReporters(reporters, report, {
    cancelled,
    signal: AbortSignal.timeout(cancelled ? AFTER_CANCEL.reportingMs : reportingTime(deadline))
  })
  for (const result of results) if (result.outputs) outputs.setAll(result.outputs)
  const cancelTime = io.cancelledAt()
  if (cancelTime) log.info(`Clean-up after the cancel took ${io.clock.now() - cancelTime}ms.`)

  const verdict = verdictOf(report)
  const known = knownFailuresWarning(report)
  if (known) log.warning(known)
  if (verdict) log.fail(verdict)
  else log.info(report.outcome === 'started' ? `Not waiting for the result: ${report.resultUrl}` : `Passed: ${report.resultUrl}`)
  // A target that could not be reported to fails the step only when it says so (JUnit, Testify).
  for (const result of results) if (result.failure) log.fail(result.failure)
  outputs.set('log', loggedText)
}

/** The run's hooks: its start sets result-id and result-url; each picture of the run goes to `seen` and the reporters. */
function runHooks(settings: Settings, outputs: StepOutputs, fence: ReporterFence, seen: (report: RunReport) => void): RunHooks {
  return {
    info: log.info,
    warn: log.warning,
    onStarted: (started) => {
      seen(started)
      outputs.set('result-id', started.resultId)
      outputs.set('result-url', started.resultUrl)
      const verb = isExistingResult(settings.target) ? 'Reporting' : 'Started'
      log.info(`${verb} ${describeTarget(settings.target)}: ${started.resultUrl}`)
      fence.started(started)
    },
    onProgress: (progress, finished) => {
      seen(progress)
      fence.progress(progress, finished)
    }
  }
}

/**
 * Finishes every reporter: the ones that collect sections (the job summary) after the others, or
 * first after a cancel, when the others may run out of time.
 */
async function finishReporters(
  reporters: readonly Reporter[],
  report: RunReport,
  context: Omit<FinishContext, 'sections'>
): Promise<ReporterResult[]> {
  const collectors = reporters.filter((r) => r.collectsSections)
  const others = reporters.filter((r) => !r.collectsSections)
  const finishAll = (list: readonly Reporter[], sections: readonly string[]) =>
    Promise.all(list.map((reporter) => finishOne(reporter, report, { ...context, sections })))
  if (context.cancelled) {
    const first = await finishAll(collectors, [])
    return [...first, ...(await finishAll(others, []))]
  }
  const results = await finishAll(others, [])
  const sections = results.flatMap((r) => (r.section ? [r.section] : []))
  return [...results, ...(await finishAll(collectors, sections))]
}

async function finishOne(reporter: Reporter, report: RunReport, context: FinishContext): Promise<ReporterResult> {
  try {
    return await reporter.finish(report, context)
  } catch (error) {
    log.warning(`Reporting to the ${reporter.name} failed: ${errorMessage(error)}`)
    return {}
  }
}

/** Something the run needs (the Autify Connect Client) failed before the run was started. */
async function notStartedBeforeRun(
  settings: Settings,
  github: GitHubContext,
  io: ActionIO,
  outputs: StepOutputs,
  message: string
): Promise<void> {
  const reporters = configuredReporters(settings, github, io)
  const deadline = Deadline.after(io.clock, settings.timeoutMs)
  await reportNotStarted(settings, reporters, outputs, message, io.signal, deadline)
}

/** The run did not start (or was not confirmed to): every target hears why; the step fails. */
async function reportNotStarted(
  settings: Settings,
  reporters: readonly Reporter[],
  outputs: StepOutputs,
  error: string | null,
  signal: AbortSignal,
  deadline: Deadline
): Promise<void> {
  const resultsUrl = `${settings.webUrl}/projects/${settings.target.projectId}/results`
  const cancelled = isExistingResult(settings.target)
    ? `The job was cancelled before the result to report was read: look at ${resultsUrl}.`
    : `The job was cancelled before the run was confirmed to start. A run may have started anyway: look at ${resultsUrl}.`
  const reason = error ?? cancelled
  const kind = isExistingResult(settings.target) ? 'not-read' : 'not-started'
  const context: FinishContext = {
    cancelled: signal.aborted,
    signal: AbortSignal.timeout(signal.aborted ? AFTER_CANCEL.reportingMs : reportingTime(deadline)),
    sections: []
  }
  const results = await Promise.all(reporters.map((reporter) => tellNotStarted(reporter, { kind, reason, resultsUrl }, context)))
  for (const result of results) if (result.outputs) outputs.setAll(result.outputs)
  outputs.setAll(notStartedOutputs(reason, kind))
  log.fail(reason)
  for (const result of results) if (result.failure) log.fail(result.failure)
  outputs.set('log', loggedText)
}

async function tellNotStarted(reporter: Reporter, event: NotStarted, context: FinishContext): Promise<ReporterResult> {
  try {
    return (await reporter.notStarted?.(event, context)) ?? {}
  } catch (error) {
    log.warning(`Reporting to the ${reporter.name} failed: ${errorMessage(error)}`)
    return {}
  }
}

/** Time for reporting: until `REPORTING.budgetMs` after the deadline, and at least `REPORTING.minMs`. */
function reportingTime(deadline: Deadline): number {
  return Math.max(REPORTING.minMs, Math.ceil(deadline.at + REPORTING.budgetMs - deadline.clock.now()))
}

function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'test-plan':
      return `test plan ${target.testPlanId}`
    case 'scenarios':
      return `${target.scenarioIds.length > 1 ? 'scenarios' : 'scenario'} ${target.scenarioIds.join(', ')}`
    case 'result':
      return `result ${target.resultId}, started elsewhere`
    case 'latest-result':
      return `the latest result of test plan ${target.testPlanId}`
  }
}
