/**
 * The failure history's baseline, directly: how a failure is classified against the base branch's
 * runs (pure), the words for it, the marker that names a run's attempts, and how the base branch's
 * check runs are found on the GitHub simulator over loopback (which app, which commits, how many
 * requests).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/autify/api-types.js'
import { baselineOutcomes } from '../src/autify/read-history.js'
import { capabilityInfo } from '../src/autify/test-cases.js'
import { BASELINE_COMMITS, findBaseline } from '../src/github/baseline.js'
import { markResults, resultsOfCheckRun } from '../src/github/results-marker.js'
import type { TestCaseHistory } from '../src/model.js'
import { HISTORY_RUNS, type EarlierOutcome, withHistory } from '../src/report/classify-history.js'
import { toAnnotations } from '../src/report/annotations.js'
import { historyMarkdown, historyText } from '../src/report/history-text.js'
import { historyHeadline } from '../src/report/summary.js'
import { isKnownFailure } from '../src/report/verdict.js'
import { GITHUB_ACTIONS_APP, GitHubSimulator } from '../simulator/github/github-simulator.js'
import { report, testCase } from '../simulator/sample-reports.js'
import { VirtualClock } from '../simulator/virtual-clock.js'

const sha = (c: string) => c.repeat(40 / c.length)
const BASE = sha('b')
const OLDER = sha('c')
const url = (id: number) => `https://app.autify.com/projects/743/results/${id}`
const CAPABILITY = { os: 'Linux', os_version: null, browser: 'Chrome', browser_version: '136.0', device: null }

/** An Autify result of `id` in which each scenario ended as given. */
function result(id: number, statuses: Record<number, string>): ApiResult {
  const test_case_results = Object.entries(statuses).map(([scenario, status], i) => ({
    id: id * 10 + i,
    test_case_id: Number(scenario),
    status,
    project_url: `${url(id)}/scenarios/${scenario}`
  }))
  return { id, status: 'failed', test_plan_capability_results: [{ capability: CAPABILITY, test_case_results }] } as unknown as ApiResult
}

const onLinux = (scenarioId: number, status: 'passed' | 'failed', flaky = false) =>
  testCase({ scenarioId, status, flaky, capability: capabilityInfo(CAPABILITY as never) })

