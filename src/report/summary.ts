import { type RunReport, type TestCaseReport, byImportance, isFailure } from '../model.js'
import { byteLength, formatDuration, plural, shownName } from '../util/format.js'
import { FALLBACK_TEXT, baselineText, historyMarkdown } from './history-text.js'
import { escapeMarkdown, link, testCaseLabel } from './markdown.js'
import type { ListTests } from '../settings/settings.js'
import { newFailures } from './verdict.js'

/** GitHub refuses a step summary over 1 MiB; leave room for sections added after ours. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024 - 64 * 1024
/** Passed test cases of a capability are folded away above this many rows. */
const FOLD_PASSED_ABOVE = 10

export function headline(report: RunReport): string {
  const { counts } = report
  const cases = plural(counts.total, 'test case')
  switch (report.outcome) {
    case 'passed':
      return `✅ Autify: passed · ${cases}${counts.flaky ? ` (${counts.flaky} flaky)` : ''}`
    case 'failed':
      return counts.failed > 0
        ? `❌ Autify: ${counts.failed} of ${cases} failed`
        : `❌ Autify: ${report.status.replace('_', ' ')} · ${cases}`
    case 'running': {
      const done = counts.total - counts.unfinished
      return `🏃 Autify: running${counts.total ? ` · ${done} of ${cases} finished${counts.failed ? `, ${counts.failed} failed` : ''}` : ''}`
    }
    case 'started':
      return '🚀 Autify: run started (not waited for)'
    case 'timed-out':
      return `⏱️ Autify: timed out${counts.unfinished ? ` · ${counts.unfinished} of ${cases} unfinished` : ''}`
    case 'cancelled':
      return '🚫 Autify: cancelled while waiting'
    case 'error':
      return '⚠️ Autify: stopped on an error'
  }
}

