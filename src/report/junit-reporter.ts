import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { redact } from '../secrets.js'
import type { RunReport } from '../model.js'
import { renderJUnit, renderNotStartedJUnit } from './junit.js'
import type { NotStarted, Reporter, ReporterResult } from './reporter.js'
import { errorMessage } from '../util/error-message.js'

/** The JUnit XML file. A file that cannot be written fails the step: a later step expects it. */
export class JUnitReporter implements Reporter {
  readonly name = 'JUnit report'

  constructor(private readonly file: string) {}

  async finish(report: RunReport): Promise<ReporterResult> {
    if (report.outcome === 'started') return {}
    return this.write(renderJUnit(report))
  }

  /** A later step that reads the file sees the run in error rather than a missing file. */
  async notStarted(event: NotStarted): Promise<ReporterResult> {
    return this.write(renderNotStartedJUnit(event.reason, event.kind))
  }

  private async write(xml: string): Promise<ReporterResult> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true })
      await writeFile(this.file, redact(xml), 'utf8')
      return { outputs: { 'junit-report': this.file } }
    } catch (error) {
      return { failure: `Could not write the JUnit report to '${this.file}': ${errorMessage(error)}` }
    }
  }
}
