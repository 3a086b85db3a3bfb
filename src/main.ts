import * as core from '@actions/core'
import { AutifyClient } from './autify/client.js'
import { executeRun } from './autify/execute-run.js'
import { ScenarioNames } from './autify/scenario-names.js'
import { listenForCancellation } from './cancellation.js'
import { annotationLocation } from './github/annotation-location.js'
import { type GitHubContext, readGitHubContext } from './github/context.js'
import { GitHubReporter } from './github/github-reporter.js'
import { log, loggedText, redact, setOutput } from './log.js'
import type { RunReport } from './model.js'
import { escapeMarkdown } from './report/markdown.js'
import { renderJobSummary } from './report/summary.js'
import { setRunOutputs, writeJobSummary, writeJUnit } from './report/write-reports.js'
import { InputError } from './settings/input-error.js'
import { readSettings } from './settings/read-settings.js'
import type { Settings } from './settings/settings.js'
import { realClock } from './util/clock.js'

/** The runner kills the step ~10 s after cancelling it; clean-up must end well before. */
const CANCEL_BUDGET_MS = 4500
/** Each clean-up request after a cancel gets at most this long. */
const CANCEL_REQUEST_MS = 2500

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
    const github = readGitHubContext()
    let settings: Settings
    try {
      const read = readSettings((name) => core.getInput(name), github)
      settings = read.settings
      for (const warning of read.warnings) log.warning(warning)
    } catch (error) {
      core.setFailed(redact(error instanceof InputError ? error.message : `Invalid inputs: ${(error as Error).message}`))
      return
    }
    await runWith(settings, github, cancellation.signal, () => cancelledAt)
  } catch (error) {
    core.setFailed(redact(`Unexpected error: ${(error as Error)?.message ?? String(error)}`))
  } finally {
    cancellation.dispose()
  }
}

async function runWith(settings: Settings, github: GitHubContext, signal: AbortSignal, cancelledAt: () => number | null): Promise<void> {
  const client = new AutifyClient({
    apiUrl: settings.apiUrl,
    accessToken: settings.accessToken,
    signal,
    onRetry: log.info
  })
  const names = new ScenarioNames(client, settings.target.projectId)
  const reporter = new GitHubReporter(settings, github, annotationLocation(github))

  let report: RunReport
  try {
    report = await executeRun(
      settings,
      { client, names, clock: realClock, signal },
      {
        info: log.info,
        warn: log.warning,
        onStarted: (resultId, resultUrl) => {
          setOutput('result-id', resultId)
          setOutput('result-url', resultUrl)
          log.info(`Started ${describeTarget(settings)}: ${resultUrl}`)
          reporter.onStarted(resultId, resultUrl, startedReport(settings, resultId, resultUrl))
        },
        onProgress: (progress, finished) => reporter.onProgress(progress, finished)
      }
    )
  } catch (error) {
    const message = signal.aborted
      ? `The job was cancelled before the run was confirmed to start. A run may have started anyway: look at ${settings.webUrl}/projects/${settings.target.projectId}/results.`
      : (error as Error).message
    if (settings.github.jobSummary) {
      await writeJobSummary(`## ⚠️ Autify: the run did not start\n\n${escapeMarkdown(message)}\n`).catch(() => undefined)
    }
    setOutput('status', 'error')
    setOutput('exit-code', '1')
    core.setFailed(redact(message))
    setOutput('log', loggedText())
    return
  } finally {
    client.dispose()
  }
  const failures = await publishReport(settings, github, reporter, report, signal)
  setOutput('log', loggedText())
  const cancelTime = cancelledAt()
  if (cancelTime) log.info(`Clean-up after the cancel took ${Date.now() - cancelTime}ms.`)

  const verdict = verdictOf(report)
  if (verdict) core.setFailed(redact(verdict))
  else log.info(report.outcome === 'started' ? `Not waiting for the result: ${report.resultUrl}` : `Passed: ${report.resultUrl}`)
  for (const failure of failures) core.setFailed(redact(failure))
}

