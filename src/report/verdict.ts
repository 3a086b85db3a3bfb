import type { RunReport } from '../model.js'

/** Why the step fails because of the run, or null when the run lets it pass. */
export function verdictOf(report: RunReport): string | null {
  const { counts } = report
  switch (report.outcome) {
    case 'passed':
    case 'started':
    case 'running':
      return null
    case 'failed':
      return counts.failed > 0
        ? `${counts.failed} of ${counts.total} Autify test case results failed: ${report.resultUrl}`
        : `The Autify run ended as '${report.status}': ${report.resultUrl}`
    default:
      return report.note ?? `The Autify run did not finish: ${report.resultUrl}`
  }
}