describe('classifying against the base branch', () => {
  const outcome = (resultId: number, status: 'passed' | 'failed', at = BASE): EarlierOutcome => ({
    resultId,
    url: url(resultId),
    status,
    sha: at
  })
  const base = { ref: 'main', sha: BASE }

  it('calls a failure new when the test passed in the base runs, still failing when it failed in the latest, unstable when in an older one', () => {
    const outcomes: Record<number, EarlierOutcome[]> = {
      1: [outcome(30, 'passed'), outcome(20, 'passed', OLDER)],
      2: [outcome(30, 'failed'), outcome(20, 'passed', OLDER)],
      3: [outcome(30, 'passed'), outcome(20, 'failed', OLDER)],
      4: []
    }
    const cases = withHistory(
      [1, 2, 3, 4].map((id) => onLinux(id, 'failed')),
      (c) => outcomes[c.scenarioId],
      base
    )
    expect(cases.map((c) => [c.history?.kind, isKnownFailure(c)])).toEqual([
      ['new', false],
      ['still-failing', true],
      ['unstable', true],
      ['new', false]
    ])
    expect(cases[0].history?.baseline).toEqual({ ref: 'main', sha: BASE, resultIds: [30, 20], url: url(30) })
    // A test that did not run there is compared with the base commit itself.
    expect(cases[3].history).toMatchObject({ runs: 0, baseline: { ref: 'main', sha: BASE, resultIds: [] } })
  })

  it('names the commit of the latest base run that ran the test, and looks at HISTORY_RUNS runs at most', () => {
    const many = Array.from({ length: HISTORY_RUNS + 2 }, (_, i) => outcome(100 - i, i === HISTORY_RUNS ? 'failed' : 'passed', OLDER))
    const [c] = withHistory([onLinux(1, 'failed')], () => many, base)
    expect(c.history).toMatchObject({ kind: 'new', runs: HISTORY_RUNS, baseline: { sha: OLDER, resultIds: [100, 99, 98, 97, 96] } })
  })

  it('keeps the baseline on a flaky pass and on a pass that failed on the base branch lately', () => {
    const cases = withHistory([onLinux(1, 'passed', true), onLinux(2, 'passed')], () => [outcome(30, 'failed')], base)
    expect(cases.map((c) => c.history?.kind)).toEqual(['flaky', 'unstable'])
    expect(cases.every((c) => c.history?.baseline?.ref === 'main')).toBe(true)
  })

  it('without a base (the fallback), gives no baseline', () => {
    const [c] = withHistory([onLinux(1, 'failed')], () => [outcome(30, 'failed')])
    expect(c.history?.baseline).toBeUndefined()
  })

  it("reads a base run as a whole: a test's outcome is its last attempt's, named by the run's first result and commit", () => {
    const runs = [
      { sha: BASE, results: [result(50, { 1: 'failed', 2: 'failed', 3: 'passed' }), result(51, { 1: 'passed', 2: 'failed' })] },
      { sha: OLDER, results: [result(40, { 1: 'failed', 3: 'skipped' })] }
    ]
    const byTest = baselineOutcomes(runs, url)
    const key = (id: number) => `${id}|${capabilityInfo(CAPABILITY as never).key}`
    expect(byTest.get(key(1))).toEqual([
      { resultId: 50, url: `${url(51)}/scenarios/1`, status: 'passed', sha: BASE },
      { resultId: 40, url: `${url(40)}/scenarios/1`, status: 'failed', sha: OLDER }
    ])
    expect(byTest.get(key(2))?.map((o) => [o.resultId, o.status])).toEqual([[50, 'failed']])
    // A skipped test says nothing about the run it was skipped in.
    expect(byTest.get(key(3))?.map((o) => [o.resultId, o.status])).toEqual([[50, 'passed']])
  })
})

