/**
 * Representative runs rendered by the pure renderers into the files a reviewer reads: the job
 * summary, the pull-request comment, the check run's output and annotations, and the JUnit report.
 * Every model is fixed (no clock, no counter, no randomness), so the files change only when the
 * rendering does. `__tests__/golden.test.ts` compares them with `__tests__/__outputs__/`.
 */
import { capabilityInfo } from '../../src/autify/test-cases.js'
import type { CapabilityInfo, RunReport, TestCaseHistory, TestCaseReport, TestCaseStatus } from '../../src/model.js'
import { redact } from '../../src/secrets.js'
import { type AnnotationChoice, toAnnotations } from '../../src/report/annotations.js'
import { renderCheckOutput } from '../../src/report/check-output.js'
import { renderJUnit } from '../../src/report/junit.js'
import { type PrCommentContext, renderPrComment } from '../../src/report/pr-comment.js'
import { renderJobSummary } from '../../src/report/summary.js'
import type { ListTests } from '../../src/settings/settings.js'
import { report } from '../../simulator/sample-reports.js'

const PROJECT = 'https://app.autify.com/projects/743'
const RUN_URL = 'https://github.com/octo/shop/actions/runs/1234567890/attempts/1'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const LOCATION = { path: '.github/workflows/e2e.yml', line: 18 }

const CHROME = capabilityInfo({ os: 'Linux', browser: 'Chrome', browser_version: '136.0' })
const EDGE = capabilityInfo({ os: 'Windows', os_version: '11', browser: 'Edge', browser_version: '136.0' })
const SAFARI = capabilityInfo({ os: 'OS X', os_version: 'Sequoia', browser: 'Safari', browser_version: '18.4' })
const PIXEL = capabilityInfo({ os: 'Android', os_version: '13.0', device: 'Google Pixel 7' })
const IPHONE = capabilityInfo({ os: 'iOS', os_version: '18', device: 'iPhone 16', browser: 'Safari' })

interface CaseSpec {
  /** Unique within a run: the scenario's and the test case result's IDs derive from it. */
  id: number
  name?: string
  status?: TestCaseStatus
  capability?: CapabilityInfo
  /** Statuses of the earlier attempts, the first one first (the last attempt is `status`). */
  earlier?: TestCaseStatus[]
  reviewNeeded?: number
  history?: TestCaseHistory
  durationMs?: number
}

/** A test case result whose every ID and URL follows from `spec.id`. */
function fixedCase(spec: CaseSpec, resultIds: readonly number[]): TestCaseReport {
  const status = spec.status ?? 'passed'
  const statuses = [...(spec.earlier ?? []), status]
  const durationMs = spec.durationMs ?? 20_000 + (spec.id % 7) * 1_300
  const attempts = statuses.map((s, i) => ({
    resultId: resultIds[i],
    testCaseResultId: resultIds[i] * 10 + spec.id,
    status: s,
    durationMs,
    url: `${PROJECT}/results/${resultIds[i]}/test_case_results/${resultIds[i] * 10 + spec.id}`,
    reviewNeeded: i === statuses.length - 1 ? (spec.reviewNeeded ?? 0) : 0
  }))
  const last = attempts[attempts.length - 1]
  return {
    scenarioId: 91_000 + spec.id,
    scenarioName: spec.name ?? `Scenario ${spec.id}`,
    scenarioUrl: `${PROJECT}/scenarios/${91_000 + spec.id}`,
    capability: spec.capability ?? CHROME,
    status,
    durationMs,
    startedAt: null,
    finishedAt: null,
    url: last.url,
    reviewNeeded: last.reviewNeeded,
    flaky: status === 'passed' && statuses.length > 1,
    attempts,
    ...(spec.history && { history: spec.history })
  }
}

const RESULT_ID = 1_920_728

