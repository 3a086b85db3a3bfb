import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { TEST_SHA } from '../../simulator/run-action.js'
import {
  AUTIFY_TOKEN,
  GITHUB_TOKEN,
  type Harness,
  autifyCalls,
  everythingWritten,
  expectNoSecret,
  fastWorld,
  startHarness
} from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const world = () =>
  fastWorld({
    scenarios: {
      1: { name: 'Sign in', durationMs: 300 },
      2: { name: 'Search | filter <b>', durationMs: 400 },
      3: { name: 'Pay', durationMs: 300, outcomes: ['failed'] },
      4: { name: 'Refund', durationMs: 200, outcomes: ['internal_error'] },
      5: { name: 'Newsletter', durationMs: 200, outcomes: ['skipped'] },
      6: { name: 'Flaky coupon', durationMs: 200, outcomes: ['failed', 'passed'] },
      7: { name: 'Review me', durationMs: 200, reviewNeeded: 2 },
      8: { name: 'Cancelled one', durationMs: 200, outcomes: ['canceled'] }
    }
  })

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(world())
})
afterAll(() => h.close())

describe('a scenario run', () => {
  it('runs several scenarios on several capabilities in one execute_scenarios call and fails on failures', async () => {
    const before = h.autify.requests.length
    const run = await h.run({
      'project-id': '743',
      'scenario-ids': '1, 2\n3',
      capabilities: JSON.stringify([
        { os: 'Linux', browser: 'Chrome' },
        { os: 'Windows', os_version: '11', browser: 'Edge' }
      ]),
      'test-execution-name': 'PR 42',
      'execution-type': 'sequential'
    })
    expect(run.exitCode).toBe(1)
    const starts = h.autify.requests.slice(before).filter((r) => r.method === 'POST')
    expect(starts).toHaveLength(1)
    expect(starts[0].body).toMatchObject({
      name: 'PR 42',
      execution_type: 'sequential',
      scenarios: [{ id: 1 }, { id: 2 }, { id: 3 }],
      capabilities: [
        { os: 'Linux', browser: 'Chrome' },
        { os: 'Windows', os_version: '11', browser: 'Edge' }
      ]
    })
    expect(run.outputs).toMatchObject({ status: 'failed', 'exit-code': '1', total: '6', passed: '4', failed: '2', skipped: '0' })
    expect(run.stdout).toContain('::error::2 of 6 Autify test case results failed')
    // Failures first, names escaped, one table per capability.
    expect(run.summary).toMatch(/## ❌ Autify: 2 of 6 test cases failed/)
    expect(run.summary).toContain('**Execution:** PR 42')
    expect(run.summary).toContain('Search \\| filter &lt;b&gt;')
    const linux = run.summary.indexOf('### ❌ Linux · Chrome 136.0')
    const windows = run.summary.indexOf('### ❌ Windows 11 · Edge 136.0')
    expect(linux).toBeGreaterThan(0)
    expect(windows).toBeGreaterThan(0)
    const firstRow = run.summary
      .slice(linux)
      .split('\n')
      .find((line) => line.startsWith('| ❌') || line.startsWith('| ✅'))
    expect(firstRow).toMatch(/^\| ❌ Failed \| \[Pay\]/)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check.conclusion).toBe('failure')
    // Passes are not annotated by default.
    expect(check.annotations.map((a) => a.annotation_level)).toEqual(['failure', 'failure'])
  })

  it.each([
    ['4', 'internal_error', '1', '0'],
    ['5', 'skipped', '0', '1'],
    ['8', 'canceled', '0', '1']
  ])('fails the step when scenario %s ends %s', async (id, status, failed, skipped) => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': id, annotations: 'workflow-commands' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status, 'exit-code': '1', failed, skipped })
    const level = status === 'internal_error' ? 'error' : 'warning'
    expect(run.stdout).toMatch(new RegExp(`^::${level} title=.+,file=\\.github/workflows/e2e\\.yml,line=7::`, 'm'))
  })

  it('flags review needed as a warning annotation', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '7' })
    expect(run.exitCode).toBe(0)
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check.annotations[0]).toMatchObject({ annotation_level: 'warning' })
    expect(check.annotations[0].message).toContain('Autify flagged 2 steps for review.')
    expect(run.summary).toContain('👀 2')
  })

  it('re-runs only what did not pass and reports a pass on retry as flaky', async () => {
    const before = h.autify.requests.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1,6', 'max-retry-count': '2', 'junit-report': 'junit.xml' })
    expect(run.exitCode).toBe(0)
    const starts = h.autify.requests.slice(before).filter((r) => r.method === 'POST')
    expect(starts).toHaveLength(2)
    expect(starts[1].body).toMatchObject({ scenarios: [{ id: 6 }], capabilities: [{ os: 'Linux', browser: 'Chrome' }] })
    expect(run.outputs).toMatchObject({ status: 'passed', passed: '2', failed: '0', flaky: '1' })
    const flaky = JSON.parse(run.outputs['test-case-results']).find((c: { scenario_id: number }) => c.scenario_id === 6)
    expect(flaky).toMatchObject({ status: 'passed', flaky: true, attempts: 2 })
    expect(run.summary).toContain('✅ Passed · 🔁 flaky')
    const check = h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])!
    expect(check.annotations.find((a) => a.title?.includes('Flaky coupon'))?.title).toBe(
      'Passed (flaky): Flaky coupon · Linux · Chrome 136.0'
    )
    expect(readFileSync(run.outputs['junit-report'], 'utf8')).toContain('<flakyFailure message="attempt 1: failed" type="failed">')
  })

  it('keeps failing after the retries run out, counting the last attempt', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '3', 'max-retry-count': '1' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: 'failed', failed: '1', flaky: '0' })
    expect(JSON.parse(run.outputs['test-case-results'])[0].attempts).toBe(2)
    expect(run.summary).toContain('1 test case still failing after 1 retry.')
  })

  it('resolves the shorthand capability inputs against the project like the Autify CLI', async () => {
    const before = h.autify.requests.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', os: 'Windows', 'os-version': '11', browser: 'Edge' })
    expect(run.exitCode).toBe(0)
    const calls = h.autify.requests.slice(before)
    expect(calls[0].path).toBe('/api/v1/projects/743/capabilities')
    expect((calls[1].body as { capabilities: unknown[] }).capabilities).toEqual([
      expect.objectContaining({ os: 'Windows', os_version: '11', browser: 'Edge', browser_version: '136.0' })
    ])
  })

  it('names the candidates when the shorthand matches several capabilities, and starts nothing', async () => {
    const before = h.autify.requests.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '1', os: 'Windows', browser: 'Chrome' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::2 capabilities match os=Windows, browser=Chrome; .*Candidates: \[Windows 11 Chrome 136\.0 computer\], \[Windows 10 Chrome 136\.0 computer\]/
    )
    expect(autifyCalls(h.autify).slice(before)).toEqual(['GET /projects/743/capabilities'])
  })

  it('with wait: false, succeeds once started and sets result-id and result-url', async () => {
    const run = await h.run({ 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/3', wait: 'false' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'started', 'exit-code': '0' })
    expect(run.outputs['result-url']).toContain(`/results/${run.outputs['result-id']}`)
    expect(run.summary).toContain('🚀 Autify: run started (not waited for)')
    expect(h.github.checkRuns.find((c) => c.external_id === run.outputs['result-id'])).toBeUndefined()
  })

  it('times out with the result URL and keeps result-id', async () => {
    const slow = await startInProcessHarness(fastWorld({ scenarios: { 1: { name: 'Slow', durationMs: 60_000 } } }))
    try {
      const run = await slow.run({ 'project-id': '743', 'scenario-ids': '1', timeout: '1.5' })
      expect(run.exitCode).toBe(1)
      expect(run.outputs['result-id']).toMatch(/^\d+$/)
      expect(run.stdout).toMatch(
        new RegExp(
          `::error::Timed out after 1\\.5s \\('timeout' input\\) before the run finished\\. It keeps running in Autify: ${run.outputs['result-url']}`
        )
      )
      expect(run.summary).toContain('⏱️ Autify: timed out')
      expect(slow.github.checkRuns[0].conclusion).toBe('timed_out')
      // On virtual time: it stops at the timeout, on the dot.
      expect(run.durationMs).toBe(1500)
    } finally {
      await slow.close()
    }
  })
})

