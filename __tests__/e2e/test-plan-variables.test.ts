import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { postStepEnv } from '../../simulator/run-action.js'
import { sigtermWhen, waitFor } from '../helpers/connect.js'
import type { AutifySimulator } from '../../simulator/autify/autify-simulator.js'
import { type Harness, autifyCalls, everythingWritten, expectNoSecret, fastWorld, startHarness } from '../helpers/harness.js'
import { type InProcessRunnerHarness, startInProcessHarness } from '../helpers/in-process-runner.js'

const QUICK_PLAN = 169408
const LONG_PLAN = 169409
/** What Autify holds before each test: two keys the input names, two it does not. */
const BEFORE = { BASE_URL: 'https://staging.shop.example', LOCALE: 'en-US', LOGIN_PASSWORD: 'old-pa55word-4417', OTHER: 'keep-me' }
const PREVIEW_URL = 'https://pr-481.preview.shop.example'
const PASSWORD = 'n3w=pa55=word-9f2c1e'
const ORDER_TOKEN = 'order-token-77a1c0de'
/** Trimmed, a comment and a blank line, `=` inside a value, one key the plan has not got. */
const INPUT = [`BASE_URL = ${PREVIEW_URL}`, '# the test account', '', `LOGIN_PASSWORD=${PASSWORD}`, `  ORDER_TOKEN=${ORDER_TOKEN}  `].join(
  '\n'
)
const AFTER_SET = { ...BEFORE, BASE_URL: PREVIEW_URL, LOGIN_PASSWORD: PASSWORD, ORDER_TOKEN }
/** Values that must never be written anywhere: the new ones and the old ones of the keys named. */
const SECRET_VALUES = [PREVIEW_URL, PASSWORD, ORDER_TOKEN, 'old-pa55word-4417', 'staging.shop.example']

const world = () =>
  fastWorld({
    scenarios: { 1: { name: 'Sign in', durationMs: 300 }, 2: { name: 'Long checkout', durationMs: 30_000 } },
    testPlans: {
      [QUICK_PLAN]: { name: 'Preview plan', scenarioIds: [1], capabilities: [{ os: 'Linux', browser: 'Chrome' }] },
      [LONG_PLAN]: { name: 'Long plan', scenarioIds: [2], capabilities: [{ os: 'Linux', browser: 'Chrome' }] }
    }
  })
const seed = (autify: AutifySimulator) => {
  autify.variables.seed(QUICK_PLAN, BEFORE)
  autify.variables.seed(LONG_PLAN, BEFORE)
}

let h: InProcessRunnerHarness
beforeAll(async () => {
  h = await startInProcessHarness(world())
})
afterAll(() => h.close())
beforeEach(() => seed(h.autify))

const planInputs = (plan: number, extra: Record<string, string> = {}) => ({
  'project-id': '743',
  'test-plan-id': String(plan),
  'test-plan-variables': INPUT,
  ...extra
})

/** The variable requests since `from`, as `METHOD path`, with the IDs of the seeded keys named. */
function variableCalls(from: number, plan: number): string[] {
  const ids = new Map((h.autify.variables.list(plan).body as { id: number; key: string }[]).map((v) => [String(v.id), v.key] as const))
  return autifyCalls(h.autify)
    .slice(from)
    .filter((call) => call.includes('test_plan_variables') || /POST \/schedules/.test(call))
    .map((call) => call.replace(/test_plan_variables\/(\d+)/, (_, id: string) => `test_plan_variables/${ids.get(id) ?? 'created'}`))
}

/** Whether the action has asked Autify to start the plan since the first `from` requests. */
const runIsStarting = (autify: AutifySimulator, from: number) =>
  autify.requests.slice(from).some((r) => r.method === 'POST' && /schedules/.test(r.path))

