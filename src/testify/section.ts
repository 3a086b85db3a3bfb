import type { TestCaseReport } from '../model.js'
import { escapeMarkdown, link, statusLabel } from '../report/markdown.js'
import { plural, shownName } from '../util/format.js'
import { type CheckResultPost, capabilityName } from './check-results.js'
import { type TestifyPublication, failureMessage, isComplete } from './publication.js'
import { CHECK_TYPES } from './wire.js'

/** Items of a list shown before the rest is counted. */
const LIST_LIMIT = 20
/** Rows of the check table shown before the rest is counted: the section shares the summary's size limit. */
const ROW_LIMIT = 100

/** `Sign in · Linux · Chrome`. */
const testCaseName = (testCase: TestCaseReport) => `${shownName(testCase.scenarioName)} · ${capabilityName(testCase.capability)}`

const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``

function headline(publication: TestifyPublication): string {
  const count = plural(publication.published.length, 'check result')
  if (isComplete(publication)) return `## 🧾 Testify: ${count} published`
  return publication.published.length > 0 ? `## ⚠️ Testify: only ${count} published` : '## ⚠️ Testify: nothing published'
}

function facts(publication: TestifyPublication): string {
  const testObject = `**Test object:** ${code(publication.testObjectId)}${
    publication.testObject ? (publication.testObject.created ? ' (created)' : '') : ' (not confirmed)'
  }`
  const checklistName = publication.checklist?.url
    ? link(publication.checklistId, publication.checklist.url)
    : code(publication.checklistId)
  const checklist = publication.checklist
    ? `**Checklist:** ${checklistName} ${publication.checklist.created ? `(created from template ${code(publication.template)})` : '(reused: this result was published before)'}`
    : `**Checklist:** ${code(publication.checklistId)} (not created; template ${code(publication.template)})`
  return `${testObject} · ${checklist}`
}

function resultCell(post: CheckResultPost): string {
  if (typeof post.value === 'boolean') return post.value ? '✅ true' : '❌ false'
  return post.passed ? '📝 text (passed)' : '📝 text (failed)'
}

function list(title: string, items: string[]): string[] {
  if (items.length === 0) return []
  const shown = items.slice(0, LIST_LIMIT).map((item) => `- ${item}`)
  if (items.length > LIST_LIMIT) shown.push(`- … and ${items.length - LIST_LIMIT} more`)
  return [`**${title}** (${items.length})`, '', ...shown, '']
}

/** The job summary's Testify section: where the results went, what each check got, and what did not meet. */
export function renderTestifySection(publication: TestifyPublication): string {
  const lines = [headline(publication), '', facts(publication), '']
  const failure = failureMessage(publication)
  if (failure) lines.push(`> ${escapeMarkdown(failure)}`, '')
  const { plan } = publication
  if (!plan) return lines.join('\n')

  const failedIdentifiers = new Set(publication.notPublished.map((n) => n.post.check.identifier))
  const rows = plan.posts.slice(0, ROW_LIMIT).map((post) => {
    const state = failedIdentifiers.has(post.check.identifier) ? '⚠️ not published' : resultCell(post)
    const type = post.check.type ? (CHECK_TYPES[post.check.type] ?? post.check.type) : ''
    const results = [...post.testCases, ...post.skipped]
      .map((c) => {
        const where = c.scenarioName === post.check.identifier ? capabilityName(c.capability) : testCaseName(c)
        return link(`${statusLabel(c.status)} · ${where}`, c.url)
      })
      .join('<br>')
    return `| ${escapeMarkdown(post.check.identifier)} | ${type} | ${state} | ${results} |`
  })
  if (rows.length > 0) lines.push('| Check | Type | Result | Autify test case results |', '|---|---|---|---|', ...rows, '')
  if (plan.posts.length > ROW_LIMIT) lines.push(`_… and ${plural(plan.posts.length - ROW_LIMIT, 'more check result')}._`, '')

  lines.push(
    ...list(
      'Left open',
      [...plan.leftOpen, ...plan.unknownType].map((open) => `${escapeMarkdown(open.check.identifier)}: ${escapeMarkdown(open.reason)}`)
    ),
    ...list(
      'Test case results without a check',
      plan.unmatched.map((u) => `${link(testCaseName(u.testCase), u.testCase.url)} → no check ${code(u.identifier)}`)
    ),
    ...list(
      'Checks without a test case result',
      plan.checksWithoutResult.map((c) => `${escapeMarkdown(c.identifier)}${c.type ? ` (${CHECK_TYPES[c.type] ?? c.type})` : ''}`)
    )
  )
  return lines.join('\n')
}
