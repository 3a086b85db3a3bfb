import * as core from '@actions/core'
import { AutifyClient } from './autify/client.js'
import { executeRun } from './autify/execute-run.js'
import { ScenarioNames } from './autify/scenario-names.js'
import { listenForCancellation } from './cancellation.js'
import { withConnectClient } from './connect/connect-client.js'
import { annotationLocation } from './github/annotation-location.js'
import { CheckRunReporter } from './github/check-run-reporter.js'
import { type GitHubContext, readGitHubContext, setAsideBrokenEventFile } from './github/context.js'
import { PullRequestCommentReporter } from './github/pr-comment-reporter.js'
import { WorkflowCommandsReporter } from './github/workflow-commands-reporter.js'
import { log, loggedText } from './log.js'
import type { RunReport } from './model.js'
import { JobSummaryReporter, writeJobSummary } from './report/job-summary-reporter.js'
import { JUnitReporter } from './report/junit-reporter.js'
import { ReporterFence } from './report/reporter-fence.js'
import { escapeMarkdown } from './report/markdown.js'
import { StepOutputs, runOutputs } from './report/outputs.js'
import type { FinishContext, Reporter, ReporterResult } from './report/reporter.js'
import { knownFailuresWarning, verdictOf } from './report/verdict.js'
import { InputError } from './settings/input-error.js'
import { readSettings } from './settings/read-settings.js'
import type { Settings } from './settings/settings.js'
import { TestifyReporter } from './testify/testify-reporter.js'
import { Deadline, realClock } from './util/clock.js'

/** The runner kills the step ~10 s after cancelling it; clean-up must end well before. */
const CANCEL_BUDGET_MS = 4500
/** After a cancel, reporters get this long in all (the job summary is written first). */
const CANCEL_REPORTING_MS = 2500
/**
 * Reporting to GitHub and Testify ends at most this long after `timeout` (the run itself never
 * goes past it), so a silent API cannot hold the step much beyond the time the user gave it...
 */
export const REPORTING_BUDGET_MS = 12_000
/** ...but always gets this long, even when the last read and the name look-ups used the budget. */
const REPORTING_MIN_MS = 3000

export async function run(): Promise<void> {
  let cancelledAt: number | null = null
  const cancellation = listenForCancellation((signalName) => {
    cancelledAt = Date.now()
    log.info(`Received ${signalName}: the job is being cancelled. Stopping and reporting what is known…`)
    setTimeout(() => {
      log.error('Clean-up did not finish in time after the cancel; exiting.')
      process.exit(1)
    }, CANCEL_BUDGET_MS).unref()
  })
  try {
    const eventWarning = setAsideBrokenEventFile()
    if (eventWarning) log.warning(eventWarning)
    const github = readGitHubContext()
    let settings: Settings
    try {
      const read = readSettings((name) => core.getInput(name), github)
      settings = read.settings
      for (const warning of read.warnings) log.warning(warning)
    } catch (error) {
      log.fail(error instanceof InputError ? error.message : `Invalid inputs: ${(error as Error).message}`)
      return
    }
    await withConnectClient(settings, cancellation.signal, {
      run: (connected) => runWith(connected, github, cancellation.signal, () => cancelledAt),
      notStarted: (message) => reportNotStarted(settings, new StepOutputs(), message)
    })
  } catch (error) {
    log.fail(`Unexpected error: ${(error as Error)?.message ?? String(error)}`)
  } finally {
    cancellation.dispose()
  }
}

/** Every report target the settings ask for. A new target is one more line here. */
export function configuredReporters(settings: Settings, github: GitHubContext): Reporter[] {
  const reporters: Reporter[] = []
  const annotations = settings.wait ? settings.github.annotations : 'none'
  if (annotations === 'check-run') {
    const { token, checkName, annotatePasses } = settings.github
    reporters.push(
      new CheckRunReporter(
        { token, checkName, annotatePasses, annotateAtEnd: settings.maxRetryCount > 0 || settings.failOn === 'new' },
        github,
        annotationLocation(github)
      )
    )
  }
  if (annotations === 'workflow-commands') {
    reporters.push(new WorkflowCommandsReporter(annotationLocation(github), { annotatePasses: settings.github.annotatePasses }))
  }
  if (settings.junitReport) reporters.push(new JUnitReporter(settings.junitReport))
  if (settings.wait && settings.github.prComment !== 'off') {
    const { token, checkName, prComment, pullRequest, listTests } = settings.github
    reporters.push(new PullRequestCommentReporter({ token, checkName, mode: prComment, pullRequest, listTests }, github))
  }
  if (settings.testify) reporters.push(new TestifyReporter(settings.testify, { info: log.info, warn: log.warning }))
  if (settings.github.jobSummary) reporters.push(new JobSummaryReporter(github.runUrl, settings.github.listTests))
  return reporters
}

