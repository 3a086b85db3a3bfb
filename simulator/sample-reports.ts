/** Reports made up for tests and the benchmark: the renderers' input without a run. */
import { capabilityInfo } from '../src/autify/test-cases.js'
import { type RunReport, type TestCaseReport, type TestCaseStatus, countTestCases } from '../src/model.js'

let nextId = 1

export function testCase(overrides: Partial<TestCaseReport> & { status?: TestCaseStatus } = {}): TestCaseReport {
  const id = nextId++
  const status = overrides.status ?? 'passed'
  const url = `https://app.autify.com/projects/743/results/1/capabilities/2/scenarios/${id}`
  return {
    scenarioId: 91000 + id,
    scenarioName: `Scenario ${id}`,
    scenarioUrl: `https://app.autify.com/projects/743/scenarios/${91000 + id}`,
    capability: capabilityInfo({ os: 'Linux', browser: 'Chrome', browser_version: '136.0' }),
    status,
    durationMs: 1234,
    startedAt: null,
    finishedAt: null,
    url,
    reviewNeeded: 0,
    flaky: false,
    attempts: [{ resultId: 1, testCaseResultId: id, status, durationMs: 1234, url, reviewNeeded: 0 }],
    ...overrides
  }
}

export function report(testCases: TestCaseReport[], overrides: Partial<RunReport> = {}): RunReport {
  const counts = countTestCases(testCases)
  const failed = counts.failed > 0
  return {
    projectId: 743,
    kind: 'scenarios',
    testPlan: null,
    executionName: null,
    resultId: 1920728,
    resultUrl: 'https://app.autify.com/projects/743/results/1920728',
    attempts: [
      { resultId: 1920728, resultUrl: 'https://app.autify.com/projects/743/results/1920728', status: failed ? 'failed' : 'passed' }
    ],
    status: failed ? 'failed' : 'passed',
    outcome: failed ? 'failed' : 'passed',
    note: null,
    startedAt: '2023-04-06T06:28:43.635Z',
    finishedAt: '2023-04-06T06:29:03.000Z',
    durationMs: 19_365,
    testCases,
    counts,
    ...overrides
  }
}

/** `count` test case results spread over five capabilities, one in `failEvery` failing. */
export function bigReport(count: number, failEvery = 50): RunReport {
  const capabilities = [
    { os: 'Linux', browser: 'Chrome', browser_version: '136.0' },
    { os: 'Windows', os_version: '11', browser: 'Edge', browser_version: '136.0' },
    { os: 'OS X', os_version: 'Sequoia', browser: 'Safari', browser_version: '18.4' },
    { os: 'Android', os_version: '13.0', device: 'Google Pixel 7' },
    { os: 'iOS', os_version: '18', device: 'iPhone 16', browser: 'Safari' }
  ].map((c) => capabilityInfo(c))
  const cases = Array.from({ length: count }, (_, i) =>
    testCase({
      scenarioId: 100_000 + Math.floor(i / capabilities.length),
      scenarioName: `Checkout journey ${Math.floor(i / capabilities.length)} with a fairly long descriptive name`,
      capability: capabilities[i % capabilities.length],
      status: i % failEvery === 0 ? 'failed' : 'passed',
      reviewNeeded: i % 97 === 0 ? 1 : 0
    })
  )
  return report(cases, { kind: 'test-plan', testPlan: { id: 169408, name: 'Full regression' } })
}
