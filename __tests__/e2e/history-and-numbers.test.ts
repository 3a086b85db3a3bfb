/**
 * What the action says about failures, their history and the numbers Autify gives, and how it
 * starts on a broken event file: the action as the runner runs it (in-process on a virtual clock;
 * the bundle itself for the event file) against the simulators.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TEST_SHA } from '../../simulator/run-action.js'
import { type Harness, fastWorld, startHarness } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const WORLD = fastWorld({
  scenarios: {
    1: { name: 'Sign in' },
    5: { name: 'New breakage', outcomes: ['passed', 'passed', 'failed'] },
    6: { name: 'Known breakage', outcomes: ['passed', 'failed', 'failed'] },
    7: { name: 'Wobbly', outcomes: ['failed', 'passed', 'failed'] },
    8: { name: 'Flaky search', outcomes: ['passed', 'failed', 'passed'] },
    ...Object.fromEntries(
      [11, 12, 13, 14, 15, 16, 17].map((id) => [id, { name: `Credit ${id}`, outcomes: id === 17 ? ['failed'] : ['passed'] }])
    )
  }
})

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(WORLD)
})
afterAll(() => h.close())

const checkRunOf = (resultId: string | undefined, on: Pick<Harness, 'github'> = h) =>
  on.github.checkRuns.find((c) => c.external_id === resultId)!

describe('the failure history', () => {
  it('with default settings, each failure annotation carries its history, and the results list is read once', async () => {
    h.autify.seedScenarioRuns([5, 6, 7], 2)
    const before = h.autify.requests.length
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '5,6,7' })
    expect(run.exitCode).toBe(1)
    const resultId = run.outputs['result-id']
    const requests = h.autify.requests.slice(before).filter((r) => r.method === 'GET')
    expect(requests.filter((r) => r.path === '/api/v1/projects/743/results')).toHaveLength(1)
    const earlier = requests.map((r) => r.path).filter((p) => /\/results\/\d+$/.test(p) && !p.endsWith(`/${resultId}`))
    expect(earlier).toHaveLength(2)
    expect(new Set(earlier).size).toBe(earlier.length)

    const check = checkRunOf(resultId)
    const failures = check.annotations.filter((a) => a.annotation_level === 'failure')
    expect(failures).toHaveLength(3)
    const history = Object.fromEntries(
      failures.map((a) => [(a.title ?? '').replace(/^Failed: | · .*$/g, ''), /History: (.*)\./.exec(a.message)?.[1]])
    )
    expect(history).toEqual({
      'New breakage': 'new failure: passed in each of the last 2 runs',
      'Known breakage': expect.stringMatching(/^still failing: also failed in the last run, https?:\/\/\S+$/),
      Wobbly: 'unstable: failed 1 of the last 2 runs'
    })
    expect(run.summary).toContain(
      "**History:** 1 new failure, 2 known, compared with the plan's latest runs in Autify (no run on the base branch found): the last 2 earlier runs"
    )
  })

  it('calls a flaky pass flaky, with its history, never a new failure', async () => {
    h.autify.seedScenarioRuns([8], 1)
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '8', 'max-retry-count': '1' })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('🔁 flaky: passed on a retry; passed in the last run')
    const [annotation] = checkRunOf(run.outputs['result-id']).annotations
    expect(annotation.message).toContain('History: flaky: passed on a retry; passed in the last run.')
    const everything = [run.summary, run.stdout, JSON.stringify(checkRunOf(run.outputs['result-id']).annotations)].join('\n')
    expect(everything).not.toContain('new failure')
    expect(JSON.parse(run.outputs['test-case-results'])[0].history).toMatchObject({ kind: 'flaky', runs: 1, failures: 0 })
  })
})

describe('numbers from Autify', () => {
  it('credits of 1e308 (twice), 5e-324, -5, "12" and 1e21 are ignored: a plain integer out, the verdict intact', async () => {
    const insane: unknown[] = [1e308, 1e308, 5e-324, -5, '12', 1e21, 2]
    const withCredits = (body: unknown) => {
      const result = body as { test_plan_capability_results?: { test_case_results: Record<string, unknown>[] }[] }
      const cases = (result.test_plan_capability_results ?? []).flatMap((c) => c.test_case_results)
      cases.forEach((c, i) => (c.number_of_credits_consumed = insane[i % insane.length]))
      return result
    }
    h.autify.fault({ method: 'GET', path: /\/results\/\d+$/, transform: withCredits, times: 1000 })
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '11,12,13,14,15,16,17' })
    h.autify.clearFaults()
    expect(run.outputs['credits-consumed']).toBe('2')
    expect(run.summary).toContain('**Credits:** 2')
    expect(run.summary).not.toMatch(/Infinity|NaN|e[+-]\d/)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.stdout).toContain('1 of 7 Autify test case results failed')
  })
})

// A broken event file is read by @actions/github as it loads, in the process itself: only a process shows it.
describe('as the runner starts it', () => {
  let dir: string
  let proc: Harness
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'autify-event-'))
    proc = await startHarness(WORLD)
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await proc.close()
  })

  it('a broken event file gives one clear warning before the run starts, never a stack trace, and the run is reported', async () => {
    const event = path.join(dir, 'event.json')
    writeFileSync(event, '{"pull_request": {"number": 42, "head": ')
    const run = await proc.run(
      { 'project-id': '743', 'scenario-ids': '1', 'pr-comment': 'always' },
      { eventName: 'pull_request', env: { GITHUB_EVENT_PATH: event } }
    )
    expect(run.exitCode).toBe(0)
    const output = `${run.stdout}\n${run.stderr}`
    expect(output).not.toMatch(/SyntaxError|Unexpected error|\n\s+at /)
    const warning = run.stdout.indexOf(
      '::warning::The event file (GITHUB_EVENT_PATH) could not be read as JSON: pull-request features are off'
    )
    expect(warning).toBeGreaterThanOrEqual(0)
    expect(warning).toBeLessThan(run.stdout.indexOf('Started scenario 1'))
    expect(checkRunOf(run.outputs['result-id'], proc)).toMatchObject({ head_sha: TEST_SHA, status: 'completed', conclusion: 'success' })
    expect(run.summary).toContain('✅ Autify: passed')
  })
})
