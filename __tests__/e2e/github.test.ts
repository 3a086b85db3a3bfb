import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GITHUB_TOKEN, everythingWritten, expectNoSecret, fastWorld } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const SCENARIOS = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    1000 + i,
    { name: `Journey ${i + 1}`, durationMs: 100 + (i % 5) * 20, outcomes: i % 4 === 0 ? (['failed'] as const) : (['passed'] as const) }
  ])
)
const MANY = {
  'project-id': '743',
  'scenario-ids': Object.keys(SCENARIOS).join(','),
  capabilities: JSON.stringify([
    { os: 'Linux', browser: 'Chrome' },
    { os: 'Windows', os_version: '11', browser: 'Edge' },
    { os: 'OS X', browser: 'Safari' }
  ])
}

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(
    fastWorld({
      scenarios: {
        1: { name: 'Sign in', durationMs: 200 },
        2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] },
        ...SCENARIOS
      },
      parallelism: 40
    })
  )
})
afterAll(() => h.close())

describe('the check run', () => {
  it('names a test case that had already failed at the first read, though its name comes late', async () => {
    h.autify.fault({ method: 'GET', path: /\/results\/\d+$/, delayMs: 1200 })
    h.autify.fault({ method: 'GET', path: /\/scenarios\/2$/, delayMs: 800 })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2' })
    h.autify.clearFaults()
    expect(run.exitCode).toBe(1)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    // The failure is annotated while the run is in progress, never as `Scenario #2`.
    const firstAnnotated = check.updates.find((u) => ((u.output as { annotations?: unknown[] })?.annotations ?? []).length > 0)
    expect(JSON.stringify(firstAnnotated)).toContain('Pay')
    expect(JSON.stringify(check.annotations)).not.toContain('Scenario #2')
    // The log, too, names it once its name is known.
    expect(run.stdout).toMatch(/^❌ Failed: Pay · Linux · Chrome 136\.0 /m)
    expect(run.stdout).not.toContain('Scenario #2')
  })

  it('is created on the pull request head, not the merge commit', async () => {
    const head = 'fedcba9876543210fedcba9876543210fedcba98'
    const run = await h.run(
      { 'project-id': '743', 'scenario-ids': '1' },
      { eventName: 'pull_request', event: { pull_request: { head: { sha: head } } } }
    )
    expect(run.exitCode).toBe(0)
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])?.head_sha).toBe(head)
  })

  it('sends 120 annotations in batches of at most 50, failures first, and completes with the conclusion', async () => {
    const run = await h.run({ ...MANY, 'check-name': 'Autify E2E', 'annotate-passes': 'true' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ total: '120', failed: '30', passed: '90' })
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check).toMatchObject({ name: 'Autify E2E', status: 'completed', conclusion: 'failure' })
    expect(check.annotations).toHaveLength(120)
    const batches = check.updates.map((u) => ((u.output as { annotations?: unknown[] })?.annotations ?? []).length)
    expect(Math.max(...batches)).toBeLessThanOrEqual(50)
    expect(batches.reduce((a, b) => a + b, 0)).toBe(120)
    expect(check.annotations.slice(0, 30).every((a) => a.annotation_level === 'failure')).toBe(true)
    expect(Buffer.byteLength(check.output.summary ?? '')).toBeLessThanOrEqual(65_535)
    expect(check.output.summary).toContain(run.outputs['result-url'])
  })

  it('survives GitHub server errors: retried by Octokit', async () => {
    h.github.fault({ method: 'POST', path: /check-runs$/, status: 502, body: { message: 'Server Error' } })
    h.github.fault({ method: 'PATCH', path: /check-runs\/\d+$/, status: 503, body: { message: 'Unavailable' } })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'annotate-passes': 'true' })
    expect(run.exitCode).toBe(0)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(check.annotations).toHaveLength(1)
  })

  it('a token that cannot write checks does not fail a passing run: one warning, workflow-command annotations instead', async () => {
    h.github.canWriteChecks = false
    try {
      const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'annotate-passes': 'true' })
      expect(run.exitCode).toBe(0)
      const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain("The GitHub token lacks 'checks: write'")
      expect(warnings[0]).toContain('HTTP 403: Resource not accessible by integration')
      expect(run.stdout).toMatch(/^::notice title=Passed%3A Sign in · Linux · Chrome 136\.0,file=\.github\/workflows\/e2e\.yml,line=7::/m)
      expect(run.outputs['check-run-url']).toBeUndefined()
    } finally {
      h.github.canWriteChecks = true
    }
  })

  it('a failing run with a read-only token still fails, with its annotations as workflow commands', async () => {
    h.github.canWriteChecks = false
    try {
      const run = await h.run({ 'project-id': '743', 'scenario-ids': '2' })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/^::error title=Failed%3A Pay/m)
    } finally {
      h.github.canWriteChecks = true
    }
  })
})

