import { redact } from '../secrets.js'
import { type RunReport, type TestCaseAttempt, type TestCaseReport, isFailure } from '../model.js'
import { type NotStartedKind, notStartedTitle } from './not-started.js'
import { groupByCapability } from './summary.js'

/**
 * JUnit XML of the run, valid against Jenkins' `junit-10.xsd` (the Maven Surefire format; vendored in
 * `__fixtures__/schemas/`): one `<testsuite>` per capability, one `<testcase>` per test case result.
 *
 * - `classname` is the suite name, the capability with every `.` made `_` (`Linux · Chrome 136_0`):
 *   readers split a classname into package and class at its last `.`.
 * - Earlier attempts of a re-run test case are Surefire's `<flakyFailure>`/`<flakyError>` when it
 *   passed at last, `<rerunFailure>`/`<rerunError>` when it did not.
 * - What the schema has no place for on a test case (review needed, the Autify links, IDs, attempts)
 *   is in its `<system-out>`, one `Key: value` line each; run-wide facts are suite `<properties>`.
 *
 * Every value is coerced to a string, redacted and escaped, whatever type the API sent it as.
 */
export function renderJUnit(report: RunReport): string {
  const groups = groupByCapability(report.testCases)
  const totals = tally(report.testCases)
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Autify" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(report.durationMs ?? totals.time)}">`
  ]
  const hostname = hostOf(report.resultUrl)
  groups.forEach((group, index) => {
    const t = tally(group.cases)
    const name = suiteName(group.label)
    const timestamp = report.startedAt ?? group.cases.find((c) => c.startedAt)?.startedAt
    out.push(
      `  <testsuite name="${attr(name)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.time)}"` +
        `${timestamp ? ` timestamp="${attr(timestamp)}"` : ''} hostname="${attr(hostname)}" id="${index}">`,
      '    <properties>',
      property('autify.capability', group.label),
      property('autify.result_url', report.resultUrl),
      property('autify.status', report.status),
      ...report.attempts.slice(1).map((attempt, i) => property(`autify.retry_${i + 1}.result_url`, attempt.resultUrl)),
      property('autify.review_needed', group.cases.filter((c) => Number(c.reviewNeeded) > 0).length),
      '    </properties>'
    )
    for (const testCase of group.cases) out.push(...testCaseXml(testCase, name, group.label))
    out.push('  </testsuite>')
  })
  out.push('</testsuites>', '')
  return out.join('\n')
}

/** JUnit XML for a run that did not start: one test case in error, with the reason. */
export function renderNotStartedJUnit(reason: string, kind?: NotStartedKind): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="Autify" tests="1" failures="0" errors="1" time="0">',
    '  <testsuite name="Autify" tests="1" failures="0" errors="1" skipped="0" time="0" id="0">',
    `    <testcase name="${notStartedTitle(kind)}" classname="Autify" time="0">`,
    `      <error message="${attr(reason)}" type="not-started">${text(reason)}</error>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    ''
  ].join('\n')
}

/** The capability label as a suite name and classname: no `.` for a reader to split at. */
export function suiteName(capabilityLabel: string): string {
  return capabilityLabel.replace(/\./g, '_')
}

function testCaseXml(testCase: TestCaseReport, classname: string, capability: string): string[] {
  const status = String(testCase.status)
  const url = testCase.url ?? testCase.scenarioUrl
  const lines = [
    `    <testcase name="${attr(testCase.scenarioName)}" classname="${attr(classname)}" time="${seconds(testCase.durationMs)}">`
  ]
  if (status === 'failed' || status === 'internal_error') {
    const element = status === 'failed' ? 'failure' : 'error'
    lines.push(`      <${element} message="${attr(`${status} on ${capability}`)}" type="${attr(status)}">${text(url)}</${element}>`)
  } else if (status === 'skipped' || status === 'canceled') {
    lines.push(`      <skipped message="${attr(status)}"/>`)
  } else if (status !== 'passed') {
    lines.push(`      <skipped message="${attr(`unfinished (${status}) when waiting ended`)}"/>`)
  }
  const earlier = Array.isArray(testCase.attempts) ? testCase.attempts.slice(0, -1) : []
  const kind = status === 'passed' ? 'flaky' : 'rerun'
  for (const [i, attempt] of earlier.entries()) lines.push(attemptXml(attempt, i + 1, kind))

  const attempts = Array.isArray(testCase.attempts) ? testCase.attempts : []
  const facts: [string, unknown][] = [
    ['Autify result', url],
    ['Scenario', `${String(testCase.scenarioId)} ${String(testCase.scenarioUrl)}`],
    ['Capability', capability],
    ['Status', status]
  ]
  if (attempts.length > 1) facts.push(['Attempts', attempts.map((a) => String(a.status)).join(', ')])
  if (testCase.flaky) facts.push(['Flaky', `passed on attempt ${attempts.length}`])
  if (Number(testCase.reviewNeeded) > 0) facts.push(['Review needed', `${String(testCase.reviewNeeded)} flagged for review in Autify`])
  lines.push(
    `      <system-out>${text(facts.map(([key, value]) => `${key}: ${String(value)}`).join('\n'))}</system-out>`,
    '    </testcase>'
  )
  return lines
}

/** One earlier attempt, as Surefire records re-runs: `flaky*` before a pass, `rerun*` otherwise. */
function attemptXml(attempt: TestCaseAttempt, number: number, kind: 'flaky' | 'rerun'): string {
  const status = String(attempt.status)
  const element = `${kind}${status === 'failed' ? 'Failure' : 'Error'}`
  const details = `Attempt ${number}: ${status}${attempt.url ? `\n${String(attempt.url)}` : ''}`
  return `      <${element} message="${attr(`attempt ${number}: ${status}`)}" type="${attr(status)}"><stackTrace>${text(details)}</stackTrace></${element}>`
}

function property(name: string, value: unknown): string {
  return `      <property name="${attr(name)}" value="${attr(value)}"/>`
}

function tally(cases: readonly TestCaseReport[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === 'failed').length,
    errors: cases.filter((c) => c.status === 'internal_error').length,
    skipped: cases.filter((c) => !isFailure(c.status) && c.status !== 'passed').length,
    time: cases.reduce((sum, c) => sum + milliseconds(c.durationMs), 0)
  }
}

function milliseconds(value: unknown): number {
  const ms = Number(value)
  return Number.isFinite(ms) && ms > 0 ? ms : 0
}

function seconds(ms: unknown): string {
  return (milliseconds(ms) / 1000).toFixed(3)
}

function hostOf(url: string): string {
  try {
    return new URL(String(url)).hostname || 'localhost'
  } catch {
    return 'localhost'
  }
}

// Characters XML 1.0 does not allow at all, and UTF-16 halves without their other half.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function text(value: unknown): string {
  return redact(String(value ?? ''))
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

function attr(value: unknown): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
