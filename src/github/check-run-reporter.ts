import { log } from '../log.js'
import { type RunReport, type TestCaseReport, isFailure } from '../model.js'
import {
  type Annotation,
  type AnnotationChoice,
  type AnnotationLocation,
  CHECK_RUN_ANNOTATION_LIMIT,
  toAnnotations
} from '../report/annotations.js'
import { renderCheckOutput } from '../report/check-output.js'
import { escapeMarkdown } from '../report/markdown.js'
import { notStartedTitle } from '../report/not-started.js'
import type { FinishContext, NotStarted, Reporter, ReporterResult } from '../report/reporter.js'
import { conclusionOf } from '../report/verdict.js'
import type { CheckRun } from './check-run.js'
import type { CheckRunApp } from './api-shapes.js'
import type { GitHubContext } from './context.js'
import { markResults } from './results-marker.js'
import { withinSignal } from '../util/abort.js'
import type { Clock } from '../util/clock.js'
import { WorkflowCommandsReporter } from './workflow-commands-reporter.js'
import { errorMessage } from '../util/error-message.js'

/** Seconds between two in-progress updates of the check run, unless a test case failed. */
const PROGRESS_UPDATE_GAP_MS = 15_000

export interface CheckRunOptions extends AnnotationChoice {
  /** Token for the Checks API; null when none was given. */
  token: string | null
  checkName: string
  /**
   * Annotate failures only at the end: with retries ahead a failure may still pass, and with
   * `fail-on: new` its level depends on its history, read when the run has ended.
   */
  annotateAtEnd: boolean
}

/**
 * A check run on the commit with an annotation per failure and warning (and per pass when asked): created as the run starts,
 * failures annotated as they happen, completed at the end. When the token cannot write checks, the
 * results go out as workflow commands instead.
 */
export class CheckRunReporter implements Reporter {
  readonly name = 'check run'
  private checkRun: Promise<CheckRun | null> = Promise.resolve(null)
  private readonly fallback: WorkflowCommandsReporter
  private fallBack = false
  private readonly annotated = new Set<string>()
  private lastUpdate = 0
  /** Updates run one after another, in the order they came. */
  private updating: Promise<void> = Promise.resolve()
  /** Set when finishing begins: from then on no progress update is sent, so none lands after the completion. */
  private finishing = false

  constructor(
    private readonly options: CheckRunOptions,
    private readonly github: GitHubContext,
    private readonly location: AnnotationLocation,
    private readonly clock: Clock
  ) {
    this.fallback = new WorkflowCommandsReporter(location, options)
  }

  /** Creates the check run in the background, so polling is not held up. */
  onStarted(report: RunReport): void {
    const { token, checkName } = this.options
    const { repository, sha } = this.github
    if (!token || !repository || !sha) {
      this.useWorkflowCommands(
        `No check run: ${!token ? "'github-token' is empty" : 'GITHUB_REPOSITORY or GITHUB_SHA is not set'}. Test case results are reported as workflow-command annotations instead.`
      )
      return
    }
    this.checkRun = (async () => {
      const { CheckRun, CheckRunPermissionError } = await import('./check-run.js')
      try {
        const run = await CheckRun.create(
          {
            token,
            apiUrl: this.github.apiUrl,
            owner: repository.owner,
            repo: repository.repo,
            sha,
            name: checkName,
            detailsUrl: report.resultUrl,
            externalId: String(report.resultId),
            clock: this.clock
          },
          this.output(report),
          log.warning,
          log.debug
        )
        this.lastUpdate = this.clock.now()
        return run
      } catch (error) {
        this.useWorkflowCommands(
          error instanceof CheckRunPermissionError
            ? `Could not create the check run (HTTP ${error.status}: ${error.message}). The GitHub token lacks 'checks: write': pull requests from forks and jobs with 'permissions: checks: read' get a read-only token. Add 'permissions: checks: write' to the job for a check run; the test case results are reported as workflow-command annotations instead.`
            : `Could not create the check run (${errorMessage(error)}); the test case results are reported as workflow-command annotations instead.`
        )
        return null
      }
    })()
  }