/** A finished run of `specs`; `retries` adds that many retry results after the first. */
function fixedRun(specs: CaseSpec[], overrides: Partial<RunReport> = {}, retries = 0): RunReport {
  const resultIds = Array.from({ length: retries + 1 }, (_, i) => RESULT_ID + i)
  const base = report(
    specs.map((spec) => fixedCase(spec, resultIds)),
    overrides
  )
  const attempts = resultIds.map((resultId, i) => ({
    resultId,
    resultUrl: `${PROJECT}/results/${resultId}`,
    status: i === resultIds.length - 1 ? (base.status as 'passed' | 'failed') : ('failed' as const)
  }))
  return { ...base, attempts }
}

const history = (fields: Partial<TestCaseHistory> & Pick<TestCaseHistory, 'kind'>): TestCaseHistory => ({
  runs: 5,
  failures: 0,
  streak: 0,
  since: null,
  ...fields
})

/** The base branch's runs the failures of `failures-with-history` are compared with. */
const BASE_SHA = '5b1e4e4c0ffee5b1e4e4c0ffee5b1e4e4c0ffee0'
const BASE_RESULTS = [1_920_690, 1_920_680, 1_920_670, 1_920_660, 1_920_650]
const onMain = (url: string | null) => ({ ref: 'main', sha: BASE_SHA, resultIds: BASE_RESULTS, url })

/** Names that try every way out of a table cell, a Markdown line, an XML attribute and the runner's log. */
export const HOSTILE_NAMES = [
  '@octo-org/everyone please look, cc @admin',
  'Checkout | total <script>alert(1)</script> [free](https://evil.example) ![x](https://evil.example/x.png)',
  'Sign in\n::error::FORGED\r\n::add-mask::FORGED ##[warning]FORGED',
  '<!-- autify-web-test-action check=Autify --> </details></table> `code` **bold** _it_ ~~del~~ # heading',
  `Very long ${'name that keeps going '.repeat(30)}end`,
  'XML & "quotes" \'single\' <tag attr="1"> ]]> \u0000\u001b[31m control \u2028 separator',
  'Leaks the token hostile-secret-T0k3n in its name'
]
export const HOSTILE_SECRET = 'hostile-secret-T0k3n'