describe('what a failure was compared with, in words', () => {
  const baseline = (resultIds: number[], ref: string | null = 'main') => ({ ref, sha: '5b1e4e4' + '0'.repeat(33), resultIds })
  const since = { resultId: 1920690, url: url(1920690) }
  const history = (fields: Partial<TestCaseHistory>): TestCaseHistory => ({
    kind: 'new',
    runs: 1,
    failures: 0,
    streak: 0,
    since: null,
    baseline: baseline([1920690]),
    ...fields
  })

  it.each<[Partial<TestCaseHistory>, string]>([
    [{}, 'new: passed on main at 5b1e4e4 (#1920690)'],
    [
      { runs: 3, baseline: baseline([1920690, 1920600, 1920500]) },
      'new: passed in each of the last 3 runs on main, the latest at 5b1e4e4 (#1920690)'
    ],
    [{ runs: 0, baseline: baseline([]) }, 'new: did not run on main at 5b1e4e4'],
    [{ baseline: baseline([1920690], null) }, 'new: passed on the base branch at 5b1e4e4 (#1920690)'],
    [{ kind: 'still-failing', failures: 1, streak: 1, since }, 'still failing: also failed on main at 5b1e4e4 (#1920690)'],
    [
      { kind: 'still-failing', runs: 3, failures: 2, streak: 2, since: { ...since, resultId: 1920600 } },
      'still failing: failed in each of the last 2 runs on main (the latest at 5b1e4e4), since #1920600'
    ],
    [{ kind: 'unstable', runs: 3, failures: 1 }, 'unstable: failed 1 of the last 3 runs on main (the latest at 5b1e4e4)'],
    [{ kind: 'flaky' }, 'flaky: passed on a retry; passed on main at 5b1e4e4 (#1920690)'],
    [{ kind: 'flaky', failures: 1 }, 'flaky: passed on a retry; failed in the last run on main (the latest at 5b1e4e4)']
  ])('%p reads "%s"', (fields, text) => {
    expect(historyText(history(fields))).toBe(text)
  })

  it('links the base run in a table cell, so that no result ID reads as an issue reference', () => {
    expect(historyMarkdown(history({ baseline: { ...baseline([1920690]), url: url(1920690) } }))).toBe(
      `🆕 new: passed on main at 5b1e4e4 ([\\#\u20601920690](${url(1920690)}))`
    )
    expect(historyMarkdown(history({}))).toBe('🆕 new: passed on main at 5b1e4e4 (\\#\u20601920690)')
  })

  it('says in a table cell and an annotation that a test did not run on the base branch', () => {
    const none = history({ runs: 0, baseline: baseline([]) })
    expect(historyMarkdown(none)).toBe('🆕 new: did not run on main at 5b1e4e4')
    const [annotation] = toAnnotations(
      report([testCase({ status: 'failed', history: none })]),
      { path: 'e2e.yml', line: 1 },
      {
        annotatePasses: false
      }
    )
    expect(annotation.message).toContain('History: new: did not run on main at 5b1e4e4.')
  })

  it('links where a known failure began in a table cell', () => {
    expect(historyMarkdown(history({ kind: 'still-failing', failures: 1, streak: 1, since }))).toBe(
      `📌 still failing: also failed on main at 5b1e4e4 ([\\#⁠1920690](${url(1920690)}))`
    )
  })

  it("says in the summary's history line what the run was compared with, or that it fell back to Autify's latest runs", () => {
    const failing = report([testCase({ status: 'failed', history: history({}) })])
    expect(historyHeadline({ ...failing, history: { runs: 1, baseline: baseline([1920690]) } })).toBe(
      '1 new failure, 0 known, compared with main at 5b1e4e4 (\\#\u20601920690)'
    )
    expect(historyHeadline({ ...failing, history: { runs: 3, baseline: baseline([1920690, 1920600, 1920500]) } })).toBe(
      '1 new failure, 0 known, compared with 3 runs on main, the latest at 5b1e4e4 (\\#\u20601920690)'
    )
    expect(historyHeadline({ ...failing, history: { runs: 4, baseline: null, fallback: 'no base commit' } })).toBe(
      "1 new failure, 0 known, compared with the plan's latest runs in Autify (no run on the base branch found): the last 4 earlier runs"
    )
  })
})

describe('the marker naming a run’s attempts', () => {
  it('is read back from the summary it starts, when it starts with the external_id', () => {
    const summary = markResults('**Result:** #1920690', [1920690, 1920695])
    expect(summary).toBe('<!-- autify-results: 1920690,1920695 -->\n**Result:** #1920690')
    expect(resultsOfCheckRun('1920690', summary)).toEqual([1920690, 1920695])
  })

  it('falls back to the external_id alone, and skips a check run whose external_id is no result', () => {
    expect(resultsOfCheckRun('1920690', markResults('x', [1920000, 1920695]))).toEqual([1920690])
    expect(resultsOfCheckRun('1920690', `text before\n${markResults('x', [1920690, 1920695])}`)).toEqual([1920690])
    expect(resultsOfCheckRun('1920690', null)).toEqual([1920690])
    expect(resultsOfCheckRun('not-started', markResults('x', [1]))).toBeNull()
    expect(resultsOfCheckRun(null, '')).toBeNull()
    expect(resultsOfCheckRun('12e3', '')).toBeNull()
  })
})