describe('test-plan-variables', () => {
  it('sets the variables before the plan starts and restores them after its end; other keys are untouched; values are never written', async () => {
    const from = h.autify.requests.length
    const run = await h.run(planInputs(QUICK_PLAN))
    expect(run.exitCode).toBe(0)
    const resultId = Number(run.outputs['result-id'])
    // What the plan's scenarios saw while it ran.
    expect(h.autify.started.get(resultId)?.variables).toEqual(AFTER_SET)
    expect(h.autify.variables.valuesOf(QUICK_PLAN)).toEqual(BEFORE)
    expect(variableCalls(from, QUICK_PLAN)).toEqual([
      `GET /test_plans/${QUICK_PLAN}/test_plan_variables`,
      `PUT /test_plans/${QUICK_PLAN}/test_plan_variables/BASE_URL`,
      `PUT /test_plans/${QUICK_PLAN}/test_plan_variables/LOGIN_PASSWORD`,
      `POST /test_plans/${QUICK_PLAN}/test_plan_variables`,
      `POST /schedules/${QUICK_PLAN}`,
      `GET /test_plans/${QUICK_PLAN}/test_plan_variables`,
      `PUT /test_plans/${QUICK_PLAN}/test_plan_variables/BASE_URL`,
      `PUT /test_plans/${QUICK_PLAN}/test_plan_variables/LOGIN_PASSWORD`,
      `DELETE /test_plans/${QUICK_PLAN}/test_plan_variables/created`
    ])
    // Restored only once the run had ended.
    const restoredAt = Math.min(
      ...h.autify.requests
        .slice(from)
        .flatMap((r) => (r.method === 'DELETE' || r.method === 'PUT' ? [r.at] : []))
        .slice(2)
    )
    expect(restoredAt).toBeGreaterThanOrEqual(h.autify.endOf(resultId)!)
    // The bodies the OpenAPI definition names.
    const writes = h.autify.requests.slice(from).filter((r) => /test_plan_variables/.test(r.path) && r.body !== undefined)
    expect(writes.map((r) => Object.keys(r.body as object).sort())).toEqual([
      ['default_value'],
      ['default_value'],
      ['default_value', 'key'],
      ['default_value'],
      ['default_value']
    ])
    expect(run.stdout).toContain(
      `Test plan ${QUICK_PLAN} variables for this run: updated BASE_URL, LOGIN_PASSWORD; created ORDER_TOKEN. They are restored when the run ends.`
    )
    expect(run.stdout).toContain(`Restored the variables of test plan ${QUICK_PLAN}.`)
    expect(run.state['test-plan-variables']).toBe('')
    expectNoSecret(everythingWritten(run), ...SECRET_VALUES)
  })

  it('keeps a value someone else changed while the run held it, with a warning, and still restores the others', async () => {
    const from = h.autify.requests.length
    // Someone changes it as the action first reads the started run.
    h.autify.fault({
      method: 'GET',
      path: /\/results\/\d+$/,
      transform: (body) => {
        h.autify.variables.setValue(LONG_PLAN, 'BASE_URL', 'https://theirs.example')
        return body
      }
    })
    const run = await h.run(planInputs(LONG_PLAN, { timeout: '2' }))
    h.autify.clearFaults()
    expect(runIsStarting(h.autify, from)).toBe(true)
    expect(run.exitCode).toBe(1)
    expect(h.autify.variables.valuesOf(LONG_PLAN)).toEqual({ ...BEFORE, BASE_URL: 'https://theirs.example' })
    expect(run.stdout).toContain(
      `::warning::The variable BASE_URL of test plan ${LONG_PLAN} was changed by someone else while the run held it; their value is kept.`
    )
    expectNoSecret(everythingWritten(run), ...SECRET_VALUES)
  })

  it('a post step after a main step that restored them itself does nothing', async () => {
    const main = await h.run(planInputs(QUICK_PLAN))
    expect(main.exitCode).toBe(0)
    expect(h.autify.started.get(Number(main.outputs['result-id']))?.variables).toEqual(AFTER_SET)
    const from = h.autify.requests.length
    const post = await h.run(planInputs(QUICK_PLAN), { env: postStepEnv(main) })
    expect(post.exitCode).toBe(0)
    expect(autifyCalls(h.autify).slice(from)).toEqual([])
  })

  const refusals: [string, Record<string, string>, string][] = [
    [
      'a scenario target',
      { 'project-id': '743', 'scenario-ids': '1', 'test-plan-variables': INPUT },
      "Input 'test-plan-variables': can only be used with a test plan"
    ],
    [
      'wait: false',
      { ...planInputs(QUICK_PLAN), wait: 'false' },
      "Input 'test-plan-variables': cannot be used with 'wait: false': the variables are restored when the run ends"
    ],
    [
      'a line without =',
      planInputs(QUICK_PLAN, { 'test-plan-variables': `BASE_URL=${PREVIEW_URL}\nLOGIN_PASSWORD ${PASSWORD}` }),
      "Input 'test-plan-variables': line 2 is not 'KEY=value'"
    ],
    [
      'an empty key',
      planInputs(QUICK_PLAN, { 'test-plan-variables': `=${PASSWORD}` }),
      "Input 'test-plan-variables': line 1 is not 'KEY=value'"
    ],
    [
      'a key given twice',
      planInputs(QUICK_PLAN, { 'test-plan-variables': `BASE_URL=${PREVIEW_URL}\nBASE_URL=${ORDER_TOKEN}` }),
      "Input 'test-plan-variables': the key 'BASE_URL' is given twice (line 2)."
    ],
    [
      'more keys than Autify allows',
      planInputs(QUICK_PLAN, { 'test-plan-variables': Array.from({ length: 51 }, (_, i) => `KEY_${i}=${PASSWORD}`).join('\n') }),
      "Input 'test-plan-variables': 51 keys: Autify keeps at most 50 variables on a test plan."
    ]
  ]
  it.each(refusals)('refuses %s before any request', async (_, inputs, message) => {
    const from = h.autify.requests.length
    const run = await h.run(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(autifyCalls(h.autify).slice(from)).toEqual([])
    expectNoSecret(everythingWritten(run), ...SECRET_VALUES)
  })

  it('refuses to go past 50 variables on the plan, before changing any', async () => {
    const full = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`EXISTING_${i}`, `value-${i}`]))
    h.autify.variables.seed(QUICK_PLAN, { ...full, BASE_URL: 'https://staging.shop.example' })
    const from = h.autify.requests.length
    const run = await h.run(planInputs(QUICK_PLAN))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::Test plan ${QUICK_PLAN} has 50 variables and 'test-plan-variables' adds 2: Autify keeps at most 50. Nothing was changed.`
    )
    expect(autifyCalls(h.autify).slice(from)).toEqual([`GET /test_plans/${QUICK_PLAN}/test_plan_variables`])
  })
})

describe('as the runner starts it', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(world())
  })
  afterAll(() => h.close())
  beforeEach(() => seed(h.autify))

  it('restores them when the job is cancelled (SIGTERM), within the cancel budget', async () => {
    const from = h.autify.requests.length
    const cancel = sigtermWhen(
      () => runIsStarting(h.autify, from),
      () => expect(h.autify.variables.valuesOf(LONG_PLAN)).toEqual(AFTER_SET)
    )
    const run = await h.run(planInputs(LONG_PLAN, { timeout: '120' }), { onSpawn: cancel.onSpawn })
    expect(cancel.signalled()).toBe(true)
    expect(cancel.elapsed()).toBeLessThan(5000)
    expect(run.exitCode).toBe(1)
    expect(h.autify.variables.valuesOf(LONG_PLAN)).toEqual(BEFORE)
    expect(run.stdout).toContain(`Restored the variables of test plan ${LONG_PLAN}.`)
    expectNoSecret(everythingWritten(run), ...SECRET_VALUES)
  })

  it('restores them in the post step after the main step was killed (SIGKILL)', async () => {
    const from = h.autify.requests.length
    const main = await h.run(planInputs(LONG_PLAN, { timeout: '120' }), {
      onSpawn: (child: ChildProcess) => void waitFor(() => runIsStarting(h.autify, from), 20_000).then(() => child.kill('SIGKILL'))
    })
    expect(main.signal).toBe('SIGKILL')
    expect(h.autify.variables.valuesOf(LONG_PLAN)).toEqual(AFTER_SET)
    // The step state holds what to restore, sealed: no value, no key in the clear.
    expect(main.state['test-plan-variables']).toMatch(/^[A-Za-z0-9+/=]{40,}$/)
    expect(main.state['test-plan-variables']).not.toContain('BASE_URL')

    const post = await h.run(planInputs(LONG_PLAN, { timeout: '120' }), { env: postStepEnv(main) })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `Restoring the variables of test plan ${LONG_PLAN} the main step left changed: BASE_URL, LOGIN_PASSWORD, ORDER_TOKEN…`
    )
    expect(post.stdout).toContain(`Restored the variables of test plan ${LONG_PLAN}.`)
    expect(h.autify.variables.valuesOf(LONG_PLAN)).toEqual(BEFORE)
    expect(post.state['test-plan-variables']).toBe('')
    expectNoSecret([everythingWritten(main), everythingWritten(post)].join('\n'), ...SECRET_VALUES)
  })
})
