import { redact } from '../secrets.js'
import { backslashMarkdown, withoutControlCharacters } from '../util/format.js'
import type { TestCaseReport, TestCaseStatus } from '../model.js'

const STATUS_WORDS: Record<TestCaseStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  internal_error: 'Internal error',
  skipped: 'Skipped',
  canceled: 'Canceled',
  running: 'Running',
  waiting: 'Waiting'
}

const STATUS_ICONS: Record<TestCaseStatus, string> = {
  passed: '✅',
  failed: '❌',
  internal_error: '💥',
  skipped: '⏭️',
  canceled: '🚫',
  running: '🏃',
  waiting: '⏳'
}

/** `Internal error`: for places that show their own icon (annotations). */
export function statusWord(status: TestCaseStatus | string): string {
  return STATUS_WORDS[status as TestCaseStatus] ?? status
}

/** `💥 Internal error`: for tables and logs. */
export function statusLabel(status: TestCaseStatus | string): string {
  const icon = STATUS_ICONS[status as TestCaseStatus]
  return icon ? `${icon} ${statusWord(status)}` : status
}

export function testCaseLabel(testCase: TestCaseReport): string {
  return testCase.flaky ? `${statusLabel(testCase.status)} · 🔁 flaky` : statusLabel(testCase.status)
}

/** U+2060 WORD JOINER: invisible, and breaks the patterns GitHub turns into mentions and references. */
const WORD_JOINER = '\u2060'

/**
 * `@login`, `@org/team`, `#123`, `GH-123` as plain text: a word joiner after the `@`, `#` or `GH-`
 * keeps GitHub from mentioning anyone or cross-referencing an issue (a backslash is not documented
 * to), and the text still reads the same.
 */
export function withoutMentions(text: string): string {
  return text.replace(/@(?=[\p{L}\p{N}_])|(?:#|\bGH-)(?=\p{N})/giu, `$&${WORD_JOINER}`)
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Text safe inside a Markdown table cell or link label: one line, Markdown escaped, no mention or
 * reference. `&`, `<` and `>` become entities, as Slack escapes them: GitHub and Teams show the
 * characters, and no `<!here>`, `<@U…>`, `<#C…>` or `<url|label>` is live when the text is
 * forwarded to Slack (a backslash escapes nothing there). Secrets are redacted first: once escaped
 * (`autify\_tok`), a secret no longer matches the text it is masked by.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = redact(String(text)).replace(/[\r\n\v\f\u0085\u2028\u2029]+/g, ' ')
  const entities = withoutControlCharacters(oneLine).replace(/[&<>]/g, (char) => ENTITIES[char])
  return withoutMentions(backslashMarkdown(entities))
}

/** A link whose URL cannot break out of the Markdown. */
export function link(label: string, url: string | null | undefined): string {
  const text = escapeMarkdown(label)
  const target = url ? redact(url) : url
  if (!target || !/^https?:\/\//.test(target)) return text
  return `[${text}](${target.replace(/[()\s<>]/g, encodeURIComponent)})`
}
