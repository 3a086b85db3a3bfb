import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GITHUB_TOKEN, type Harness, everythingWritten, expectNoSecret, fastWorld, startHarness } from '../helpers/harness.js'

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

let h: Harness
beforeAll(async () => {
  h = await startHarness(
    fastWorld({
      scenarios: { 1: { name: 'Sign in', durationMs: 200 }, 2: { name: 'Pay', durationMs: 200, outcomes: ['failed'] }, ...SCENARIOS },
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
    const run = await h.run({ ...MANY, 'check-name': 'Autify E2E' })
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
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1' })
    expect(run.exitCode).toBe(0)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(check.annotations).toHaveLength(1)
  })

  it('a token that cannot write checks does not fail a passing run: one warning, workflow-command annotations instead', async () => {
    h.github.canWriteChecks = false
    try {
      const run = await h.run({ 'project-id': '743', 'scenario-ids': '1' })
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
    const run = await h.run({ ...MANY, annotations: 'workflow-commands' })
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

  it('none: neither a check run nor annotations', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '2', annotations: 'none' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/^::(notice|warning) /m)
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1)
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])).toBeUndefined()
    expectNoSecret(everythingWritten(run), GITHUB_TOKEN)
  })
})
