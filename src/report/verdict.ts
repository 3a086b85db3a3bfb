import type { RunReport } from '../model.js'
import { newFailures } from './history.js'

/** Why the step fails because of the run, or null when the run lets it pass. */
export function verdictOf(report: RunReport): string | null {
  const { counts } = report
  switch (report.outcome) {
    case 'passed':
    case 'started':
    case 'running':
      return null
    case 'failed': {
      if (counts.failed === 0) return `The Autify run ended as '${report.status}': ${report.resultUrl}`
      if (report.failOn !== 'new') return `${counts.failed} of ${counts.total} Autify test case results failed: ${report.resultUrl}`
      const fresh = newFailures(report).length
      return fresh > 0 ? `${fresh} new of ${counts.failed} failed Autify test case results (fail-on: new): ${report.resultUrl}` : null
    }
    default:
      return report.note ?? `The Autify run did not finish: ${report.resultUrl}`
  }
}
