import { type RunReport, type TestCaseReport, isFailure, isSkip } from '../model.js'
import { groupByCapability } from './summary.js'

/** JUnit XML of the run: one suite per capability, one test case per test case result. */
export function renderJUnit(report: RunReport): string {
  const groups = groupByCapability(report.testCases)
  const totals = tally(report.testCases)
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Autify" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(report.durationMs ?? totals.time)}"${report.startedAt ? ` timestamp="${attr(report.startedAt)}"` : ''}>`
  ]
  for (const group of groups) {
    const t = tally(group.cases)
    out.push(
      `  <testsuite name="${attr(group.label)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.time)}">`,
      '    <properties>',
      `      <property name="autify.result_url" value="${attr(report.resultUrl)}"/>`,
      `      <property name="autify.status" value="${attr(report.status)}"/>`,
      '    </properties>'
    )
    for (const testCase of group.cases) out.push(...testCaseXml(testCase, group.label))
    out.push('  </testsuite>')
  }
  out.push('</testsuites>', '')
  return out.join('\n')
}

function testCaseXml(testCase: TestCaseReport, suite: string): string[] {
  const lines = [
    `    <testcase name="${attr(testCase.scenarioName)}" classname="${attr(`Autify.${suite}`)}" time="${seconds(testCase.durationMs ?? 0)}">`
  ]
  const url = testCase.url ?? testCase.scenarioUrl
  if (isFailure(testCase.status)) {
    const element = testCase.status === 'failed' ? 'failure' : 'error'
    lines.push(`      <${element} message="${attr(`${testCase.status} on ${suite}`)}" type="${testCase.status}">${text(url)}</${element}>`)
  } else if (isSkip(testCase.status)) {
    lines.push(`      <skipped message="${attr(testCase.status)}"/>`)
  } else if (testCase.status !== 'passed') {
    lines.push(`      <skipped message="${attr(`unfinished (${testCase.status}) when waiting ended`)}"/>`)
  }
  // Earlier failed attempts of a flaky test case, as Maven Surefire records them.
  if (testCase.flaky) {
    for (const attempt of testCase.attempts.slice(0, -1)) {
      lines.push(
        `      <flakyFailure message="${attr(attempt.status)}" type="${attr(attempt.status)}">${text(attempt.url ?? '')}</flakyFailure>`
      )
    }
  }
  lines.push(
    '      <properties>',
    `        <property name="autify.scenario_id" value="${testCase.scenarioId}"/>`,
    `        <property name="autify.url" value="${attr(url)}"/>`,
    `        <property name="autify.attempts" value="${testCase.attempts.length}"/>`,
    ...(testCase.flaky ? ['        <property name="flaky" value="true"/>'] : []),
    ...(testCase.reviewNeeded > 0 ? [`        <property name="autify.review_needed" value="${testCase.reviewNeeded}"/>`] : []),
    '      </properties>',
    `      <system-out>${text(`Autify result: ${url}`)}</system-out>`,
    '    </testcase>'
  )
  return lines
}

function tally(cases: readonly TestCaseReport[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === 'failed').length,
    errors: cases.filter((c) => c.status === 'internal_error').length,
    skipped: cases.filter((c) => !isFailure(c.status) && c.status !== 'passed').length,
    time: cases.reduce((sum, c) => sum + (c.durationMs ?? 0), 0)
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

// Characters XML 1.0 does not allow at all.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function text(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
