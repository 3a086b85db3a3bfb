import { type RunReport, type TestCaseHistory, type TestCaseReport, isFailure, isKnownFailure } from '../model.js'
import { plural } from '../util/format.js'
import { link } from './markdown.js'

const MARKS: Record<TestCaseHistory['kind'], string> = { new: '🆕', 'still-failing': '📌', unstable: '🎲' }

/** `new failure (passed the last 5 runs)`, `still failing since #1920001 (3 runs in a row)`, … */
export function historyText(
  history: TestCaseHistory,
  sinceLabel: (since: NonNullable<TestCaseHistory['since']>) => string = (s) => `#${s.resultId}`
): string {
  switch (history.kind) {
    case 'new':
      return history.runs > 0 ? `new failure (passed the last ${plural(history.runs, 'run')})` : 'new (no earlier run to compare)'
    case 'still-failing':
      return `still failing since ${history.since ? sinceLabel(history.since) : 'earlier runs'} (${plural(history.streak, 'run')} in a row before this one)`
    case 'unstable':
      return `unstable: failed ${history.failures} of the last ${plural(history.runs, 'run')}`
  }
}

/** The mark and text for a Markdown table cell; nothing when there was no earlier run to compare. */
export function historyMarkdown(history: TestCaseHistory): string {
  if (history.runs === 0) return ''
  return `${MARKS[history.kind]} ${historyText(history, (since) => link(`#${since.resultId}`, since.url))}`
}

/** Failures not known from earlier runs: all of them when the history could not be read. */
export function newFailures(report: RunReport): TestCaseReport[] {
  return report.testCases.filter((c) => isFailure(c.status) && !isKnownFailure(c))
}

/** `2 new failures, 1 known` — only when the history was read and something failed. */
export function historyHeadline(report: RunReport): string | null {
  if (!report.history?.runs || report.counts.failed === 0) return null
  const fresh = newFailures(report).length
  const known = report.counts.failed - fresh
  return `${plural(fresh, 'new failure')}, ${known} known (compared with the last ${plural(report.history.runs, 'earlier run')})`
}
