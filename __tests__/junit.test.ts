import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { validateXML } from 'xmllint-wasm'
import { capabilityInfo } from '../src/autify/test-cases.js'
import { addSecret } from '../src/secrets.js'
import type { TestCaseAttempt, TestCaseReport, TestCaseStatus } from '../src/model.js'
import { renderJUnit, suiteName } from '../src/report/junit.js'
import { bigReport, report, testCase } from '../simulator/sample-reports.js'
import { heldStdout } from './helpers/stdout.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Jenkins xunit-plugin's junit-10.xsd (the Maven Surefire format); source noted in __fixtures__/schemas/README.md.
const JUNIT_XSD = readFileSync(path.join(root, '__fixtures__/schemas/junit-10.xsd'), 'utf8')

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'junit-10.xsd', contents: JUNIT_XSD },
    maxMemoryPages: 16384
  })
  return result.valid ? [] : result.errors.map((e) => e.rawMessage)
}

const windows = capabilityInfo({ os: 'Windows', os_version: '11', browser: 'Edge', browser_version: '136.0.3240.50' })
const android = capabilityInfo({ os: 'Android', os_version: '13.0', device: 'Google Pixel 7' })

function attempt(status: TestCaseStatus, n: number): TestCaseAttempt {
  return {
    resultId: 1920728 + n,
    testCaseResultId: 500 + n,
    status,
    durationMs: 1000,
    url: `https://app.autify.com/r/${n}`,
    reviewNeeded: 0
  }
}

/** A test case re-run after its first attempts: `statuses` in order, the last one final. */
function reRun(statuses: TestCaseStatus[], overrides: Partial<TestCaseReport> = {}): TestCaseReport {
  const final = statuses.at(-1)!
  return testCase({
    status: final,
    flaky: final === 'passed' && statuses.length > 1,
    attempts: statuses.map((s, i) => attempt(s, i + 1)),
    ...overrides
  })
}

/** A run with everything a reader has to tell apart, on three capabilities. */
function everything() {
  return report([
    testCase({ scenarioName: 'Sign in and see the dashboard' }),
    testCase({ scenarioName: 'Check out with a saved card', status: 'failed', capability: windows }),
    testCase({ scenarioName: 'Search the catalogue', status: 'internal_error' }),
    testCase({ scenarioName: 'Export the order history', status: 'skipped', capability: android }),
    testCase({ scenarioName: 'Cancel an order', status: 'canceled' }),
    testCase({ scenarioName: 'Track a parcel', status: 'running', durationMs: null }),
    reRun(['failed', 'passed'], { scenarioName: 'Apply a discount code' }),
    reRun(['internal_error', 'failed', 'failed'], { scenarioName: 'Pay by invoice', capability: windows }),
    testCase({ scenarioName: 'Change the shipping address', reviewNeeded: 2 }),
    testCase({ scenarioName: 'bad "one" & <two> ]]> \u0007 \ud800 v1.2.3' })
  ])
}

