import { log } from '../log.js'
import { redact } from '../secrets.js'
import type { RunReport } from '../model.js'
import { escapeMarkdown } from './markdown.js'
import { type NotStartedKind, notStartedHeadline } from './not-started.js'
import type { FinishContext, NotStarted, Reporter, ReporterResult } from './reporter.js'
import { renderJobSummary } from './summary.js'
import type { ListTests } from '../settings/settings.js'
import { errorMessage } from '../util/error-message.js'

/** Appends Markdown to the step's job summary. */
export type SummaryWriter = (markdown: string) => Promise<void>

/** The job summary of a step that ended before the run started: why, and what to fix. */
export function notStartedJobSummary(reason: string, fix?: string, kind?: NotStartedKind): string {
  return redact(`## ⚠️ Autify: ${notStartedHeadline(kind)}\n\n${escapeMarkdown(reason)}\n${fix ? `\n${fix}\n` : ''}`)
}

/** The job summary: verdict, counts, a table per capability, and the other targets' sections. */
export class JobSummaryReporter implements Reporter {
  readonly name = 'job summary'
  readonly collectsSections = true

  constructor(
    private readonly runUrl: string | null,
    private readonly listTests: ListTests,
    private readonly write: SummaryWriter
  ) {}

  async finish(report: RunReport, context: FinishContext): Promise<ReporterResult> {
    try {
      await this.write(
        redact(renderJobSummary(report, { runUrl: this.runUrl, sections: [...context.sections], listTests: this.listTests }))
      )
    } catch (error) {
      log.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }
    return {}
  }

  async notStarted(event: NotStarted): Promise<ReporterResult> {
    await this.write(notStartedJobSummary(event.reason, undefined, event.kind)).catch((error: unknown) =>
      log.warning(`Could not write the job summary: ${errorMessage(error)}`)
    )
    return {}
  }
}
