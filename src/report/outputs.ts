import { type RunReport, byImportance } from '../model.js'
import { byteLength } from '../util/format.js'

/** `test-case-results` stays below this size; beyond it the least important entries are dropped. */
export const TEST_CASE_RESULTS_MAX_BYTES = 512 * 1024

export interface TestCaseResultOutput {
  scenario_id: number
  scenario_name: string
  capability: string
  status: string
  duration_ms: number | null
  url: string | null
  flaky: boolean
  attempts: number
}

/** The step outputs known once the run has ended (result-id and result-url are set at the start). */
export function runOutputs(report: RunReport): Record<string, string> {
  const { counts } = report
  return {
    status: report.status,
    'exit-code': report.outcome === 'passed' || report.outcome === 'started' ? '0' : '1',
    total: String(counts.total),
    passed: String(counts.passed),
    failed: String(counts.failed),
    skipped: String(counts.skipped),
    flaky: String(counts.flaky),
    'test-case-results': testCaseResultsJson(report)
  }
}

/** Compact JSON, failures first; within the size limit, dropping the least important entries. */
export function testCaseResultsJson(report: RunReport, maxBytes = TEST_CASE_RESULTS_MAX_BYTES): string {
  const entries: TestCaseResultOutput[] = [...report.testCases].sort(byImportance).map((c) => ({
    scenario_id: c.scenarioId,
    scenario_name: c.scenarioName,
    capability: c.capability.label,
    status: c.status,
    duration_ms: c.durationMs,
    url: c.url,
    flaky: c.flaky,
    attempts: c.attempts.length
  }))
  let json = JSON.stringify(entries)
  if (byteLength(json) <= maxBytes) return json
  let low = 0
  let high = entries.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (byteLength(JSON.stringify(entries.slice(0, mid))) <= maxBytes) low = mid
    else high = mid - 1
  }
  json = JSON.stringify(entries.slice(0, low))
  return json
}