  /** A new failure is annotated at once; otherwise the summary is refreshed now and then. */
  onProgress(report: RunReport, newlyFinished: readonly TestCaseReport[]): void {
    if (this.finishing) return
    const annotateNow = this.options.annotateAtEnd ? [] : newlyFinished.filter((c) => isFailure(c.status))
    if (annotateNow.length === 0 && this.clock.now() - this.lastUpdate < PROGRESS_UPDATE_GAP_MS) return
    this.lastUpdate = this.clock.now()
    this.updating = this.updating.then(async () => {
      const run = await this.checkRun
      if (!run) return
      const cases = annotateNow.slice(0, 50).filter((c) => !this.annotated.has(testCaseResultId(c)))
      try {
        await run.update(this.output(report), this.annotationsFor(report, cases))
        for (const testCase of cases) this.annotated.add(testCaseResultId(testCase))
      } catch (error) {
        log.debug(`Updating the check run failed: ${errorMessage(error)}`)
      }
    })
  }

  /** Completes the check run with every annotation not sent yet, or prints workflow commands. */
  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    this.finishing = true
    const run = await withinSignal(
      this.updating.then(() => this.checkRun),
      context.signal
    ).catch((error: unknown) => {
      log.warning(`Reporting to GitHub failed: ${errorMessage(error)}`)
      return null
    })
    if (run) {
      try {
        const remaining = this.annotationsFor(
          report,
          report.testCases.filter((c) => !this.annotated.has(testCaseResultId(c)))
        )
        const sent = remaining.slice(0, Math.max(0, CHECK_RUN_ANNOTATION_LIMIT - this.annotated.size))
        // A request that ignores its signal cannot outlast the budget: the race keeps it.
        await withinSignal(
          run.complete(conclusionOf(report), this.output(report, remaining.length - sent.length), sent, context.signal),
          context.signal
        )
      } catch (error) {
        log.warning(
          `Could not complete the check run (${errorMessage(error)}); the test case results are reported as workflow-command annotations instead.`
        )
        this.fallBack = true
      }
    }
    if (this.fallBack) await this.fallback.finish(report)
    return run?.url ? { outputs: { 'check-run-url': run.url } } : {}
  }

  /** A check run created and completed at once as a failure with the reason: a PR shows it failed. */
  async notStarted(event: NotStarted, context: FinishContext): Promise<ReporterResult> {
    const { token, checkName } = this.options
    const { repository, sha } = this.github
    if (!token || !repository || !sha) return {}
    const output = { title: notStartedTitle(event.kind), summary: escapeMarkdown(event.reason) }
    try {
      const { CheckRun } = await import('./check-run.js')
      const target = {
        token,
        apiUrl: this.github.apiUrl,
        ...repository,
        sha,
        name: checkName,
        detailsUrl: event.resultsUrl,
        externalId: 'not-started',
        clock: this.clock
      }
      const run = await withinSignal(CheckRun.create(target, output, log.warning), context.signal)
      await withinSignal(run.complete(context.cancelled ? 'cancelled' : 'failure', output, [], context.signal), context.signal)
      return run.url ? { outputs: { 'check-run-url': run.url } } : {}
    } catch (error) {
      log.warning(`Could not report on a check run that the run did not start: ${errorMessage(error)}`)
      return {}
    }
  }

  /**
   * The GitHub App that made this run's check run: the failure history compares with the check runs
   * it made on the base branch. Null when there is no check run.
   */
  async ownApp(): Promise<CheckRunApp | null> {
    return (await this.checkRun)?.app ?? null
  }

  /** The check run's output, its summary naming every attempt's result for a later run's baseline. */
  private output(report: RunReport, unannotated = 0) {
    const output = renderCheckOutput(report, this.github.runUrl, { unannotated })
    return {
      ...output,
      summary: markResults(
        output.summary,
        report.attempts.map((a) => a.resultId)
      )
    }
  }

  private annotationsFor(report: RunReport, testCases: readonly TestCaseReport[]): Annotation[] {
    return toAnnotations({ ...report, testCases: [...testCases] }, this.location, this.options)
  }

  private useWorkflowCommands(reason: string): void {
    if (this.fallBack) return
    this.fallBack = true
    log.warning(reason)
  }
}

/** Autify's ID of the test case result that decides the test case: its last attempt. */
function testCaseResultId(testCase: TestCaseReport): string {
  return String(testCase.attempts[testCase.attempts.length - 1].testCaseResultId)
}
