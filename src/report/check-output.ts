import type { RunReport } from '../model.js'
import { byteLength, clipBytes } from '../util/format.js'
import { headline, renderOverview, renderTablesWithin } from './summary.js'

export const CHECK_OUTPUT_MAX_BYTES = 65_535

/** The check run's title, summary (verdict, link, counts) and text (the tables), each within limits. */
export function renderCheckOutput(report: RunReport, runUrl: string | null): { title: string; summary: string; text?: string } {
  const summary = clipBytes(renderOverview(report, { runUrl }), CHECK_OUTPUT_MAX_BYTES)
  const text = report.testCases.length > 0 ? renderTablesWithin(report, CHECK_OUTPUT_MAX_BYTES - 256) : ''
  return {
    title: headline(report).replace(/^\S+ Autify: /, ''),
    summary,
    ...(text && byteLength(text) > 0 && { text })
  }
}