/**
 * Outputs, JUnit, check run, Testify, job summary. The check run and Testify go out side by side;
 * after a cancel the job summary is written first, as the time left is short. Returns reporting
 * failures that must fail the step.
 */
async function publishReport(
  settings: Settings,
  github: GitHubContext,
  reporter: GitHubReporter,
  report: RunReport,
  signal: AbortSignal
): Promise<string[]> {
  const cancelled = report.outcome === 'cancelled' || signal.aborted
  const failures: string[] = []
  const sections: string[] = []
  const writeSummary = async () => {
    if (!settings.github.jobSummary) return
    await writeJobSummary(renderJobSummary(report, { runUrl: github.runUrl, sections })).catch((error: Error) =>
      log.warning(`Could not write the job summary: ${error.message}`)
    )
  }

  setRunOutputs(report)
  if (settings.junitReport && report.outcome !== 'started') {
    await writeJUnit(settings.junitReport, report).catch((error: Error) =>
      failures.push(`Could not write the JUnit report to '${settings.junitReport}': ${error.message}`)
    )
  }
  if (cancelled) {
    await writeSummary()
    await reporter
      .finish(report, AbortSignal.timeout(CANCEL_REQUEST_MS))
      .catch((error: Error) => log.warning(`Reporting to GitHub failed: ${error.message}`))
    if (settings.testify) log.info('Not publishing to Testify: the job was cancelled.')
    return failures
  }
  await Promise.all([
    reporter.finish(report).catch((error: Error) => log.warning(`Reporting to GitHub failed: ${error.message}`)),
    publishTestify(settings, report, signal).then((testify) => {
      if (!testify) return
      sections.push(testify.section)
      for (const [name, value] of Object.entries(testify.outputs)) setOutput(name, value)
      if (testify.failure) failures.push(testify.failure)
    })
  ])
  await writeSummary()
  return failures
}

/** Publishes a finished run to Testify when that is configured; loaded only then. */
async function publishTestify(settings: Settings, report: RunReport, signal: AbortSignal) {
  if (!settings.testify) return null
  if (report.outcome !== 'passed' && report.outcome !== 'failed') {
    log.info(`Not publishing to Testify: the run did not finish (${report.outcome}).`)
    return null
  }
  const { publishToTestify } = await import('./testify/publish.js')
  return publishToTestify(settings.testify, report, { signal, info: log.info, warn: log.warning })
}

/** Why the step fails, or null when it passes. */
function verdictOf(report: RunReport): string | null {
  const { counts } = report
  switch (report.outcome) {
    case 'passed':
    case 'started':
    case 'running':
      return null
    case 'failed':
      return counts.failed > 0
        ? `${counts.failed} of ${counts.total} Autify test case results failed: ${report.resultUrl}`
        : `The Autify run ended as '${report.status}': ${report.resultUrl}`
    default:
      return report.note ?? `The Autify run did not finish: ${report.resultUrl}`
  }
}

function describeTarget(settings: Settings): string {
  const { target } = settings
  return target.kind === 'test-plan'
    ? `test plan ${target.testPlanId}`
    : `${target.scenarioIds.length > 1 ? 'scenarios' : 'scenario'} ${target.scenarioIds.join(', ')}`
}

/** What the check run shows before the first poll. */
function startedReport(settings: Settings, resultId: number, resultUrl: string): RunReport {
  return {
    projectId: settings.target.projectId,
    kind: settings.target.kind,
    testPlan: settings.target.kind === 'test-plan' ? { id: settings.target.testPlanId, name: null } : null,
    executionName: settings.executionName,
    resultId,
    resultUrl,
    attempts: [{ resultId, resultUrl, status: 'queuing' }],
    status: 'queuing',
    outcome: 'running',
    note: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    testCases: [],
    counts: { total: 0, passed: 0, failed: 0, skipped: 0, unfinished: 0, flaky: 0, reviewNeeded: 0 }
  }
}
