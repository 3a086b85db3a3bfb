/**
 * What the action writes on a pull request is correct, safe and its own: the action as the runner
 * runs it (in-process on a virtual clock; the bundle itself for one story) against the GitHub
 * simulator, one test per finding of issue 19 (and the comment on any event of issue 18).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { prCommentMarker } from '../../src/report/pr-comment.js'
import type { SimCheckRun } from '../../simulator/github/github-simulator.js'
import type { ActionRun } from '../../simulator/run-action.js'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const WJ = '\u2060'
const HEAD = 'fedcba9876543210fedcba9876543210fedcba98'
const LONG_NAME = `Checkout ${'with a very long name '.repeat(3500)}`.slice(0, 70_000)
const MANY = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [100 + i, { name: `Journey ${i + 1}`, durationMs: 100 }]))

const WORLD = fastWorld({
  scenarios: {
    1: { name: 'Sign in', durationMs: 200 },
    2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] },
    3: { name: 'Refund @user for #123', durationMs: 200, outcomes: ['failed'] },
    4: { name: LONG_NAME, durationMs: 200, outcomes: ['failed'] },
    ...MANY
  },
  testPlans: {
    500: { name: 'Release @org/team for @user #123 GH-45', scenarioIds: [3], capabilities: [{ os: 'Linux', browser: 'Chrome' }] }
  },
  parallelism: 60
})

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(WORLD)
})
afterAll(() => h.close())

const onPullRequest = (number: number) => ({ eventName: 'pull_request', event: { pull_request: { number, head: { sha: HEAD } } } })
const commentsOn = (number: number, on: Pick<Harness, 'github'> = h) => on.github.comments.filter((c) => c.issue_number === number)
const checkRunOf = (run: ActionRun, on: Pick<Harness, 'github'> = h): SimCheckRun[] =>
  on.github.checkRuns.filter((c) => c.external_id === run.outputs['result-id'])
const MARKER = prCommentMarker('Autify')

describe("the comment is the action's own", () => {
  it("a person's comment with the marker is left alone, even first in the list; the action writes and then edits its own", async () => {
    const person = h.github.addComment(31, `${MARKER}\nQuoting the bot: all fine, ship it.`, { login: 'alice', type: 'User' })
    const first = await h.run({ 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always' }, onPullRequest(31))
    expect(first.exitCode).toBe(1)
    expect(first.stdout).not.toMatch(/Could not comment/)
    const second = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always' }, onPullRequest(31))
    expect(second.exitCode).toBe(0)
    expect(person.edits).toEqual([`${MARKER}\nQuoting the bot: all fine, ship it.`])
    const own = commentsOn(31).filter((c) => c.user.login === 'github-actions[bot]')
    expect(own).toHaveLength(1)
    expect(own[0].edits).toHaveLength(2)
    expect(own[0].body).toMatch(new RegExp(`^${MARKER}\\n## ✅ Autify: passed`))
  })
})

describe('with a personal access token', () => {
  let pat: InProcessRunnerHarness
  beforeAll(async () => {
    pat = await startInProcessHarness(fastWorld({ scenarios: { 2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] } } }), {
      token: 'ghp_personalAccessToken0001',
      actor: { login: 'octocat', type: 'User' }
    })
  })
  afterAll(() => pat.close())

  it('the comment is written as that person (GET /user says who) and edited on the next run; another person’s is left alone', async () => {
    const alice = pat.github.addComment(36, `${MARKER}\nalice's copy`, { login: 'alice', type: 'User' })
    const inputs = { 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always', 'github-token': 'ghp_personalAccessToken0001' }
    await pat.run(inputs, onPullRequest(36))
    await pat.run(inputs, onPullRequest(36))
    const comments = pat.github.comments.filter((c) => c.issue_number === 36)
    expect(comments.map((c) => c.user.login)).toEqual(['alice', 'octocat'])
    expect(alice.edits).toHaveLength(1)
    expect(comments[1].edits).toHaveLength(2)
    expect(pat.github.requests.filter((r) => r.path === '/user')).toHaveLength(2)
  })
})

describe('two jobs with the same check name at once', () => {
  it("each re-reads after creating: the oldest of the action's own stays, with the latest body, the newer is deleted", async () => {
    // The other job's comment is created while ours is on its way (GitHub holds our create 1 s).
    h.github.fault({ method: 'POST', path: /\/issues\/35\/comments$/, delayMs: 1000, transform: (body) => body })
    const running = h.run({ 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always' }, onPullRequest(35))
    while (!h.github.requests.some((r) => r.method === 'POST' && r.path.endsWith('/issues/35/comments'))) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const other = h.github.addComment(35, `${MARKER}\nthe other job's report`, { login: 'github-actions[bot]', type: 'Bot' })
    const run = await running
    h.github.clearFaults()
    expect(run.exitCode).toBe(1)
    expect(commentsOn(35).map((c) => c.id)).toEqual([other.id])
    expect(commentsOn(35)[0].body).toContain('[Pay](')
  })
})

describe("always within GitHub's limits", () => {
  it('a 70,000-character scenario name: the comment is posted with the name cut, the check run output within its limits', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '4,2', 'pr-comment': 'always' }, onPullRequest(33))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/Could not comment/)
    const [comment] = commentsOn(33)
    expect(comment.body.length).toBeLessThanOrEqual(65_536)
    expect(comment.body).toContain(`[${LONG_NAME.slice(0, 299)}…](`)
    expect(comment.body).toContain('[Pay](')
    const [check] = checkRunOf(run)
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    for (const text of [check.output.summary ?? '', check.output.text ?? '']) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65_535)
    expect(check.output.text).toContain(`${LONG_NAME.slice(0, 299)}…`)
  })
})

describe('creates are not repeated blindly', () => {
  it('checks.create and createComment applied but answered 502: one check run and one comment in the end', async () => {
    h.github.fault({ method: 'POST', path: /\/check-runs$/, status: 502, body: { message: 'Server Error' }, afterHandling: true })
    h.github.fault({ method: 'POST', path: /\/issues\/34\/comments$/, status: 502, body: { message: 'Server Error' }, afterHandling: true })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always' }, onPullRequest(34))
    h.github.clearFaults()
    expect(run.exitCode).toBe(1)
    const checks = checkRunOf(run)
    expect(checks).toHaveLength(1)
    expect(checks[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
    expect(checks[0].annotations).toHaveLength(1)
    expect(commentsOn(34)).toHaveLength(1)
    expect(run.stdout).not.toMatch(/Could not (comment|create)/)
  })

  it('an annotation batch applied but answered 502: every annotation exactly once', async () => {
    h.github.fault({
      method: 'PATCH',
      path: /\/check-runs\/\d+$/,
      status: 502,
      body: { message: 'Server Error' },
      afterHandling: true,
      times: 2
    })
    const ids = Object.keys(MANY).join(',')
    // With a retry ahead, failures are annotated at the end: the batches go with the completion.
    const run = await h.run({ 'project-id': '743', 'scenario-ids': `${ids},2`, 'max-retry-count': '1', 'annotate-passes': 'true' })
    h.github.clearFaults()
    expect(run.exitCode).toBe(1)
    const [check] = checkRunOf(run)
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const titles = check.annotations.map((a) => a.title)
    expect(titles).toHaveLength(61)
    expect(new Set(titles).size).toBe(61)
  })
})

describe('the comment on any event that belongs to a pull request', () => {
  it('on workflow_run, the open pull request whose head is the tested commit gets the comment; a closed one does not', async () => {
    const sha = 'abcdefabcdefabcdefabcdefabcdefabcdef0001'
    h.github.pullRequests.push(
      { number: 41, state: 'open', head: { sha, ref: 'feature' } },
      { number: 42, state: 'closed', head: { sha, ref: 'old' } },
      { number: 43, state: 'open', head: { sha: HEAD, ref: 'other' } }
    )
    const run = await h.run(
      { 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always' },
      { eventName: 'workflow_run', event: { workflow_run: { head_sha: sha } } }
    )
    expect(run.exitCode).toBe(1)
    expect(commentsOn(41)).toHaveLength(1)
    expect(commentsOn(41)[0].body).toContain('[Pay](')
    expect(commentsOn(42)).toHaveLength(0)
    expect(commentsOn(43)).toHaveLength(0)
    expect(h.github.requests.some((r) => r.method === 'GET' && r.path === `/repos/octo-org/shop/commits/${sha}/pulls`)).toBe(true)
  })

  it('a push with no pull request: a debug line, no warning, no comment', async () => {
    const before = h.github.comments.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always' })
    expect(run.exitCode).toBe(0)
    expect(h.github.comments.length).toBe(before)
    expect(run.stdout).not.toMatch(/^::warning::/m)
    expect(run.stdout).toMatch(/^::debug::No pull-request comment: no open pull request has 0123456 as its head \(event push\)/m)
  })

  it('pr-number names the pull request, whatever the event', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always', 'pr-number': '44' })
    expect(run.exitCode).toBe(0)
    expect(commentsOn(44)).toHaveLength(1)
    expect(h.github.requests.some((r) => r.path.endsWith('/pulls'))).toBe(true)
  })
})

describe('as the runner starts it', () => {
  let proc: Harness
  beforeAll(async () => {
    proc = await startHarness(WORLD)
  })
  afterAll(() => proc.close())

  it('no mention, no cross-reference: a test plan and scenario named with @org/team, @user and #123 notify nobody in the comment, the summary or the check run', async () => {
    const run = await proc.run({ 'project-id': '743', 'test-plan-id': '500', 'pr-comment': 'always' }, onPullRequest(32))
    expect(run.exitCode).toBe(1)
    const plan = `Release @${WJ}org/team for @${WJ}user \\#${WJ}123 GH-${WJ}45`
    const scenario = `Refund @${WJ}user for \\#${WJ}123`
    const [check] = checkRunOf(run, proc)
    const texts = { comment: commentsOn(32, proc)[0].body, summary: run.summary, check: `${check.output.summary}\n${check.output.text}` }
    for (const [where, text] of Object.entries(texts)) {
      expect([where, text.includes(`**Test plan:** ${plan}`)]).toEqual([where, true])
      expect([where, text.includes(`[${scenario}](`)]).toEqual([where, true])
      expect([where, text.match(/@\w|#\d|GH-\d/g)]).toEqual([where, null])
    }
  })
})
