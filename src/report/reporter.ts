import type { RunReport, TestCaseReport } from '../model.js'
import type { NotStartedKind } from './not-started.js'
import type { OutputValues } from './outputs.js'

/** What a report target gives back once the run has ended. */
export interface ReporterResult {
  /** Markdown for the job summary, below the run's own tables. */
  section?: string
  /** Outputs this target owns (e.g. `check-run-url`), set through the step's output registry. */
  outputs?: OutputValues
  /** Why the step must fail because of this target; absent when the step's outcome is the run's. */
  failure?: string
}

/** The run did not start (or was not confirmed to): why, and where to look. */
export interface NotStarted {
  /** Absent: `not-started`. */
  kind?: NotStartedKind
  /** Plain text, as the step fails with it. */
  reason: string
  /** The project's results page in Autify, where a run that started anyway would show. */
  resultsUrl: string
}

export interface FinishContext {
  /** Aborts when the time left for reporting is up; every request a reporter makes honours it. */
  signal: AbortSignal
  /** The job was cancelled: time is short, report only what is quick. */
  cancelled: boolean
  /** Sections of the targets finished before this one (the job summary shows them). */
  sections: readonly string[]
}

/**
 * A place the run is reported to: the job summary, the check run, workflow commands, JUnit,
 * Testify. `main.ts` calls every configured reporter; a new target is a new implementation and one
 * line in `configuredReporters`.
 */
export interface Reporter {
  /** For messages, e.g. `check run`. */
  readonly name: string
  /**
   * Finished after the others, with their sections; first after a cancel, when time is short and
   * the others may not finish.
   */
  readonly collectsSections?: boolean
  /** The run started. Must not block: start slow work in the background. */
  onStarted?(report: RunReport): void
  /** A poll brought news; `newlyFinished` lists test cases that finished since the last one. */
  onProgress?(report: RunReport, newlyFinished: readonly TestCaseReport[]): void
  /** The run ended (or waiting did): report it. Failures to report are returned, not thrown. */
  finish(report: RunReport, context: FinishContext): Promise<ReporterResult>
  /**
   * The run did not start: say so where this target can (instead of `finish`). Absent: nothing to
   * say. Failures to report are returned, not thrown.
   */
  notStarted?(event: NotStarted, context: FinishContext): Promise<ReporterResult>
}
