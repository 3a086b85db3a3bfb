import type { RunReport } from '../model.js'
import { byteLength, clipBytes, plural } from '../util/format.js'
import { headline, renderOverview, renderTablesWithin } from './summary.js'

export const CHECK_OUTPUT_MAX_BYTES = 65_535

/**
 * The check run's title (the verdict), summary (facts, link, counts) and text (the tables), each
 * within the Checks API's limits. `unannotated` counts results left without an annotation.
 */
export function renderCheckOutput(
  report: RunReport,
  runUrl: string | null,
  options: { unannotated?: number } = {}
): { title: string; summary: string; text?: string } {
  let summary = renderOverview(report, { runUrl, heading: false })
  if (options.unannotated) {
    summary += `\n_${plural(options.unannotated, 'more test case result')} (the least important: plain passes first) without an annotation: GitHub takes annotations 50 per request, so the most important are sent. The tables below and the job summary list them._\n`
  }
  const text = report.testCases.length > 0 ? renderTablesWithin(report, CHECK_OUTPUT_MAX_BYTES - 256) : ''
  return {
    title: headline(report).replace(/^\S+ Autify: /, ''),
    summary: clipBytes(summary, CHECK_OUTPUT_MAX_BYTES),
    ...(text && byteLength(text) > 0 && { text })
  }
}