describe('workflow-command annotations', () => {
  it('stay within what GitHub shows per step: 9 of each full level and one line saying how many more', async () => {
    const run = await h.run({ ...MANY, annotations: 'workflow-commands', 'annotate-passes': 'true' })
    expect(run.exitCode).toBe(1)
    const lines = run.stdout.split('\n')
    const errors = lines.filter((l) => l.startsWith('::error title='))
    const notices = lines.filter((l) => l.startsWith('::notice title='))
    expect(errors).toHaveLength(10)
    expect(errors[9]).toContain('21 more test case results of this kind are listed in the job summary.')
    expect(notices).toHaveLength(10)
    expect(notices[9]).toContain('81 more test case results of this kind are listed in the job summary.')
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])).toBeUndefined()
  })

  it('leave passes out by default: errors only for a run of failures and plain passes', async () => {
    const run = await h.run({ ...MANY, annotations: 'workflow-commands' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/^::notice /m)
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error title='))).toHaveLength(10)
  })

  it('none: neither a check run nor annotations', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', annotations: 'none' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/^::(notice|warning) /m)
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1)
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])).toBeUndefined()
    expectNoSecret(everythingWritten(run), GITHUB_TOKEN)
  })
})

describe('the pull-request comment', () => {
  const pr = (number: number) => ({
    eventName: 'pull_request',
    event: { pull_request: { number, head: { sha: 'fedcba9876543210fedcba9876543210fedcba98' } } }
  })
  const commentsOn = (number: number) => h.github.comments.filter((c) => c.issue_number === number)

  it('is created once and edited in place on the next run, one per check name', async () => {
    const first = await h.run({ 'project-id': '743', 'scenario-ids': '1,2', 'pr-comment': 'always' }, pr(7))
    expect(first.exitCode).toBe(1)
    expect(commentsOn(7)).toHaveLength(1)
    expect(commentsOn(7)[0].body).toMatch(/^<!-- autify-web-test-action check=Autify -->\n## ❌ Autify: 1 of 2 test cases failed/)
    expect(commentsOn(7)[0].body).toContain('| ❌ Failed | [Pay](')
    const second = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always' }, pr(7))
    expect(second.exitCode).toBe(0)
    expect(commentsOn(7)).toHaveLength(1)
    expect(commentsOn(7)[0].edits).toHaveLength(2)
    expect(commentsOn(7)[0].body).toContain('## ✅ Autify: passed')
    await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always', 'check-name': 'Autify (Safari)' }, pr(7))
    expect(commentsOn(7)).toHaveLength(2)
  })

  it('on-failure: nothing while green, then created on a failure and updated to say nothing fails any more', async () => {
    await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'on-failure' }, pr(8))
    expect(commentsOn(8)).toHaveLength(0)
    await h.run({ 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'on-failure' }, pr(8))
    expect(commentsOn(8)).toHaveLength(1)
    await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'on-failure' }, pr(8))
    expect(commentsOn(8)).toHaveLength(1)
    expect(commentsOn(8)[0].body).toContain('Nothing fails any more')
  })

  it('with a read-only token warns once and leaves the outcome alone', async () => {
    h.github.canWriteComments = false
    try {
      const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always' }, pr(9))
      expect(run.exitCode).toBe(0)
      expect(run.stdout.match(/Could not comment on pull request #9 \(HTTP 403\)/g)).toHaveLength(1)
      expect(commentsOn(9)).toHaveLength(0)
    } finally {
      h.github.canWriteComments = true
    }
  })

  it('is not written outside a pull request', async () => {
    const before = h.github.comments.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', 'pr-comment': 'always' })
    expect(run.exitCode).toBe(1)
    expect(h.github.comments.length).toBe(before)
  })
})

describe('failure history', () => {
  // A project of its own: the history of scenario runs is read from the project's latest runs.
  let own: InProcessRunnerHarness
  beforeAll(async () => {
    own = await startInProcessHarness(
      fastWorld({ scenarios: { 5: { name: 'Known breakage', durationMs: 200, outcomes: ['passed', 'failed', 'failed'] } } })
    )
  })
  afterAll(() => own.close())

  it('fail-on: new passes a run whose only failure is known: a warning, a neutral check run, the history in the summary', async () => {
    own.autify.seedScenarioRuns([5], 2)
    const run = await own.run({ 'project-id': '743', 'scenario-ids': '5', 'fail-on': 'new' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'failed', 'exit-code': '0', failed: '1', 'new-failures': '0', 'credits-consumed': '1' })
    expect(JSON.parse(run.outputs['test-case-results'])[0].history).toMatchObject({ kind: 'still-failing', runs: 2, streak: 1 })
    expect(run.stdout).toMatch(
      /::warning::1 failure known from earlier runs did not fail the step \(fail-on: new\): Known breakage on Linux · Chrome \S+ — still failing: also failed in the last run, #\d+$/m
    )
    expect(run.summary).toContain(
      "**History:** 0 new failures, 1 known, compared with the plan's latest runs in Autify (no run on the base branch found): the last 2 earlier runs"
    )
    expect(run.summary).toContain('📌 still failing: also failed in the last run, [\\#\u2060')
    expect(run.summary).toContain('**Credits:** 1')
    const check = own.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check.conclusion).toBe('neutral')
    expect(check.annotations[0]).toMatchObject({ annotation_level: 'warning' })
    expect(check.annotations[0].message).toMatch(/History: still failing: also failed in the last run, https?:\/\/\S+\/results\/\d+\//)
  })
})
