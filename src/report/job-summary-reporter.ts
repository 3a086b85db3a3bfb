import * as core from '@actions/core'
import { log } from '../log.js'
import { redact } from '../secrets.js'
import type { RunReport } from '../model.js'
import type { FinishContext, Reporter, ReporterResult } from './reporter.js'
import { renderJobSummary } from './summary.js'
import type { ListTests } from '../settings/settings.js'

/** Appends to the step's job summary; does nothing outside a runner (no GITHUB_STEP_SUMMARY). */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(redact(markdown), true).write()
}

/** The job summary: verdict, counts, a table per capability, and the other targets' sections. */
export class JobSummaryReporter implements Reporter {
  readonly name = 'job summary'
  readonly collectsSections = true

  constructor(
    private readonly runUrl: string | null,
    private readonly listTests: ListTests
  ) {}

  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    try {
      await writeJobSummary(renderJobSummary(report, { runUrl: this.runUrl, sections: [...context.sections], listTests: this.listTests }))
    } catch (error) {
      log.warning(`Could not write the job summary: ${(error as Error).message}`)
    }
    return {}
  }
}
