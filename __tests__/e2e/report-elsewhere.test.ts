import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { type Harness, autifyCalls, fastWorld, startHarness } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const PLAN = 169500
const ORDER_ID = 'order-7731-exported'
const SECRET_VALUE = 'pw-exported-5b2e91c4'

const WORLD = fastWorld({
  scenarios: {
    91437: { name: 'Sign in', durationMs: 300 },
    91438: { name: 'Search', durationMs: 200, exports: { ORDER_ID, TEST_USER_PASSWORD: SECRET_VALUE } },
    91439: { name: 'Pay', durationMs: 200 }
  },
  testPlans: {
    [PLAN]: {
      name: 'Nightly',
      scenarioIds: [91437, 91438],
      capabilities: [
        { os: 'Linux', browser: 'Chrome' },
        { os: 'Windows', os_version: '11', browser: 'Edge' }
      ]
    }
  }
})

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(WORLD)
})
afterAll(() => h.close())

/** The requests that start a run; none may be sent when reporting a run started elsewhere. */
const starts = (on: Pick<Harness, 'autify'> = h) =>
  autifyCalls(on.autify).filter((call) => /^POST .*(execute_scenarios|schedules)/.test(call))

const logOf = (run: { stdout: string; stderr: string; outputs: Record<string, string> }) =>
  [run.stdout, run.stderr, run.outputs.log ?? ''].join('\n')

