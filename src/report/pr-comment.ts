import { type RunReport, type TestCaseReport, byImportance, isFailure } from '../model.js'
import { redact } from '../secrets.js'
import { byteLength, clipBytes, plural, shownName } from '../util/format.js'
import { historyMarkdown } from './history-text.js'
import { escapeMarkdown, link, testCaseLabel } from './markdown.js'
import { type NotStartedKind, notStartedHeadline } from './not-started.js'
import { renderOverview, renderTables, renderTablesWithin } from './summary.js'
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

/**
 * GitHub refuses a comment over 65,536 characters; counted in UTF-8 bytes, which are never fewer
 * than characters or UTF-16 units, the comment fits however GitHub counts.
 */
export const PR_COMMENT_MAX_BYTES = 65_535

/**
 * The pull-request comment: verdict, counts, failures with their history and links, the job
 * summary. Within `maxBytes`: failure rows are left out from the least important, whole rows only,
 * and counted in a last line.
 */
export function renderPrComment(report: RunReport, context: PrCommentContext, maxBytes = PR_COMMENT_MAX_BYTES): string {
  const head = [prCommentMarker(context.checkName), renderOverview(report)]
  if (context.resolved) head.push('Nothing fails any more: this comment reported failures on an earlier run.')
  const list = context.listTests
  const failures = list === 'none' ? [] : report.testCases.filter((c) => isFailure(c.status)).sort(byImportance)
  const rows = failures.slice(0, MAX_FAILURE_ROWS).map(failureRow)
  const compose = (shown: number, every = '') => {
    const table = shown > 0 ? [...TABLE_HEAD, ...rows.slice(0, shown)].join('\n') + '\n' : ''
    const more = shown < failures.length ? `\n_… ${plural(failures.length - shown, 'more failure')} in the job summary._\n` : ''
    return redact([...head, table + more, every, footer(context)].filter(Boolean).join('\n'))
  }
  let shown = rows.length
  while (shown > 0 && byteLength(compose(shown)) > maxBytes) shown--
  // What is left, less the line break that joins it: at most ALL_TESTS_MAX_BYTES of it for every test case.
  const room = Math.min(ALL_TESTS_MAX_BYTES, maxBytes - byteLength(compose(shown)) - 1)
  const every = list === 'all' && report.testCases.length > 0 ? everyTestCase(report, room) : ''
  return clipBytes(compose(shown, every), maxBytes)
}

function failureRow(c: TestCaseReport): string {
  const history = c.history ? historyMarkdown(c.history) : ''
  return `| ${testCaseLabel(c)} | ${link(shownName(c.scenarioName), c.url ?? c.scenarioUrl)} | ${escapeMarkdown(c.capability.label)} | ${history} |`
}

/** The comment when the run did not start (a wrong token, an unknown ID): the reason, nothing else known. */
export function renderNotStartedComment(
  reason: string,
  context: PrCommentContext,
  kind?: NotStartedKind,
  maxBytes = PR_COMMENT_MAX_BYTES
): string {
  const lines = [
    prCommentMarker(context.checkName),
    `### ⚠️ Autify: ${notStartedHeadline(kind)}`,
    '',
    escapeMarkdown(reason),
    '',
    footer(context)
  ]
  return clipBytes(redact(lines.join('\n')), maxBytes)
}

function footer(context: PrCommentContext): string {
  const where = context.runUrl ? link('Job summary', context.runUrl) : 'Job summary in the workflow run'
  const commit = context.sha ? ` · commit \`${context.sha.slice(0, 7)}\`` : ''
  const check = context.checkName === 'Autify' ? '' : ` · check \`${escapeMarkdown(context.checkName)}\``
  return `<sub>${where}${commit}${check} · this comment is updated on every run.</sub>`
}

const TABLE_HEAD = ['| Status | Scenario | Capability | History |', '|---|---|---|---|']

/** `list-tests: all`: the job summary's tables, folded, within `maxBytes`; nothing when not even the first row fits. */
function everyTestCase(report: RunReport, maxBytes: number): string {
  const open = `<details><summary>Every test case (${report.testCases.length})</summary>\n\n`
  const close = '</details>\n'
  const room = maxBytes - byteLength(open + close)
  if (byteLength(renderTables(report, 1)) > room) return ''
  return redact(`${open}${renderTablesWithin(report, room)}${close}`)
}