describe('JUnit report', () => {
  it('is valid against junit-10.xsd with failures, errors, skips, re-runs, review needed and unfinished test cases', async () => {
    const xml = renderJUnit(everything())
    expect(await schemaErrors(xml)).toEqual([])
    expect(await schemaErrors(renderJUnit(report([])))).toEqual([])
    expect(await schemaErrors(renderJUnit(bigReport(500)))).toEqual([])
  })

  it('is checked by a validator that rejects what the schema forbids', async () => {
    // The previous format of this report: properties inside a test case, skipped on <testsuites>.
    const old = [
      '<testsuites name="Autify" tests="1" failures="0" errors="0" skipped="0" time="1.000">',
      '  <testsuite name="Linux" tests="1" failures="0" errors="0" skipped="0" time="1.000">',
      '    <testcase name="a" classname="Autify.Linux" time="1.000">',
      '      <properties><property name="x" value="1"/></properties>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>'
    ].join('\n')
    const errors = await schemaErrors(old)
    expect(errors.some((e) => e.includes("attribute 'skipped' is not allowed"))).toBe(true)
    expect(errors.some((e) => e.includes("Element 'properties': This element is not expected"))).toBe(true)
  })

  it('names suites and classnames after the capability with no "." for a reader to split at', () => {
    const xml = renderJUnit(everything())
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1])
    expect(suites).toEqual(['Windows 11 · Edge 136_0_3240_50', 'Linux · Chrome 136_0', 'Android 13_0 · Google Pixel 7'])
    const classnames = new Set([...xml.matchAll(/classname="([^"]*)"/g)].map((m) => m[1]))
    expect(classnames).toEqual(new Set(suites))
    // The real label, dots and all, stays in the suite's properties and each test case's output.
    expect(xml).toContain('<property name="autify.capability" value="Windows 11 · Edge 136.0.3240.50"/>')
    expect(xml).toContain('Capability: Android 13.0 · Google Pixel 7')
    expect(suiteName('OS X Sequoia · Safari 18.4')).toBe('OS X Sequoia · Safari 18_4')
  })

  it('counts and marks every status as readers expect', () => {
    const xml = renderJUnit(everything())
    expect(xml).toContain('<testsuites name="Autify" tests="10" failures="2" errors="1" time="19.365">')
    expect(xml).toMatch(
      /<testsuite name="Linux · Chrome 136_0" tests="7" failures="0" errors="1" skipped="2" time="[\d.]+" timestamp="2023-04-06T06:28:43.635Z" hostname="app.autify.com" id="1">/
    )
    expect(xml).toMatch(
      /<failure message="failed on Windows 11 · Edge 136\.0\.3240\.50" type="failed">https:\/\/app\.autify\.com\/[^<]+<\/failure>/
    )
    expect(xml).toContain('<error message="internal_error on Linux · Chrome 136.0" type="internal_error">')
    expect(xml).toContain('<skipped message="skipped"/>')
    expect(xml).toContain('<skipped message="canceled"/>')
    expect(xml).toContain('<skipped message="unfinished (running) when waiting ended"/>')
    expect(xml).toMatch(/<testcase name="Track a parcel" classname="Linux · Chrome 136_0" time="0\.000">/)
  })

  it('keeps earlier attempts as Surefire does: flaky before a pass, reruns before a failure', () => {
    const xml = renderJUnit(everything())
    const caseXml = (name: string) => new RegExp(`<testcase name="${name}"[\\s\\S]*?</testcase>`).exec(xml)?.[0] ?? ''
    const flaky = caseXml('Apply a discount code')
    expect(flaky).not.toMatch(/<failure|<error|<skipped/)
    expect(flaky).toContain(
      '<flakyFailure message="attempt 1: failed" type="failed"><stackTrace>Attempt 1: failed\nhttps://app.autify.com/r/1</stackTrace></flakyFailure>'
    )
    expect(flaky).toContain('Attempts: failed, passed\nFlaky: passed on attempt 2')

    const failing = caseXml('Pay by invoice')
    expect(failing).toContain('<failure message="failed on Windows 11 · Edge 136.0.3240.50" type="failed">')
    expect(failing).toContain('<rerunError message="attempt 1: internal_error" type="internal_error">')
    expect(failing).toContain('<rerunFailure message="attempt 2: failed" type="failed">')
    expect(failing).not.toContain('flaky')
  })

  it('says in the test case output when Autify flagged steps for review', () => {
    const xml = renderJUnit(everything())
    expect(xml).toMatch(
      /<testcase name="Change the shipping address"[^>]*>\s*<system-out>[^<]*Review needed: 2 flagged for review in Autify<\/system-out>/
    )
    expect(xml).toContain('<property name="autify.review_needed" value="1"/>')
  })

  it('escapes every value whatever its runtime type, and drops characters XML cannot hold', async () => {
    const hostile = '1"/><injected a=""/>'
    const xml = renderJUnit(
      report([
        testCase({
          // What a hostile server can send where the types say number.
          scenarioId: hostile as unknown as number,
          durationMs: hostile as unknown as number,
          reviewNeeded: hostile as unknown as number,
          status: 'failed',
          url: `https://app.autify.com/x?a=1&b=<2>`,
          attempts: [{ ...attempt('failed', 1), status: hostile as unknown as TestCaseStatus }, attempt('failed', 2)]
        }),
        testCase({ scenarioName: 'bad "one" & <two> \u0007 \ud800', capability: capabilityInfo({ os: '<os a="1">', browser: hostile }) })
      ])
    )
    expect(xml).not.toContain('<injected')
    expect(xml).toContain('1&quot;/&gt;&lt;injected a=&quot;&quot;/&gt;')
    expect(xml).toContain('<testcase name="bad &quot;one&quot; &amp; &lt;two&gt;  "')
    expect(xml).toContain('https://app.autify.com/x?a=1&amp;b=&lt;2&gt;')
    expect(xml.includes('\u0007') || xml.includes('\ud800')).toBe(false)
    expect(await schemaErrors(xml)).toEqual([])
  })

  it('redacts known secrets before escaping them', async () => {
    const secret = 'tok&en<"secret"'
    expect(await heldStdout(() => addSecret(secret))).toContain('::add-mask::tok&en<"secret"')
    const xml = renderJUnit(
      report([testCase({ scenarioName: `leaks ${secret}`, url: `https://app.autify.com/x?t=${encodeURIComponent(secret)}` })], {
        resultUrl: `https://app.autify.com/${secret}`
      })
    )
    expect(xml).toContain('<testcase name="leaks ***"')
    expect(xml).toContain('Autify result: https://app.autify.com/x?t=***')
    expect(xml).toContain('<property name="autify.result_url" value="https://app.autify.com/***"/>')
    expect(xml).not.toContain('tok&amp;en')
    expect(xml).not.toContain('secret')
  })
})