describe('finding the base branch’s runs on GitHub', () => {
  const TOKEN = 'ghs_baseline'
  let github: GitHubSimulator
  beforeAll(async () => {
    github = await new GitHubSimulator({ token: TOKEN }).start()
  })
  afterAll(() => github.close())
  beforeEach(() => {
    github.checkRuns.length = 0
    github.commits.clear()
    github.requests.length = 0
    github.canReadChecks = true
  })

  const commits = Array.from({ length: BASELINE_COMMITS + 3 }, (_, i) => (i + 1).toString(16).padStart(2, '0').repeat(20))
  const target = (baseSha = commits[0]) => ({
    token: TOKEN,
    apiUrl: github.apiUrl,
    owner: 'octo-org',
    repo: 'shop',
    checkName: 'Autify',
    base: { sha: baseSha, ref: 'main' },
    clock: new VirtualClock()
  })
  const own = Promise.resolve({ id: GITHUB_ACTIONS_APP.id, slug: GITHUB_ACTIONS_APP.slug })
  const seed = (head_sha: string, external_id: string, more: Partial<Parameters<GitHubSimulator['seedCheckRun']>[0]> = {}) =>
    github.seedCheckRun({ name: 'Autify', head_sha, external_id, ...more })
  const requests = () => github.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, 'SHA')}`)

  it("takes the base commit's finished runs of this check by this app, newest first: never another app's or an unfinished one", async () => {
    seed(commits[0], '100')
    seed(commits[0], '101', { app: { id: 99, slug: 'another-ci', name: 'Another CI' } })
    seed(commits[0], '102', { status: 'in_progress' })
    seed(commits[0], '103', { conclusion: 'cancelled' })
    seed(commits[0], 'not-started', { conclusion: 'failure' })
    seed(commits[0], '104', { conclusion: 'failure', output: { title: 'x', summary: markResults('', [104, 105]) } })
    github.seedCheckRun({ name: 'Other check', head_sha: commits[0], external_id: '106' })
    github.addCommits(commits.slice(0, 2))
    expect(await findBaseline(target(), own)).toEqual({
      ref: 'main',
      sha: commits[0],
      runs: [
        { sha: commits[0], resultIds: [104, 105] },
        { sha: commits[0], resultIds: [100] }
      ]
    })
    expect(github.requests.find((r) => r.path.endsWith('/check-runs'))?.query.get('check_name')).toBe('Autify')
  })

  it('costs one request when the base commit has enough runs', async () => {
    for (let i = 0; i < HISTORY_RUNS; i++) seed(commits[0], String(200 + i))
    github.addCommits(commits)
    const found = await findBaseline(target(), own)
    expect('runs' in found && found.runs.length).toBe(HISTORY_RUNS)
    expect(requests()).toEqual(['GET /repos/octo-org/shop/commits/SHA/check-runs'])
  })

  it('walks back through the commits before the base commit on its branch, newest first, until it has enough runs', async () => {
    github.addCommits(commits)
    seed(commits[2], '302')
    seed(commits[5], '305')
    seed(commits[6], '306')
    const found = await findBaseline(target(), own)
    expect('runs' in found && found.runs.map((r) => [r.sha, r.resultIds[0]])).toEqual([
      [commits[2], 302],
      [commits[5], 305],
      [commits[6], 306]
    ])
    expect(requests()).toContain('GET /repos/octo-org/shop/commits')
    expect(github.requests.find((r) => r.path.endsWith('/commits'))?.query.get('per_page')).toBe(String(BASELINE_COMMITS))
    // The base commit and BASELINE_COMMITS - 1 before it, no further.
    expect(requests().filter((r) => r.endsWith('/check-runs'))).toHaveLength(BASELINE_COMMITS)
  })

  it('says why there is no baseline: nothing within BASELINE_COMMITS, no checks: read, no check run of its own', async () => {
    github.addCommits(commits)
    seed(commits[BASELINE_COMMITS], '900')
    expect(await findBaseline(target(), own)).toEqual({
      missing: `no completed 'Autify' check run on main at ${commits[0].slice(0, 7)} or the ${BASELINE_COMMITS - 1} commits before it`
    })
    github.canReadChecks = false
    expect(await findBaseline(target(), own)).toEqual({
      missing: "the token cannot read check runs (HTTP 403): the job needs 'permissions: checks: read'"
    })
    github.requests.length = 0
    expect(await findBaseline(target(), Promise.resolve(null))).toMatchObject({
      missing: expect.stringContaining('no check run of its own')
    })
    expect(github.requests).toHaveLength(0)
  })

  it('uses the base commit alone when its predecessors cannot be listed', async () => {
    seed(commits[0], '100')
    expect(await findBaseline(target(), own)).toMatchObject({ runs: [{ sha: commits[0], resultIds: [100] }] })
  })
})