/** The verdict, what ran, the link to Autify, the counts, and any note. */
export function renderOverview(report: RunReport, extra: { runUrl?: string | null; heading?: boolean } = {}): string {
  const facts: string[] = []
  if (report.testPlan) facts.push(`**Test plan:** ${escapeMarkdown(shownName(report.testPlan.name ?? `#${report.testPlan.id}`))}`)
  if (report.executionName) facts.push(`**Execution:** ${escapeMarkdown(shownName(report.executionName))}`)
  facts.push(`**Result:** ${link(`#${report.resultId}`, report.resultUrl)}`)
  if (report.attempts.length > 1) {
    const retries = report.attempts.slice(1).map((a, i) => link(`retry ${i + 1}`, a.resultUrl))
    facts.push(`**Retries:** ${retries.join(', ')}`)
  }
  if (report.durationMs !== null) facts.push(`**Duration:** ${formatDuration(report.durationMs)}`)
  if (report.startedAt) facts.push(`**Started:** ${report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`)
  const credits = creditsText(report)
  if (credits) facts.push(`**Credits:** ${credits}`)

  const { counts } = report
  const lines = extra.heading === false ? [facts.join(' · '), ''] : [`## ${headline(report)}`, '', facts.join(' · '), '']
  if (report.note) lines.push(`> ${escapeMarkdown(report.note)}`, '')
  const history = historyHeadline(report)
  if (history) lines.push(`**History:** ${history}`, '')
  if (counts.total > 0) {
    const columns: [string, number][] = [
      ['✅ Passed', counts.passed],
      ['❌ Failed', counts.failed],
      ['⏭️ Skipped', counts.skipped]
    ]
    if (counts.unfinished) columns.push(['⏳ Unfinished', counts.unfinished])
    if (counts.flaky) columns.push(['🔁 Flaky', counts.flaky])
    if (counts.reviewNeeded) columns.push(['👀 Review needed', counts.reviewNeeded])
    columns.push(['Total', counts.total])
    lines.push(
      `| ${columns.map(([name]) => name).join(' | ')} |`,
      `|${columns.map(() => '---:').join('|')}|`,
      `| ${columns.map(([, n]) => n).join(' | ')} |`,
      ''
    )
  } else if (report.outcome !== 'started' && report.outcome !== 'running') {
    lines.push('_No test case results yet._', '')
  }
  if (extra.runUrl) lines.push(`<sub>Reported by the Autify action in ${link('this workflow run', extra.runUrl)}.</sub>`, '')
  return lines.join('\n')
}

/**
 * `2 new failures, 1 known, compared with main at 5b1e4e4 (#1920690)`, or with the plan's latest
 * runs in Autify when the base branch had none, or why the history is unavailable; only when
 * something failed and the history was needed.
 */
export function historyHeadline(report: RunReport): string | null {
  if (!report.history || report.counts.failed === 0) return null
  const failOnNew = report.failOn === 'new'
  if (report.history.unavailable) {
    return `history unavailable (${escapeMarkdown(report.history.unavailable)}): every failure counts as new${failOnNew ? ' and fails the step (`fail-on: new`)' : ''}`
  }
  if (!report.history.runs) return null
  const fresh = newFailures(report).length
  const known = report.counts.failed - fresh
  const against = report.history.baseline
    ? baselineText(report.history.baseline, (id) => escapeMarkdown(`#${id}`))
    : `${FALLBACK_TEXT}: the last ${plural(report.history.runs, 'earlier run')}`
  return `${plural(fresh, 'new failure')}, ${known} known, ${against}${failOnNew ? ' · known failures do not fail the step (`fail-on: new`)' : ''}`
}

/** `14 (retry: 2) · re-running everything would have cost 24`; null when nothing was charged. */
export function creditsText(report: RunReport): string | null {
  const credits = report.credits
  if (!credits) return null
  const retries = credits.perAttempt.slice(1)
  const parts = [String(credits.total)]
  if (retries.length > 0) parts.push(`(${retries.map((n, i) => `retry${retries.length > 1 ? ` ${i + 1}` : ''}: ${n}`).join(', ')})`)
  const saving =
    credits.rerunEverything !== null && credits.rerunEverything > credits.total
      ? ` · re-running everything would have cost ${credits.rerunEverything}`
      : ''
  return `${parts.join(' ')}${saving}`
}

interface CapabilityGroup {
  label: string
  cases: TestCaseReport[]
}

/** Test cases grouped by capability, the groups with failures first, each failures first. */
export function groupByCapability(testCases: readonly TestCaseReport[]): CapabilityGroup[] {
  const groups = new Map<string, CapabilityGroup>()
  for (const testCase of [...testCases].sort(byImportance)) {
    const group = groups.get(testCase.capability.key) ?? { label: testCase.capability.label, cases: [] }
    group.cases.push(testCase)
    groups.set(testCase.capability.key, group)
  }
  return [...groups.values()].sort((a, b) => byImportance(a.cases[0], b.cases[0]))
}

function tableRow(testCase: TestCaseReport): string {
  const review = testCase.reviewNeeded > 0 ? `👀 ${testCase.reviewNeeded}` : ''
  const attempts = testCase.attempts.length > 1 ? ` <sub>(${testCase.attempts.length} attempts)</sub>` : ''
  const mark = testCase.history ? historyMarkdown(testCase.history) : ''
  const history = mark ? `<br><sub>${mark}</sub>` : ''
  return `| ${testCaseLabel(testCase)}${history} | ${link(shownName(testCase.scenarioName), testCase.url ?? testCase.scenarioUrl)}${attempts} | ${formatDuration(testCase.durationMs)} | ${review} |`
}

const TABLE_HEAD = ['| Status | Scenario | Duration | Review needed |', '|---|---|---:|---|']

function groupCounts(cases: readonly TestCaseReport[]): string {
  const failed = cases.filter((c) => isFailure(c.status)).length
  const passed = cases.filter((c) => c.status === 'passed').length
  const other = cases.length - failed - passed
  return [failed && `${failed} failed`, passed && `${passed} passed`, other && `${other} other`].filter(Boolean).join(', ')
}

const isPlainPass = (c: TestCaseReport) => c.status === 'passed' && !c.flaky && c.reviewNeeded === 0

/** The sorting, grouping and row rendering shared by every size tried. */
interface PreparedTables {
  groups: CapabilityGroup[]
  /** Every test case, most important first. */
  ranked: TestCaseReport[]
  rows: Map<TestCaseReport, string>
}

function prepareTables(report: RunReport): PreparedTables {
  const groups = groupByCapability(report.testCases)
  const ranked = [...report.testCases].sort(byImportance)
  return { groups, ranked, rows: new Map(ranked.map((c) => [c, tableRow(c)])) }
}

/**
 * One table per capability: failures and warnings in full; past `FOLD_PASSED_ABOVE` rows the plain
 * passes are folded into a `<details>` block, as rows with `list: 'all'`, by name otherwise. With
 * `rowLimit`, only the most important rows across all groups are listed and the rest are counted,
 * so the text fits a size limit.
 */
export function renderTables(
  report: RunReport,
  rowLimit = Infinity,
  prepared = prepareTables(report),
  list: Exclude<ListTests, 'none'> = 'all'
): string {
  const shown = new Set(prepared.ranked.slice(0, rowLimit))
  const row = (c: TestCaseReport) => prepared.rows.get(c) ?? tableRow(c)
  const out: string[] = []
  for (const group of prepared.groups) {
    const visible = group.cases.filter((c) => shown.has(c))
    const icon = group.cases.some((c) => isFailure(c.status)) ? '❌' : group.cases.every((c) => c.status === 'passed') ? '✅' : '⚠️'
    out.push(`### ${icon} ${escapeMarkdown(group.label)} · ${groupCounts(group.cases)}`, '')
    const passed = visible.filter(isPlainPass)
    const fold = visible.length > FOLD_PASSED_ABOVE && passed.length > 0
    const listedFirst = fold ? visible.filter((c) => !isPlainPass(c)) : visible
    if (listedFirst.length > 0) out.push(...TABLE_HEAD, ...listedFirst.map(row), '')
    if (fold) {
      const body = list === 'all' ? [...TABLE_HEAD, ...passed.map(row)] : [passed.map((c) => escapeMarkdown(c.scenarioName)).join(' · ')]
      out.push(`<details><summary>✅ ${plural(passed.length, 'passed test case')}</summary>`, '', ...body, '', '</details>', '')
    }
    const hidden = group.cases.length - visible.length
    if (hidden > 0)
      out.push(
        `_${plural(hidden, 'more test case result')} not listed here: see ${link('the full result in Autify', report.resultUrl)}._`,
        ''
      )
  }
  return out.join('\n')
}

/** The largest rendering of the tables that fits `maxBytes`. */
export function renderTablesWithin(report: RunReport, maxBytes: number, list: Exclude<ListTests, 'none'> = 'all'): string {
  const prepared = prepareTables(report)
  const full = renderTables(report, Infinity, prepared, list)
  if (byteLength(full) <= maxBytes) return full
  let low = 0
  let high = report.testCases.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (byteLength(renderTables(report, mid, prepared, list)) <= maxBytes) low = mid
    else high = mid - 1
  }
  const fitted = renderTables(report, low, prepared, list)
  return byteLength(fitted) <= maxBytes
    ? fitted
    : `_${plural(report.testCases.length, 'test case result')}: too many to list here; see ${link('the full result in Autify', report.resultUrl)}._\n`
}

/** The whole job summary, within GitHub's size limit; `listTests` (default `all`) decides the tables. */
export function renderJobSummary(
  report: RunReport,
  options: { sections?: string[]; runUrl?: string | null; maxBytes?: number; listTests?: ListTests } = {}
): string {
  const overview = renderOverview(report, { runUrl: options.runUrl })
  const sections = (options.sections ?? []).join('\n')
  const budget = (options.maxBytes ?? JOB_SUMMARY_MAX_BYTES) - byteLength(overview) - byteLength(sections) - 200
  const list = options.listTests ?? 'all'
  const tables = report.testCases.length > 0 && list !== 'none' ? renderTablesWithin(report, Math.max(0, budget), list) : ''
  return [overview, tables, sections].filter(Boolean).join('\n')
}