describe('as the runner starts it', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(world())
  })
  afterAll(() => h.close())

  it('passes, and reports in the summary, the check run and the outputs', async () => {
    const run = await h.run({
      'autify-test-url': 'https://app.autify.com/projects/743/scenarios/1',
      'junit-report': 'out/junit.xml',
      'annotate-passes': 'true'
    })
    expect(run.exitCode).toBe(0)
    const resultId = run.outputs['result-id']
    expect(run.outputs).toMatchObject({
      'result-url': `${h.autify.origin}/projects/743/results/${resultId}`,
      status: 'passed',
      'exit-code': '0',
      total: '1',
      passed: '1',
      failed: '0',
      skipped: '0'
    })
    const cases = JSON.parse(run.outputs['test-case-results'])
    expect(cases).toEqual([
      expect.objectContaining({
        scenario_id: 1,
        scenario_name: 'Sign in',
        capability: 'Linux · Chrome 136.0',
        status: 'passed',
        duration_ms: 300,
        flaky: false,
        review_needed: 0
      })
    ])
    expect(run.outputs['duration-seconds']).toMatch(/^\d+$/)
    expect(run.outputs.summary).toContain('**✅ Autify: passed · 1 test case**')
    expect(cases[0].url).toMatch(new RegExp(`/projects/743/results/${resultId}/capabilities/\\d+/scenarios/\\d+$`))

    const start = h.autify.requests.find((r) => r.method === 'POST')!
    expect(start.path).toBe('/api/v1/projects/743/execute_scenarios')
    expect(start.body).toEqual({ capabilities: [{ os: 'Linux', browser: 'Chrome' }], scenarios: [{ id: 1 }], url_replacements: [] })
    expect(start.headers['user-agent']).toMatch(/^autify-web-test-action\/\d+\.\d+\.\d+/)

    expect(run.summary).toContain('## ✅ Autify: passed · 1 test case')
    expect(run.summary).toContain(`[\\#\u2060${resultId}](${h.autify.origin}/projects/743/results/${resultId})`)
    expect(run.summary).toContain('| ✅ Passed | [Sign in](')

    const check = h.github.checkRuns.find((c) => c.external_id === resultId)!
    expect(check).toMatchObject({ name: 'Autify', head_sha: TEST_SHA, status: 'completed', conclusion: 'success' })
    expect(check.updates[0]).toMatchObject({ status: 'in_progress', details_url: run.outputs['result-url'] })
    expect(check.output.summary).toContain(run.outputs['result-url'])
    expect(check.annotations).toEqual([
      expect.objectContaining({
        path: '.github/workflows/e2e.yml',
        start_line: 7,
        annotation_level: 'notice',
        title: 'Passed: Sign in · Linux · Chrome 136.0'
      })
    ])
    expect(run.outputs['check-run-url']).toBe(check.html_url)

    const junit = readFileSync(run.outputs['junit-report'], 'utf8')
    expect(junit).toContain('<testsuites name="Autify" tests="1" failures="0" errors="0" time=')
    expect(junit).toContain('<testcase name="Sign in" classname="Linux · Chrome 136_0" time="0.300">')
    expectNoSecret(everythingWritten(run), AUTIFY_TOKEN, GITHUB_TOKEN)
  })
})
