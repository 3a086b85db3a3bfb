import type { RunReport } from '../model.js'
import type { FinishContext, Reporter, ReporterResult } from '../report/reporter.js'
import type { TestifySettings } from '../settings/settings.js'
import type { Clock } from '../util/clock.js'

export interface TestifyReporterHooks {
  info: (message: string) => void
  warn: (message: string) => void
  /** The clock retries of Testify requests wait on (the run's). */
  clock: Clock
  /** Real time: each Testify request's time limit is measured on it. */
  wall: Clock
}

/**
 * Publishes a finished run to Testify. The publishing code loads only when there is something to
 * publish. A publication that did not complete fails the step.
 */
export class TestifyReporter implements Reporter {
  readonly name = 'Testify'

  constructor(
    private readonly settings: TestifySettings,
    private readonly hooks: TestifyReporterHooks
  ) {}

  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    if (context.cancelled) {
      this.hooks.info('Not publishing to Testify: the job was cancelled.')
      return {}
    }
    if (report.outcome !== 'passed' && report.outcome !== 'failed') {
      this.hooks.info(`Not publishing to Testify: the run did not finish (${report.outcome}).`)
      return {}
    }
    const { publishToTestify } = await import('./publish.js')
    const published = await publishToTestify(this.settings, report, { signal: context.signal, ...this.hooks })
    return { section: published.section, outputs: published.outputs, ...(published.failure && { failure: published.failure }) }
  }
}
