import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { redact } from '../secrets.js'
import type { RunReport } from '../model.js'
import { renderJUnit } from './junit.js'
import type { Reporter, ReporterResult } from './reporter.js'

/** The JUnit XML file. A file that cannot be written fails the step: a later step expects it. */
export class JUnitReporter implements Reporter {
  readonly name = 'JUnit report'

  constructor(private readonly file: string) {}

  async finish(report: RunReport): Promise<ReporterResult> {
    if (report.outcome === 'started') return {}
    try {
      await mkdir(path.dirname(this.file), { recursive: true })
      await writeFile(this.file, redact(renderJUnit(report)), 'utf8')
      return { outputs: { 'junit-report': this.file } }
    } catch (error) {
      return { failure: `Could not write the JUnit report to '${this.file}': ${(error as Error).message}` }
    }
  }
}