describe('autify-result-url: a run started elsewhere', () => {
  it("reports a scenario run by its URL: the report knows it is one (Autify's result has no test plan)", async () => {
    h.autify.seedScenarioRuns([91439], 1)
    const resultId = h.autify.runs[h.autify.runs.length - 1].id
    const run = await h.run({ 'autify-result-url': `${h.autify.origin}/projects/743/results/${resultId}` })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'result-id': String(resultId), total: '1', 'exported-variables': '[]' })
    expect(starts()).toEqual([])
  })

  it("'latest' with test-plan-id reports the plan's newest result, started by its schedule", async () => {
    h.autify.seedHistory(PLAN, 2)
    const newest = h.autify.runOnSchedule(PLAN)
    const callsBefore = h.autify.requests.length
    const run = await h.run({ 'autify-result-url': 'latest', 'project-id': '743', 'test-plan-id': String(PLAN) })
    expect(run.stdout).toContain(`Reporting the latest result of test plan ${PLAN}`)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'result-id': String(newest), status: 'passed', total: '4' })
    const [first] = h.autify.requests.slice(callsBefore)
    expect([first.method, first.path, first.query.get('test_plan_id'), first.query.get('per_page')]).toEqual([
      'GET',
      '/api/v1/projects/743/results',
      String(PLAN),
      '1'
    ])
    expect(starts()).toEqual([])
    expect(h.github.checkRuns.find((c) => c.external_id === String(newest))?.conclusion).toBe('success')
  })

  it('a result that does not exist fails the step, naming the input to fix', async () => {
    const run = await h.run({ 'autify-result-url': 'https://app.autify.com/projects/743/results/99' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "Check 'autify-result-url' (it names result 99 of project 743), and that the token's user can see that project."
    )
    expect(run.stdout).not.toContain("'project-id'")
    expect(run.summary).toContain('## ⚠️ Autify: the result to report could not be read')
    expect(run.outputs.summary).toContain('**⚠️ Autify: the result to report could not be read**')
    expect(run.outputs.status).toBe('error')
    expect(h.github.checkRuns.at(-1)?.output?.title).toBe('The Autify result to report could not be read')
    expect(starts()).toEqual([])
  })

  it("'latest' of a plan that never ran fails, saying so", async () => {
    h.autify.world.testPlans[4242] = { name: 'Never run', scenarioIds: [91437], capabilities: [{ os: 'Linux', browser: 'Chrome' }] }
    const run = await h.run({ 'autify-result-url': 'latest', 'project-id': '743', 'test-plan-id': '4242' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Test plan 4242 of project 743 has no results yet')
    expect(starts()).toEqual([])
  })
})

describe('autify-result-url with an input that only shapes a start is refused before any request, naming both', () => {
  const url = 'https://app.autify.com/projects/743/results/1920001'
  it.each([
    ['autify-test-url', { 'autify-test-url': 'https://app.autify.com/projects/743/scenarios/91437' }],
    ['scenario-ids', { 'scenario-ids': '91437' }],
    ['test-plan-id', { 'test-plan-id': String(PLAN) }],
    ['project-id', { 'project-id': '743' }],
    ['capabilities', { capabilities: '[{"os":"Linux","browser":"Chrome"}]' }],
    ['browser', { browser: 'Chrome' }],
    ['url-replacements', { 'url-replacements': 'https://a.example.com https://b.example.com' }],
    ['test-plan-variables', { 'test-plan-variables': 'BASE_URL=https://pr-42.example.com' }],
    ['autify-connect', { 'autify-connect': 'office' }],
    ['autify-connect-client', { 'autify-connect-client': 'true' }],
    ['max-retry-count', { 'max-retry-count': '1' }],
    ['test-execution-name', { 'test-execution-name': 'PR #42' }]
  ])('%s', async (input, extra) => {
    const before = h.autify.requests.length
    const run = await h.run({ 'autify-result-url': url, ...extra })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Input '${input}': cannot be combined with 'autify-result-url'`)
    expect(h.autify.requests.length).toBe(before)
  })

  it("'latest' needs test-plan-id, and refuses wait: false", async () => {
    const before = h.autify.requests.length
    const noPlan = await h.run({ 'autify-result-url': 'latest', 'project-id': '743' })
    expect(noPlan.stdout).toContain("Input 'test-plan-id': required with 'autify-result-url: latest'")
    const noWait = await h.run({ 'autify-result-url': url, wait: 'false' })
    expect(noWait.stdout).toContain("Input 'wait': 'false' cannot be combined with 'autify-result-url'")
    const resultAsTest = await h.run({ 'autify-test-url': url })
    expect(resultAsTest.stdout).toContain("To report that result without starting a run, use 'autify-result-url'.")
    const notAResult = await h.run({ 'autify-result-url': 'https://app.autify.com/projects/743/scenarios/91437' })
    expect(notAResult.stdout).toContain("Input 'autify-result-url': expected a result URL")
    expect([noPlan.exitCode, noWait.exitCode, resultAsTest.exitCode, notAResult.exitCode]).toEqual([1, 1, 1, 1])
    expect(h.autify.requests.length).toBe(before)
  })
})

describe('exported-variables', () => {
  it('is [] when no scenario exported anything', async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91439' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['exported-variables']).toBe('[]')
  })

  it("holds a started run's exports, the values never in the log", async () => {
    const run = await h.run({ 'project-id': '743', 'scenario-ids': '91437, 91438' })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs['exported-variables'])).toEqual([
      { scenario_id: 91438, capability: 'Linux · Chrome 136.0', key: 'ORDER_ID', value: ORDER_ID },
      { scenario_id: 91438, capability: 'Linux · Chrome 136.0', key: 'TEST_USER_PASSWORD', value: SECRET_VALUE }
    ])
    expect(logOf(run)).not.toContain(SECRET_VALUE)
  })
})

describe('as the runner starts it', () => {
  let proc: Harness
  beforeAll(async () => {
    proc = await startHarness(WORLD)
  })
  afterAll(() => proc.close())

  it('autify-result-url, a run started elsewhere: is waited for and reported like a run of its own, with no start request', async () => {
    const resultId = proc.autify.runOnSchedule(PLAN)
    const run = await proc.run({
      'autify-result-url': `https://app.autify.com/projects/743/results/${resultId}`,
      'junit-report': 'out/junit.xml'
    })
    expect(run.stdout).toContain(`Reporting result ${resultId}, started elsewhere`)
    expect(run.exitCode).toBe(0)
    expect(starts(proc)).toEqual([])
    expect(run.outputs).toMatchObject({ 'result-id': String(resultId), status: 'passed', total: '4', passed: '4' })
    expect(run.summary).toContain(`results/${resultId}`)
    expect(run.summary).toContain('Nightly')
    const check = proc.github.checkRuns.find((c) => c.external_id === String(resultId))
    expect(check?.conclusion).toBe('success')
    expect(existsSync(run.outputs['junit-report'])).toBe(true)

    const exported = JSON.parse(run.outputs['exported-variables']) as unknown[]
    expect(exported).toEqual([
      { scenario_id: 91438, capability: 'Linux · Chrome 136.0', key: 'ORDER_ID', value: ORDER_ID },
      { scenario_id: 91438, capability: 'Linux · Chrome 136.0', key: 'TEST_USER_PASSWORD', value: SECRET_VALUE },
      { scenario_id: 91438, capability: 'Windows 11 · Edge 136.0', key: 'ORDER_ID', value: ORDER_ID },
      { scenario_id: 91438, capability: 'Windows 11 · Edge 136.0', key: 'TEST_USER_PASSWORD', value: SECRET_VALUE }
    ])
    expect(run.outputs['exported-variables']).toBe(JSON.stringify(exported))
    // The values leave only through the output: never in the log.
    expect(logOf(run)).not.toContain(ORDER_ID)
    expect(logOf(run)).not.toContain(SECRET_VALUE)
  })
})
