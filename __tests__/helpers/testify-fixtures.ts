import { type RunReport, type TestCaseReport, type TestCaseStatus, countTestCases } from '../../src/model.js'
import type { TestifySettings } from '../../src/settings/settings.js'

const LINUX_CHROME = {
  os: 'Linux',
  osVersion: '',
  browser: 'Chrome',
  browserVersion: '136.0',
  device: '',
  label: 'Linux · Chrome 136.0',
  key: 'linux||chrome|'
}
const WINDOWS_EDGE = {
  os: 'Windows',
  osVersion: '11',
  browser: 'Edge',
  browserVersion: '136.0',
  device: '',
  label: 'Windows 11 · Edge 136.0',
  key: 'windows|11|edge|'
}

let nextCaseId = 5000

/** One Autify test case result, as the action's result model holds it. */
export function testCase(
  scenarioId: number,
  scenarioName: string,
  status: TestCaseStatus,
  options: { windows?: boolean; durationMs?: number; flaky?: boolean; reviewNeeded?: number } = {}
): TestCaseReport {
  const id = nextCaseId++
  const url = `https://app.autify.com/projects/743/results/1920001/capabilities/77/scenarios/${id}`
  return {
    scenarioId,
    scenarioName,
    scenarioUrl: `https://app.autify.com/projects/743/scenarios/${scenarioId}`,
    capability: options.windows ? WINDOWS_EDGE : LINUX_CHROME,
    status,
    durationMs: options.durationMs ?? 2500,
    startedAt: '2026-11-02T10:00:00.000Z',
    finishedAt: '2026-11-02T10:00:02.500Z',
    url,
    reviewNeeded: options.reviewNeeded ?? 0,
    flaky: options.flaky ?? false,
    attempts: options.flaky
      ? [
          { resultId: 1920001, testCaseResultId: id - 1000, status: 'failed', durationMs: 2000, url: `${url}-first`, reviewNeeded: 0 },
          { resultId: 1920002, testCaseResultId: id, status, durationMs: options.durationMs ?? 2500, url, reviewNeeded: 0 }
        ]
      : [{ resultId: 1920001, testCaseResultId: id, status, durationMs: options.durationMs ?? 2500, url, reviewNeeded: 0 }]
  }
}

export function runReport(testCases: TestCaseReport[], resultId = 1920001): RunReport {
  const counts = countTestCases(testCases)
  return {
    projectId: 743,
    kind: 'scenarios',
    testPlan: null,
    executionName: null,
    resultId,
    resultUrl: `https://app.autify.com/projects/743/results/${resultId}`,
    attempts: [
      { resultId, resultUrl: `https://app.autify.com/projects/743/results/${resultId}`, status: counts.failed ? 'failed' : 'passed' }
    ],
    status: counts.failed ? 'failed' : 'passed',
    outcome: counts.failed ? 'failed' : 'passed',
    note: null,
    startedAt: '2026-11-02T10:00:00.000Z',
    finishedAt: '2026-11-02T10:00:10.000Z',
    durationMs: 10_000,
    testCases,
    counts
  }
}

export function testifySettings(apiUrl: string, overrides: Partial<TestifySettings> = {}): TestifySettings {
  return {
    apiUrl,
    apiVersion: '2.0',
    authHeaders: { Secret: 'tfy-secret-5c1e0b7a93d4', Subject: 'tfy-subject-interface-user-4242', Tenant: 'tfy-tenant-acme-9d2f61' },
    checklistTemplate: 'checkout-regression',
    testObject: 'octo-org/shop@0123456',
    checkIdentifier: '{scenario-name}',
    ...overrides
  }
}