async function runWith(settings: Settings, github: GitHubContext, signal: AbortSignal, cancelledAt: () => number | null): Promise<void> {
  const deadline = Deadline.after(realClock, settings.timeoutMs)
  const outputs = new StepOutputs()
  const reporters = configuredReporters(settings, github)
  const client = new AutifyClient({ apiUrl: settings.apiUrl, accessToken: settings.accessToken, signal, deadline, onRetry: log.info })
  const names = new ScenarioNames(client, settings.target.projectId)
  const fence = new ReporterFence(reporters, (reporter, error) =>
    log.debug(`The ${reporter.name} could not take an update: ${(error as Error).message}`)
  )

  // The latest picture of the run; set once it has started, so a later failure is still reported.
  let latest: RunReport | null = null
  let report: RunReport
  try {
    report = await executeRun(
      settings,
      { client, names, clock: realClock, signal },
      {
        info: log.info,
        warn: log.warning,
        onStarted: (started) => {
          latest = started
          outputs.set('result-id', started.resultId)
          outputs.set('result-url', started.resultUrl)
          log.info(`Started ${describeTarget(settings)}: ${started.resultUrl}`)
          fence.started(started)
        },
        onProgress: (progress, finished) => {
          latest = progress
          fence.progress(progress, finished)
        }
      }
    )
  } catch (error) {
    const message = (error as Error)?.message ?? String(error)
    if (!latest) {
      await reportNotStarted(settings, outputs, signal.aborted ? null : message)
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

  outputs.setAll(runOutputs(report))
  const cancelled = report.outcome === 'cancelled' || signal.aborted
  const results = await finishReporters(reporters, report, {
    cancelled,
    signal: AbortSignal.timeout(cancelled ? CANCEL_REPORTING_MS : reportingTime(deadline))
  })
  for (const result of results) if (result.outputs) outputs.setAll(result.outputs)
  outputs.set('log', loggedText())
  const cancelTime = cancelledAt()
  if (cancelTime) log.info(`Clean-up after the cancel took ${Date.now() - cancelTime}ms.`)

  const verdict = verdictOf(report)
  const known = knownFailuresWarning(report)
  if (known) log.warning(known)
  if (verdict) log.fail(verdict)
  else log.info(report.outcome === 'started' ? `Not waiting for the result: ${report.resultUrl}` : `Passed: ${report.resultUrl}`)
  // A target that could not be reported to fails the step only when it says so (JUnit, Testify).
  for (const result of results) if (result.failure) log.fail(result.failure)
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
    log.warning(`Reporting to the ${reporter.name} failed: ${(error as Error).message}`)
    return {}
  }
}

/** The run did not start (or was not confirmed to): say why, in the summary and the outputs. */
async function reportNotStarted(settings: Settings, outputs: StepOutputs, error: string | null): Promise<void> {
  const message =
    error ??
    `The job was cancelled before the run was confirmed to start. A run may have started anyway: look at ${settings.webUrl}/projects/${settings.target.projectId}/results.`
  if (settings.github.jobSummary) {
    await writeJobSummary(`## ⚠️ Autify: the run did not start\n\n${escapeMarkdown(message)}\n`).catch(() => undefined)
  }
  outputs.set('status', 'error')
  outputs.set('exit-code', '1')
  log.fail(message)
  outputs.set('log', loggedText())
}

/** Time for reporting: until REPORTING_BUDGET_MS after the deadline, and at least REPORTING_MIN_MS. */
function reportingTime(deadline: Deadline): number {
  return Math.max(REPORTING_MIN_MS, deadline.at + REPORTING_BUDGET_MS - deadline.clock.now())
}

function describeTarget(settings: Settings): string {
  const { target } = settings
  return target.kind === 'test-plan'
    ? `test plan ${target.testPlanId}`
    : `${target.scenarioIds.length > 1 ? 'scenarios' : 'scenario'} ${target.scenarioIds.join(', ')}`
}
