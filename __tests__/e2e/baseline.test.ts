/**
 * The failure history's baseline: each failure is judged against the base branch's runs of the same
 * check (found through the check runs the action left on the base commit and the commits before it),
 * never against whatever ran last in Autify. The action as the runner runs it (in-process on a
 * virtual clock; the bundle itself for one story) against the simulators, one world per story so
 * each scenario's outcomes take their turn in the order the story runs them.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import type { AutifyWorld } from '../../simulator/autify/world.js'
import type { SimApp } from '../../simulator/github/github-simulator.js'
import type { ActionRun } from '../../simulator/run-action.js'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'
import { startInProcessHarness } from '../helpers/in-process-runner.js'

const sha = (c: string) => c.repeat(20)
const ROOT = sha('0a')
const P1 = sha('1a')
const BASE = sha('2a')
const OTHER = sha('3a')
const HEAD1 = sha('4a')
const HEAD2 = sha('5a')
const AFTER = sha('6a')
const short = (commit: string) => commit.slice(0, 7)

const A = 'Checkout'
const B = 'Search'

let h: Pick<Harness, 'autify' | 'github' | 'run' | 'close'>
afterEach(() => h.close())

/** A world of its own for one story, run in-process unless `asTheRunnerStartsIt`. */
async function world(scenarios: AutifyWorld['scenarios'], asTheRunnerStartsIt = false): Promise<void> {
  h = await (asTheRunnerStartsIt ? startHarness : startInProcessHarness)(fastWorld({ scenarios }))
  h.github.addCommits([BASE, P1, ROOT])
}

const inputs = (scenarioIds: string, extra: Record<string, string> = {}) => ({
  'project-id': '743',
  'scenario-ids': scenarioIds,
  'fail-on': 'new',
  ...extra
})

/** A push to `branch` that moved it from `before` to `commit`. */
const push = (commit: string, before: string, scenarioIds: string, branch = 'main', extra: Record<string, string> = {}) =>
  h.run(inputs(scenarioIds, extra), {
    eventName: 'push',
    event: { ref: `refs/heads/${branch}`, before, after: commit },
    env: { GITHUB_SHA: commit, GITHUB_REF: `refs/heads/${branch}` }
  })

/** A push to pull request #12 (from `feature`, into main at `base`) whose head is `head`. */
const pullRequest = (head: string, base: string, scenarioIds: string, extra: Record<string, string> = {}) =>
  h.run(inputs(scenarioIds, extra), {
    eventName: 'pull_request',
    event: {
      number: 12,
      pull_request: { number: 12, head: { sha: head, ref: 'feature' }, base: { sha: base, ref: 'main' } }
    },
    env: { GITHUB_SHA: sha('9f'), GITHUB_REF: 'refs/pull/12/merge' }
  })

const checkRunOf = (run: ActionRun) => h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
/** Each annotated test's history, by scenario name: what its annotation says after `History:`. */
const annotatedHistory = (run: ActionRun) =>
  Object.fromEntries(
    checkRunOf(run)
      .annotations.filter((a) => a.annotation_level !== 'notice')
      .map((a) => [(a.title ?? '').replace(/^[^:]+: | · .*$/g, ''), /History: (.*)\./.exec(a.message)?.[1]])
  )
const historyOutput = (run: ActionRun, name: string) =>
  (JSON.parse(run.outputs['test-case-results']) as { scenario_name: string; history: unknown }[]).find((c) => c.scenario_name === name)
    ?.history

describe('the baseline of a pull request is its base commit', () => {
  it("does not let another branch's failure make a failure known", async () => {
    await world({ 1: { name: A, outcomes: ['passed', 'failed', 'failed'] } })
    const base = await push(BASE, P1, '1')
    const elsewhere = await push(OTHER, ROOT, '1', 'experiment')
    expect(elsewhere.exitCode).toBe(1)

    const run = await pullRequest(HEAD1, BASE, '1')
    expect(run.exitCode).toBe(1)
    expect(run.outputs['new-failures']).toBe('1')
    expect(annotatedHistory(run)).toEqual({ [A]: `new: passed on main at ${short(BASE)} (#${base.outputs['result-id']})` })
  })

  it('keeps a failure known when it failed on the base commit: a warning, the check run neutral', async () => {
    await world({ 1: { name: A, outcomes: ['failed', 'failed'] }, 2: { name: B } })
    const base = await push(BASE, P1, '1,2')
    expect(base.exitCode).toBe(1)

    const run = await pullRequest(HEAD1, BASE, '1,2')
    expect(run.exitCode).toBe(0)
    expect(run.outputs['new-failures']).toBe('0')
    const check = checkRunOf(run)
    expect(check.conclusion).toBe('neutral')
    expect(check.annotations.find((a) => a.title?.includes(A))?.annotation_level).toBe('warning')
    expect(annotatedHistory(run)[A]).toMatch(
      new RegExp(`^still failing: also failed on main at ${short(BASE)} \\(https?://\\S+/results/${base.outputs['result-id']}\\S*\\)$`)
    )
    expect(run.stdout).toMatch(
      /::warning::1 failure known from earlier runs did not fail the step \(fail-on: new\): Checkout on .* still failing: also failed on main at/
    )
  })

  it('ignores a check run of the same name that another GitHub App left on the base commit', async () => {
    // The first outcome goes to the seeded run the other app points at; then the base run, then the PR.
    await world({ 1: { name: A, outcomes: ['failed', 'passed', 'failed'] } })
    h.autify.seedScenarioRuns([1], 1)
    const foreign = h.autify.runs[0].id
    const base = await push(BASE, P1, '1')
    const otherApp: SimApp = { id: 4242, slug: 'another-ci', name: 'Another CI' }
    h.github.seedCheckRun({ name: 'Autify', head_sha: BASE, external_id: String(foreign), conclusion: 'failure', app: otherApp })

    const run = await pullRequest(HEAD1, BASE, '1')
    expect(run.exitCode).toBe(1)
    expect(annotatedHistory(run)).toEqual({ [A]: `new: passed on main at ${short(BASE)} (#${base.outputs['result-id']})` })
    expect(historyOutput(run, A)).toMatchObject({ baseline: { result_ids: [Number(base.outputs['result-id'])] } })
  })

  it('reads a base run with retries as a whole: a test that passed on its retry there passed', async () => {
    await world({ 1: { name: A, outcomes: ['failed', 'passed', 'failed'] } })
    const base = await push(BASE, P1, '1', 'main', { 'max-retry-count': '1' })
    expect(base.exitCode).toBe(0)

    const run = await pullRequest(HEAD1, BASE, '1')
    expect(run.exitCode).toBe(1)
    expect(annotatedHistory(run)).toEqual({ [A]: `new: passed on main at ${short(BASE)} (#${base.outputs['result-id']})` })
    expect(checkRunOf(base).output.summary).toMatch(/^<!-- autify-results: \d+,\d+ -->\n/)
  })
})