export interface GoldenCase {
  name: string
  report: RunReport
  comment: Omit<PrCommentContext, 'runUrl' | 'sha'>
  listTests: ListTests
  annotations: AnnotationChoice
}

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'pass',
    report: fixedRun(
      [
        { id: 1, name: 'Sign in' },
        { id: 2, name: 'Search the catalogue' },
        { id: 3, name: 'Sign in', capability: EDGE, reviewNeeded: 1 }
      ],
      { credits: { total: 3, perAttempt: [3], rerunEverything: null } }
    ),
    comment: { checkName: 'Autify', listTests: 'failures' },
    listTests: 'all',
    annotations: { annotatePasses: false }
  },
  {
    name: 'failures-with-history',
    report: fixedRun(
      [
        {
          id: 1,
          name: 'Pay by card',
          status: 'failed',
          history: history({ kind: 'new', baseline: onMain(`${PROJECT}/results/1920690/test_case_results/1`) })
        },
        {
          id: 2,
          name: 'Apply a coupon',
          status: 'failed',
          history: history({
            kind: 'still-failing',
            failures: 3,
            streak: 3,
            since: { resultId: 1_920_650, url: `${PROJECT}/results/1920650` },
            baseline: onMain(`${PROJECT}/results/1920690/test_case_results/2`)
          })
        },
        {
          id: 3,
          name: 'Track an order',
          status: 'internal_error',
          capability: SAFARI,
          history: history({ kind: 'unstable', failures: 2, baseline: onMain(null) })
        },
        { id: 4, name: 'Sign in' },
        { id: 5, name: 'Newsletter', status: 'skipped', capability: SAFARI },
        { id: 6, name: 'Wish list', capability: SAFARI, reviewNeeded: 2 }
      ],
      {
        kind: 'test-plan',
        testPlan: { id: 169_408, name: 'Checkout' },
        executionName: 'PR #42 · main@0123456',
        failOn: 'new',
        history: { runs: 5, baseline: { ref: 'main', sha: BASE_SHA, resultIds: BASE_RESULTS } },
        credits: { total: 6, perAttempt: [6], rerunEverything: null }
      }
    ),
    comment: { checkName: 'Autify (checkout)', listTests: 'failures' },
    listTests: 'all',
    annotations: { annotatePasses: false }
  },
  {
    name: 'flaky-with-retries',
    report: fixedRun(
      [
        { id: 1, name: 'Add to cart', earlier: ['failed'], history: history({ kind: 'flaky', runs: 3, failures: 1 }) },
        { id: 2, name: 'Pay by card', status: 'failed', earlier: ['failed'], history: history({ kind: 'new', runs: 5 }) },
        { id: 3, name: 'Sign in' },
        { id: 4, name: 'Sign in', capability: PIXEL, earlier: ['internal_error'], history: history({ kind: 'flaky', runs: 0 }) }
      ],
      {
        kind: 'test-plan',
        testPlan: { id: 169_409, name: null },
        history: { runs: 5 },
        credits: { total: 7, perAttempt: [4, 3], rerunEverything: 8 }
      },
      1
    ),
    comment: { checkName: 'Autify', listTests: 'all' },
    listTests: 'all',
    annotations: { annotatePasses: true }
  },
  {
    name: 'large-folded-plan',
    report: fixedRun(largePlan(500), { kind: 'test-plan', testPlan: { id: 169_410, name: 'Full regression' }, durationMs: 1_843_000 }),
    comment: { checkName: 'Autify', listTests: 'all' },
    listTests: 'all',
    annotations: { annotatePasses: false }
  },
  {
    name: 'hostile-names',
    report: fixedRun(
      HOSTILE_NAMES.map((name, i) => ({ id: i + 1, name, status: i % 2 === 0 ? 'failed' : 'passed', reviewNeeded: i === 1 ? 1 : 0 })),
      {
        kind: 'test-plan',
        testPlan: { id: 169_411, name: '@octo-org/qa <b>plan</b> | ::warning::plan' },
        executionName: `${HOSTILE_SECRET} \n::error::in the execution name`,
        note: 'Autify said: <img src=x onerror=alert(1)> @admin\n::stop-commands::FORGED'
      }
    ),
    comment: { checkName: 'Autify <b>@octo</b> | `e2e`', listTests: 'all' },
    listTests: 'all',
    annotations: { annotatePasses: true }
  }
]

/** `count` test case results over five capabilities, a failure every 50th and a review every 97th. */
function largePlan(count: number): CaseSpec[] {
  const capabilities = [CHROME, EDGE, SAFARI, PIXEL, IPHONE]
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `Checkout journey ${Math.floor(i / capabilities.length)} with a fairly long descriptive name`,
    capability: capabilities[i % capabilities.length],
    status: i % 50 === 0 ? 'failed' : 'passed',
    reviewNeeded: i % 97 === 0 ? 1 : 0
  }))
}

/** The files of one case: what each target would show for its run (`HOSTILE_SECRET` known as a secret). */
export function renderGoldenFiles(golden: GoldenCase): Record<string, string> {
  const { report: run } = golden
  const output = renderCheckOutput(run, RUN_URL)
  // As the check run sends it: each field redacted (src/github/check-run.ts).
  const checkRun = [
    '<!-- title -->',
    output.title,
    '<!-- summary -->',
    output.summary,
    ...(output.text === undefined ? [] : ['<!-- text -->', output.text])
  ]
    .map(redact)
    .join('\n')
  return {
    // As the job summary reporter writes it: redacted after rendering.
    'summary.md': redact(renderJobSummary(run, { runUrl: RUN_URL, listTests: golden.listTests })),
    'comment.md': renderPrComment(run, { ...golden.comment, runUrl: RUN_URL, sha: SHA }),
    'check-run.md': checkRun,
    'annotations.json': `${JSON.stringify(toAnnotations(run, LOCATION, golden.annotations), null, 2)}\n`,
    'junit.xml': renderJUnit(run)
  }
}
