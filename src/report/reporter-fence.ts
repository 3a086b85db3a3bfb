import type { RunReport, TestCaseReport } from '../model.js'
import type { Reporter } from './reporter.js'

/**
 * Passes the run's start and progress to every reporter until finishing begins; from then on no
 * update reaches any of them, so a late one (a name look-up that outlived its patience) cannot land
 * beside or after a completed report. A reporter that throws does not stop the others.
 */
export class ReporterFence {
  private open = true

  constructor(
    private readonly reporters: readonly Reporter[],
    private readonly onError: (reporter: Reporter, error: unknown) => void
  ) {}

  started(report: RunReport): void {
    this.each((reporter) => reporter.onStarted?.(report))
  }

  progress(report: RunReport, newlyFinished: readonly TestCaseReport[]): void {
    this.each((reporter) => reporter.onProgress?.(report, newlyFinished))
  }

  /** Finishing begins: every later start or progress is dropped. */
  close(): void {
    this.open = false
  }

  private each(call: (reporter: Reporter) => void): void {
    if (!this.open) return
    for (const reporter of this.reporters) {
      try {
        call(reporter)
      } catch (error) {
        this.onError(reporter, error)
      }
    }
  }
}
