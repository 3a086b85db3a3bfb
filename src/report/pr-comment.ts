import { type RunReport, byImportance, isFailure } from '../model.js'
import { redact } from '../secrets.js'
import { plural } from '../util/format.js'
import { historyMarkdown } from './history-text.js'
import { escapeMarkdown, link, testCaseLabel } from './markdown.js'
import { renderOverview, renderTablesWithin } from './summary.js'
import type { ListTests } from '../settings/settings.js'

/** Failures listed in the comment; the job summary has the rest. */
const MAX_FAILURE_ROWS = 20
/** With `list-tests: all`, every test case's table, folded, within this much of the comment. */
const ALL_TESTS_MAX_BYTES = 32 * 1024

/** The hidden first line that finds the comment again: one comment per check name and pull request. */
export function prCommentMarker(checkName: string): string {
  return `<!-- autify-web-test-action check=${encodeURIComponent(checkName)} -->`
}

export interface PrCommentContext {
  checkName: string
  runUrl: string | null
  sha: string | null
  /** `on-failure` comment whose failures are gone: say so rather than leave it stale. */
  resolved?: boolean
  /** `none`: counts only; `failures` (default): the failures; `all`: also every test case, folded. */
  listTests?: ListTests
}

/** The pull-request comment: verdict, counts, failures with their history and links, the job summary. */
export function renderPrComment(report: RunReport, context: PrCommentContext): string {
  const lines = [prCommentMarker(context.checkName), renderOverview(report, { runUrl: null })]
  if (context.resolved) lines.push('Nothing fails any more: this comment reported failures on an earlier run.', '')
  const list = context.listTests ?? 'failures'
  const failures = list === 'none' ? [] : [...report.testCases].sort(byImportance).filter((c) => isFailure(c.status))
  if (failures.length > 0) {
    lines.push('| Status | Scenario | Capability | History |', '|---|---|---|---|')
    for (const c of failures.slice(0, MAX_FAILURE_ROWS)) {
      const history = c.history ? historyMarkdown(c.history) : ''
      lines.push(
        `| ${testCaseLabel(c)} | ${link(c.scenarioName, c.url ?? c.scenarioUrl)} | ${escapeMarkdown(c.capability.label)} | ${history} |`
      )
    }
    if (failures.length > MAX_FAILURE_ROWS)
      lines.push('', `_${plural(failures.length - MAX_FAILURE_ROWS, 'more failure')} in the job summary._`)
    lines.push('')
  }
  if (list === 'all' && report.testCases.length > 0) {
    lines.push(
      `<details><summary>Every test case (${report.testCases.length})</summary>`,
      '',
      renderTablesWithin(report, ALL_TESTS_MAX_BYTES),
      '</details>',
      ''
    )
  }
  const where = context.runUrl ? link('Job summary', context.runUrl) : 'Job summary in the workflow run'
  const commit = context.sha ? ` · commit \`${context.sha.slice(0, 7)}\`` : ''
  const check = context.checkName === 'Autify' ? '' : ` · check \`${escapeMarkdown(context.checkName)}\``
  lines.push(`<sub>${where}${commit}${check} · this comment is updated on every run.</sub>`)
  return redact(lines.join('\n'))
}
