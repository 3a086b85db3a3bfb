import { type CapabilityInfo, type TestCaseReport, isFailure } from '../model.js'
import { formatDuration } from '../util/format.js'
import { type CheckValue, LOGICAL_CHECK, TEXT_CHECK, type WireCheck, checkTypeName } from './wire.js'

/** `{capability}`: the environment without the browser version, which changes from run to run. */
export function capabilityName(capability: CapabilityInfo): string {
  return (
    [[capability.os, capability.osVersion].filter(Boolean).join(' '), capability.device, capability.browser].filter(Boolean).join(' · ') ||
    capability.label
  )
}

/** The identifier of the check a test case result belongs to, from `testify-check-identifier`. */
export function checkIdentifierFor(pattern: string, testCase: TestCaseReport): string {
  return pattern.replace(/\{(scenario-id|scenario-name|capability)\}/g, (_, name: string) =>
    name === 'scenario-id'
      ? String(testCase.scenarioId)
      : name === 'scenario-name'
        ? testCase.scenarioName
        : capabilityName(testCase.capability)
  )
}

/** One check result to post, built from every test case result that names the check. */
export interface CheckResultPost {
  check: WireCheck
  value: CheckValue
  comment: string | null
  /** Finished results (passed, failed, internal error) that decide the value. */
  testCases: TestCaseReport[]
  /** Skipped or canceled results of the same check: listed in the text, not counted. */
  skipped: TestCaseReport[]
  passed: boolean
}

export interface CheckLeftOpen {
  check: WireCheck
  /** `not-run`: every result of the check was skipped or canceled. */
  kind: 'not-run' | 'unsupported-type' | 'unknown-type'
  reason: string
  testCases: TestCaseReport[]
}

export interface UnmatchedResult {
  testCase: TestCaseReport
  identifier: string
}

export interface CheckResultPlan {
  posts: CheckResultPost[]
  /** Matched checks that get no result: their results were all skipped/canceled, or the action cannot fill their type. */
  leftOpen: CheckLeftOpen[]
  /** Matched checks whose type could not be read from Testify's answer. */
  unknownType: CheckLeftOpen[]
  /** Test case results whose identifier names no check. */
  unmatched: UnmatchedResult[]
  /** Checks no test case result names. */
  checksWithoutResult: WireCheck[]
}

const normalize = (identifier: string) => identifier.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Which check each test case result goes to, and what each check receives. Several results naming
 * one check (one scenario on several browsers, with `{scenario-name}`) become one check result: a
 * check holds one result, and posting them one by one would keep only the last.
 */
export function planCheckResults(testCases: readonly TestCaseReport[], checks: readonly WireCheck[], pattern: string): CheckResultPlan {
  const exact = new Map<string, WireCheck>()
  const loose = new Map<string, WireCheck>()
  for (const check of checks) {
    if (!exact.has(check.identifier)) exact.set(check.identifier, check)
    if (!loose.has(normalize(check.identifier))) loose.set(normalize(check.identifier), check)
  }
  const byCheck = new Map<WireCheck, TestCaseReport[]>()
  const unmatched: UnmatchedResult[] = []
  for (const testCase of testCases) {
    const identifier = checkIdentifierFor(pattern, testCase)
    const check = exact.get(identifier) ?? loose.get(normalize(identifier))
    if (!check) unmatched.push({ testCase, identifier })
    else byCheck.set(check, [...(byCheck.get(check) ?? []), testCase])
  }

  const plan: CheckResultPlan = { posts: [], leftOpen: [], unknownType: [], unmatched, checksWithoutResult: [] }
  for (const check of checks) {
    const matched = byCheck.get(check)
    if (!matched) {
      plan.checksWithoutResult.push(check)
      continue
    }
    const finished = matched.filter((c) => c.status === 'passed' || isFailure(c.status))
    const skipped = matched.filter((c) => !finished.includes(c))
    if (finished.length === 0) {
      plan.leftOpen.push({
        check,
        kind: 'not-run',
        reason: `not run (${[...new Set(skipped.map((c) => statusText(c)))].join(', ')})`,
        testCases: matched
      })
    } else if (check.type === null) {
      plan.unknownType.push({
        check,
        kind: 'unknown-type',
        reason: 'its check type could not be read from Testify’s answer',
        testCases: matched
      })
    } else if (check.type !== LOGICAL_CHECK && check.type !== TEXT_CHECK) {
      plan.leftOpen.push({
        check,
        kind: 'unsupported-type',
        reason: `it is a ${checkTypeName(check.type)}; the action fills Logical and Text checks`,
        testCases: matched
      })
    } else {
      const passed = finished.every((c) => c.status === 'passed')
      const lines = [...finished, ...skipped].map(describeTestCase)
      plan.posts.push(
        check.type === LOGICAL_CHECK
          ? { check, value: passed, comment: lines.join('\n'), testCases: finished, skipped, passed }
          : { check, value: lines.join('\n'), comment: null, testCases: finished, skipped, passed }
      )
    }
  }
  return plan
}

function statusText(testCase: TestCaseReport): string {
  switch (testCase.status) {
    case 'passed':
      return testCase.flaky ? `Passed on attempt ${testCase.attempts.length} (flaky)` : 'Passed'
    case 'failed':
      return 'Failed'
    case 'internal_error':
      return 'Internal error'
    case 'skipped':
      return 'Skipped'
    case 'canceled':
      return 'Canceled'
    default:
      return 'Unfinished'
  }
}

/** `Failed · Linux · Chrome 136.0 · 3.0s · https://app.autify.com/…`: what Testify shows for one result. */
export function describeTestCase(testCase: TestCaseReport): string {
  const review = testCase.reviewNeeded > 0 ? `review needed (${testCase.reviewNeeded})` : null
  return [
    statusText(testCase),
    testCase.capability.label,
    formatDuration(testCase.durationMs),
    review,
    testCase.url ?? testCase.scenarioUrl
  ]
    .filter(Boolean)
    .join(' · ')
}
