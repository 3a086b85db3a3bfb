import { type CapabilityInfo, type TestCaseReport, type TestCaseStatus, RESULT_STATUSES } from '../model.js'
import type { ApiCapability, ApiResult, ApiTestCaseResult } from './api-types.js'

export function capabilityInfo(api: ApiCapability | null | undefined): CapabilityInfo {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : value == null ? '' : String(value))
  const os = text(api?.os)
  const osVersion = text(api?.os_version)
  const browser = text(api?.browser)
  const browserVersion = text(api?.browser_version)
  const device = text(api?.device)
  const label =
    [[os, osVersion].filter(Boolean).join(' '), device, [browser, browserVersion].filter(Boolean).join(' ')].filter(Boolean).join(' · ') ||
    'Unknown environment'
  const key = [os, osVersion, browser, device].map((part) => part.toLowerCase()).join('|')
  return { os, osVersion, browser, browserVersion, device, label, key }
}

/** The capability to send when re-running a test case on the environment it ran on. */
export function capabilityRequest(capability: CapabilityInfo): Record<string, string> {
  const request: Record<string, string> = {}
  if (capability.os) request.os = capability.os
  if (capability.osVersion) request.os_version = capability.osVersion
  if (capability.browser) request.browser = capability.browser
  if (capability.device) request.device = capability.device
  return request
}

export function toTestCaseStatus(status: string): TestCaseStatus {
  if (status === 'queuing') return 'waiting'
  return (RESULT_STATUSES as readonly string[]).includes(status) ? (status as TestCaseStatus) : 'waiting'
}

export type ScenarioNameOf = (scenarioId: number) => string

export interface TestCaseContext {
  projectId: number
  webUrl: string
  nameOf: ScenarioNameOf
}

/** Every test case result of one Autify result, in Autify's order. */
export function testCasesOf(result: ApiResult, context: TestCaseContext): TestCaseReport[] {
  const cases: TestCaseReport[] = []
  for (const capabilityResult of result.test_plan_capability_results ?? []) {
    const capability = capabilityInfo(capabilityResult.capability)
    for (const api of capabilityResult.test_case_results ?? []) {
      cases.push(toTestCase(api, capability, result.id, context))
    }
  }
  return cases
}

function toTestCase(api: ApiTestCaseResult, capability: CapabilityInfo, resultId: number, context: TestCaseContext): TestCaseReport {
  const status = toTestCaseStatus(api.status)
  const reviewNeeded = typeof api.review_needed === 'boolean' ? Number(api.review_needed) : Number(api.review_needed ?? 0) || 0
  const durationMs = typeof api.duration === 'number' ? api.duration : null
  const url = api.project_url || null
  return {
    scenarioId: api.test_case_id,
    scenarioName: context.nameOf(api.test_case_id),
    scenarioUrl: `${context.webUrl}/projects/${context.projectId}/scenarios/${api.test_case_id}`,
    capability,
    status,
    durationMs,
    startedAt: api.started_at ?? null,
    finishedAt: api.finished_at ?? null,
    url,
    reviewNeeded,
    flaky: false,
    attempts: [{ resultId, testCaseResultId: api.id, status, durationMs, url, reviewNeeded }],
    ...(api.export_variables?.length && { exports: api.export_variables })
  }
}

/** Identity of a test across runs: its scenario and its environment (CapabilityInfo.key, browser version aside). */
export function testKey(scenarioId: number, capabilityKey: string): string {
  return `${scenarioId}|${capabilityKey}`
}

/** Identity of a test case across attempts: scenario, environment, and its occurrence. */
export function testCaseKeys(cases: readonly TestCaseReport[]): string[] {
  const seen = new Map<string, number>()
  return cases.map((c) => {
    const base = testKey(c.scenarioId, c.capability.key)
    const occurrence = seen.get(base) ?? 0
    seen.set(base, occurrence + 1)
    return `${base}#${occurrence}`
  })
}

/**
 * Folds a retry into the earlier attempts: each retried test case takes the retry's status (its
 * last attempt decides); one that passes after failing is flaky. Test cases the retry ran but that
 * were not retried (execute_scenarios runs every scenario on every capability) are ignored.
 */
export function mergeRetry(
  previous: readonly TestCaseReport[],
  retried: ReadonlySet<string>,
  retry: readonly TestCaseReport[]
): TestCaseReport[] {
  const retryByKey = new Map<string, TestCaseReport>()
  testCaseKeys(retry).forEach((key, index) => retryByKey.set(key, retry[index]))
  const keys = testCaseKeys(previous)
  return previous.map((before, index) => {
    const key = keys[index]
    const after = retried.has(key) ? retryByKey.get(key) : undefined
    if (!after) return before
    return {
      ...after,
      scenarioName: before.scenarioName,
      flaky: after.status === 'passed' && before.status !== 'passed',
      attempts: [...before.attempts, ...after.attempts]
    }
  })
}

/** Folds the names learnt since into test cases built earlier. */
export function withNames(cases: readonly TestCaseReport[], nameOf: ScenarioNameOf): TestCaseReport[] {
  return cases.map((c) => ({ ...c, scenarioName: nameOf(c.scenarioId) }))
}