describe('the baseline of a push is push.before', () => {
  it('compares with the commit the branch was at, not with a failure on another branch', async () => {
    await world({ 1: { name: A, outcomes: ['passed', 'failed', 'failed'] } })
    h.github.addCommits([AFTER], BASE)
    const before = await push(BASE, P1, '1')
    await push(OTHER, ROOT, '1', 'experiment')

    const run = await push(AFTER, BASE, '1')
    expect(run.exitCode).toBe(1)
    expect(annotatedHistory(run)).toEqual({ [A]: `new: passed on main at ${short(BASE)} (#${before.outputs['result-id']})` })
  })
})

describe('when the base commit has no run', () => {
  it('compares with the latest commit before it on the branch that has one', async () => {
    await world({ 1: { name: A, outcomes: ['passed', 'failed', 'failed'] } })
    const earlier = await push(P1, ROOT, '1')
    await push(OTHER, ROOT, '1', 'experiment')

    const run = await pullRequest(HEAD1, BASE, '1')
    expect(run.exitCode).toBe(1)
    expect(annotatedHistory(run)).toEqual({ [A]: `new: passed on main at ${short(P1)} (#${earlier.outputs['result-id']})` })
    expect(historyOutput(run, A)).toMatchObject({ baseline: { ref: 'main', sha: P1 } })
  })

  it("falls back to the plan's latest runs in Autify when the base branch has no run at all, and says so", async () => {
    await world({ 1: { name: A, outcomes: ['failed', 'failed'] } })
    h.autify.seedScenarioRuns([1], 1)

    const run = await pullRequest(HEAD1, BASE, '1')
    expect(run.exitCode).toBe(0)
    expect(checkRunOf(run).conclusion).toBe('neutral')
    const fallback = "compared with the plan's latest runs in Autify (no run on the base branch found)"
    expect(run.summary).toContain(`**History:** 0 new failures, 1 known, ${fallback}: the last 1 earlier run`)
    expect(run.stdout).toContain(
      `::warning::Failure history: ${fallback}: 1 earlier run. Why: no completed 'Autify' check run on main at ${short(BASE)}`
    )
    expect(historyOutput(run, A)).toMatchObject({ kind: 'still-failing', baseline: null })
  })
})

describe('as the runner starts it', () => {
  it("the baseline of a pull request is its base commit: fails the step with fail-on: new on a test that passed on the base commit, though the PR's previous push failed it", async () => {
    await world({ 1: { name: A, outcomes: ['passed', 'failed', 'failed'] } }, true)
    const base = await push(BASE, P1, '1')
    expect(base.exitCode).toBe(0)
    const first = await pullRequest(HEAD1, BASE, '1')
    expect(first.exitCode).toBe(1)

    const second = await pullRequest(HEAD2, BASE, '1', { 'pr-comment': 'always' })
    const baseResult = Number(base.outputs['result-id'])
    expect(second.exitCode).toBe(1)
    expect(second.outputs['new-failures']).toBe('1')
    expect(checkRunOf(second).conclusion).toBe('failure')
    expect(annotatedHistory(second)).toEqual({ [A]: `new: passed on main at ${short(BASE)} (#${baseResult})` })
    expect(second.summary).toContain(`**History:** 1 new failure, 0 known, compared with main at ${short(BASE)} (\\#\u2060${baseResult})`)
    expect(second.stdout).toContain(`Failure history: compared with main at ${short(BASE)} (#${baseResult}).`)
    expect(historyOutput(second, A)).toMatchObject({ kind: 'new', baseline: { ref: 'main', sha: BASE, result_ids: [baseResult] } })
    const comment = h.github.comments.find((c) => c.issue_number === 12)?.body ?? ''
    expect(comment).toContain(`compared with main at ${short(BASE)}`)
    expect(comment).toMatch(new RegExp(`🆕 new: passed on main at ${short(BASE)} \\(\\[\\\\#\u2060${baseResult}\\]\\(http`))
  })
})
