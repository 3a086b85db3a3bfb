import { log } from '../log.js'
import type { RunReport } from '../model.js'
import { type AnnotationChoice, type AnnotationLocation, toAnnotations, toWorkflowCommands } from '../report/annotations.js'
import type { Reporter, ReporterResult } from '../report/reporter.js'

/** Test case results as `::error`/`::warning`/`::notice` lines, attached to the workflow file. */
export class WorkflowCommandsReporter implements Reporter {
  readonly name = 'workflow commands'

  constructor(
    private readonly location: AnnotationLocation,
    private readonly choice: AnnotationChoice
  ) {}

  async finish(report: RunReport): Promise<ReporterResult> {
    const { path, line } = this.location
    for (const command of toWorkflowCommands(toAnnotations(report, this.location, this.choice))) {
      const properties = { title: command.title, file: path, startLine: line }
      if (command.level === 'error') log.error(command.message, properties)
      else if (command.level === 'warning') log.warning(command.message, properties)
      else log.notice(command.message, properties)
    }
    return {}
  }
}
