import { redact } from '../secrets.js'
import { type RunReport, type TestCaseReport, byImportance, isFailure } from '../model.js'
import { clip, formatDuration, plural, shownName } from '../util/format.js'
import { historyText } from './history-text.js'
import { escapeMarkdown, link } from './markdown.js'
import { type NotStartedKind, notStartedHeadline } from './not-started.js'
import { headline } from './summary.js'

/** The `summary` output fits a chat message (Slack's section text takes 3,000; a Teams card more). */
export const SUMMARY_OUTPUT_MAX_CHARS = 4000

/**
 * A short Markdown report to forward: the verdict, what ran with its link and duration, the
 * counts, and the failures with their links, as many as fit `maxChars`.
 */
export function renderSummaryOutput(report: RunReport, maxChars = SUMMARY_OUTPUT_MAX_CHARS): string {
  const facts = [link(`Result #${report.resultId}`, report.resultUrl)]
  if (report.testPlan) facts.unshift(`Test plan ${escapeMarkdown(report.testPlan.name ?? `#${report.testPlan.id}`)}`)
  if (report.durationMs !== null) facts.push(formatDuration(report.durationMs))
  const lines = [`**${headline(report)}**`, facts.join(' · ')]
  const counts = countsLine(report)
  if (counts) lines.push(counts)
  const failures = [...report.testCases].filter((c) => isFailure(c.status)).sort(byImportance)
  const head = redact(lines.join('\n'))
  if (failures.length === 0) return head.slice(0, maxChars)

  const out = [head, '']
  let used = head.length + 1
  const moreLine = (n: number) => `- … ${plural(n, 'more failure')}: ${link('see the result in Autify', report.resultUrl)}`
  const reserve = moreLine(failures.length).length + 1
  for (const [index, testCase] of failures.entries()) {
    const line = redact(failureLine(testCase))
    const last = index === failures.length - 1
    if (used + line.length + 1 + (last ? 0 : reserve) > maxChars) {
      out.push(moreLine(failures.length - index))
      break
    }
    out.push(line)
    used += line.length + 1
  }
  return out.join('\n').slice(0, maxChars)
}

/** The `summary` output of a step that ended before the run started: why. */
export function renderNotStartedSummaryOutput(reason: string, kind?: NotStartedKind, maxChars = SUMMARY_OUTPUT_MAX_CHARS): string {
  return clip(`**⚠️ Autify: ${notStartedHeadline(kind)}**\n${escapeMarkdown(reason)}`, maxChars)
}

function countsLine(report: RunReport): string {
  const { counts } = report
  if (counts.total === 0) return ''
  const parts: [string, number][] = [
    ['passed', counts.passed],
    ['failed', counts.failed],
    ['skipped', counts.skipped],
    ['unfinished', counts.unfinished],
    ['flaky', counts.flaky],
    ['to review', counts.reviewNeeded]
  ]
  return parts
    .filter(([name, n]) => n > 0 || name === 'passed' || name === 'failed')
    .map(([name, n]) => `${n} ${name}`)
    .join(' · ')
}

function failureLine(testCase: TestCaseReport): string {
  const history = testCase.history?.runs ? ` — ${historyText(testCase.history)}` : ''
  return `- ❌ ${link(shownName(testCase.scenarioName), testCase.url ?? testCase.scenarioUrl)} on ${escapeMarkdown(testCase.capability.label)}${history}`
}
