import type { RunReport, TestCaseReport } from '../model.js'
import { log, setOutput } from '../log.js'
import {
  type Annotation,
  type AnnotationLocation,
  CHECK_RUN_ANNOTATION_LIMIT,
  toAnnotations,
  toWorkflowCommands
} from '../report/annotations.js'
import { renderCheckOutput } from '../report/check-output.js'
import type { Settings } from '../settings/settings.js'
import type { GitHubContext } from './context.js'
import type { CheckRun } from './check-run.js'

/** Seconds between two in-progress updates of the check run, unless a test case failed. */
const PROGRESS_UPDATE_GAP_MS = 15_000

/**
 * Test case results where GitHub users look: a check run with one annotation per result, or, when
 * the token cannot write checks, workflow-command annotations.
 */
export class GitHubReporter {
  private checkRun: Promise<CheckRun | null> = Promise.resolve(null)
  private fallBack = false
  private readonly annotated = new Set<string>()
  private lastUpdate = 0
  private updating: Promise<void> = Promise.resolve()

  constructor(
    private readonly settings: Settings,
    private readonly github: GitHubContext,
    private readonly location: AnnotationLocation,
    private readonly now: () => number = Date.now
  ) {}

  /** The run started: create the check run in the background, so polling is not held up. */
  onStarted(resultId: number, resultUrl: string, report: RunReport): void {
    if (this.settings.github.annotations !== 'check-run' || !this.settings.wait) return
    const { token, checkName } = this.settings.github
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
            detailsUrl: resultUrl,
            externalId: String(resultId)
          },
          renderCheckOutput(report, this.github.runUrl),
          log.warning
        )
        if (run.url) setOutput('check-run-url', run.url)
        this.lastUpdate = this.now()
        return run
      } catch (error) {
        this.useWorkflowCommands(
          error instanceof CheckRunPermissionError
            ? `Could not create the check run (HTTP ${error.status}: ${error.message}). The GitHub token lacks 'checks: write': pull requests from forks and jobs with 'permissions: checks: read' get a read-only token. Add 'permissions: checks: write' to the job for a check run; the test case results are reported as workflow-command annotations instead.`
            : `Could not create the check run (${(error as Error).message}); the test case results are reported as workflow-command annotations instead.`
        )
        return null
      }
    })()
  }

  /** While waiting: a new failure is annotated at once; otherwise the summary is refreshed now and then. */
  onProgress(report: RunReport, newlyFinished: readonly TestCaseReport[]): void {
    const failedNow = newlyFinished.filter((c) => c.status === 'failed' || c.status === 'internal_error')
    // With retries ahead, a failure may still pass: annotate it only when it is final.
    const annotateNow = this.settings.maxRetryCount === 0 ? failedNow : []
    if (annotateNow.length === 0 && this.now() - this.lastUpdate < PROGRESS_UPDATE_GAP_MS) return
    this.lastUpdate = this.now()
    this.updating = this.updating.then(async () => {
      const run = await this.checkRun
      if (!run) return
      const cases = annotateNow.slice(0, 50)
      try {
        await run.update(renderCheckOutput(report, this.github.runUrl), this.annotationsFor({ ...report, testCases: cases }))
        for (const testCase of cases) this.annotated.add(testCaseResultId(testCase))
      } catch (error) {
        log.debug(`Updating the check run failed: ${(error as Error).message}`)
      }
    })
  }

  /** Completes the check run with every annotation not sent yet, or prints workflow commands. */
  async finish(report: RunReport, signal?: AbortSignal): Promise<void> {
    const mode = this.settings.github.annotations
    if (mode === 'none') return
    const annotations = this.annotationsFor(report)
    await withinSignal(this.updating, signal)
    const run = await withinSignal(this.checkRun, signal)
    if (run) {
      const { conclusionOf } = await import('./check-run.js')
      try {
        const remaining = report.testCases.filter((c) => !this.annotated.has(testCaseResultId(c)))
        const room = Math.max(0, CHECK_RUN_ANNOTATION_LIMIT - this.annotated.size)
        const all = this.annotationsFor({ ...report, testCases: remaining })
        const sent = all.slice(0, room)
        await run.complete(
          conclusionOf(report.outcome),
          renderCheckOutput(report, this.github.runUrl, { unannotated: all.length - sent.length }),
          sent,
          signal
        )
        return
      } catch (error) {
        log.warning(
          `Could not complete the check run (${(error as Error).message}); the test case results are reported as workflow-command annotations instead.`
        )
        this.fallBack = true
      }
    }
    if (mode === 'workflow-commands' || this.fallBack) this.printWorkflowCommands(annotations)
  }

  private annotationsFor(report: RunReport): Annotation[] {
    return toAnnotations(report, this.location)
  }

  private useWorkflowCommands(reason: string): void {
    if (this.fallBack) return
    this.fallBack = true
    log.warning(reason)
  }

  private printWorkflowCommands(annotations: readonly Annotation[]): void {
    const { path, line } = this.location
    for (const command of toWorkflowCommands(annotations)) {
      const properties = { title: command.title, file: path, startLine: line }
      if (command.level === 'error') log.error(command.message, properties)
      else if (command.level === 'warning') log.warning(command.message, properties)
      else log.notice(command.message, properties)
    }
  }
}

/** Autify's ID of the test case result that decides the test case: its last attempt. */
function testCaseResultId(testCase: TestCaseReport): string {
  return String(testCase.attempts[testCase.attempts.length - 1].testCaseResultId)
}

/** `promise`, or a rejection as soon as `signal` aborts: clean-up after a cancel must not hang. */
function withinSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(new Error('out of time after the cancel'))
      signal.addEventListener('abort', () => reject(new Error('out of time after the cancel')), { once: true })
    })
  ])
}
