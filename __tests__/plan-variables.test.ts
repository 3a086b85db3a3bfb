import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { realClock } from '../src/util/clock.js'
import { AutifyClient } from '../src/autify/client.js'
import { TemporaryPlanVariables, restoreChanges } from '../src/variables/plan-variables.js'
import { type PlanVariablesState, openState, sealState } from '../src/variables/state.js'
import { AutifySimulator } from '../simulator/autify/autify-simulator.js'

const TOKEN = 't0k3n-plan-variables'
const PLAN = 169408
const BEFORE = { BASE_URL: 'https://staging.example', LOCALE: 'en-US' }

let sim: AutifySimulator
let client: AutifyClient
/** What `addSecret` wrote to stdout (`::add-mask::` lines), held here instead of printed. */
let stdout: string[] = []
beforeAll(async () => {
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0)
  sim = await new AutifySimulator({ token: TOKEN }).start()
  client = new AutifyClient({ apiUrl: sim.apiUrl, accessToken: TOKEN, clock: realClock, wall: realClock, random: () => 0 })
})
afterAll(async () => {
  jest.restoreAllMocks()
  client.dispose()
  await sim.close()
})
beforeEach(() => {
  stdout = []
  sim.clearFaults()
  sim.variables.seed(PLAN, BEFORE)
})

/** Applies `wanted` and returns the variables object and the last state it recorded. */
async function applied(wanted: { key: string; value: string }[]) {
  let last: PlanVariablesState = { testPlanId: PLAN, changes: [] }
  const variables = new TemporaryPlanVariables(client, PLAN, (state) => (last = structuredClone(state)))
  const result = await variables.apply(wanted)
  return { variables, result, state: () => last }
}

describe('TemporaryPlanVariables', () => {
  it('leaves a key that already has the value alone: nothing to restore', async () => {
    const { variables, result } = await applied([{ key: 'LOCALE', value: 'en-US' }])
    expect(result).toEqual({ updated: [], created: [] })
    expect(variables.count).toBe(0)
  })

  it('records each change before its request, with the ID of a created key once known', async () => {
    const { state } = await applied([
      { key: 'BASE_URL', value: 'https://pr-1.example' },
      { key: 'NEW_KEY', value: 'fresh-value' }
    ])
    expect(stdout).toContain('::add-mask::https://staging.example\n')
    expect(state().changes).toEqual([
      { key: 'BASE_URL', id: expect.any(Number), previous: 'https://staging.example', set: 'https://pr-1.example' },
      { key: 'NEW_KEY', id: expect.any(Number), previous: null, set: 'fresh-value' }
    ])
  })

  it('forgets a create Autify refused (the key was taken meanwhile): theirs is not deleted', async () => {
    sim.fault({
      method: 'POST',
      path: `test_plans/${PLAN}/test_plan_variables`,
      status: 400,
      body: { errors: [{ message: 'Key has already been taken' }] }
    })
    let last: PlanVariablesState | null = null
    const variables = new TemporaryPlanVariables(client, PLAN, (state) => (last = structuredClone(state)))
    await expect(variables.apply([{ key: 'NEW_KEY', value: 'fresh-value' }])).rejects.toThrow('HTTP 400')
    expect(variables.count).toBe(0)
    expect(last).toEqual({ testPlanId: PLAN, changes: [] })
  })

  it('changes nothing more once the job is cancelled', async () => {
    const cancel = new AbortController()
    cancel.abort(new Error('The job was cancelled (SIGTERM).'))
    const from = sim.requests.length
    const variables = new TemporaryPlanVariables(client, PLAN, () => undefined, cancel.signal)
    await expect(variables.apply([{ key: 'BASE_URL', value: 'https://pr-1.example' }])).rejects.toThrow('The job was cancelled')
    expect(sim.requests.slice(from).map((r) => r.method)).toEqual(['GET'])
    expect(sim.variables.valuesOf(PLAN)).toEqual(BEFORE)
  })

  it('keeps a change whose restore failed, to be tried again by the post step', async () => {
    const { variables, state } = await applied([{ key: 'BASE_URL', value: 'https://pr-1.example' }])
    sim.fault({ method: 'PUT', path: /test_plan_variables\/\d+$/, status: 422, body: { errors: [{ message: 'nope' }] } })
    const warnings = await variables.restore()
    expect(warnings).toEqual([expect.stringMatching(/^Could not restore the variables BASE_URL of test plan 169408: .*HTTP 422/)])
    expect(state().changes.map((c) => c.key)).toEqual(['BASE_URL'])
    expect(sim.variables.valuesOf(PLAN).BASE_URL).toBe('https://pr-1.example')
  })
})

describe('restoreChanges', () => {
  const change = (key: string, previous: string | null, set: string) => ({ key, id: null as number | null, previous, set })
  const idOf = (key: string) => (sim.variables.list(PLAN).body as { id: number; key: string }[]).find((v) => v.key === key)!.id

  it('does nothing for an update that never landed, or a create that never happened', async () => {
    const left = await restoreChanges(
      client,
      {
        testPlanId: PLAN,
        changes: [{ ...change('BASE_URL', BEFORE.BASE_URL, 'x-new'), id: idOf('BASE_URL') }, change('NEVER', null, 'v')]
      },
      1000
    )
    expect(left).toEqual({ changes: [], warnings: [] })
    expect(sim.variables.valuesOf(PLAN)).toEqual(BEFORE)
  })

  it('finds a created key by its key when its ID was never learnt, and deletes it', async () => {
    sim.variables.seed(PLAN, { ...BEFORE, MADE: 'made-by-us' })
    const left = await restoreChanges(client, { testPlanId: PLAN, changes: [change('MADE', null, 'made-by-us')] }, 1000)
    expect(left).toEqual({ changes: [], warnings: [] })
    expect(sim.variables.valuesOf(PLAN)).toEqual(BEFORE)
  })

  it('warns about an updated key someone else deleted, and does not re-create it', async () => {
    const id = idOf('BASE_URL')
    sim.variables.seed(PLAN, { LOCALE: 'en-US' })
    const left = await restoreChanges(client, { testPlanId: PLAN, changes: [{ ...change('BASE_URL', 'old', 'ours'), id }] }, 1000)
    expect(left.warnings).toEqual([
      'The variable BASE_URL of test plan 169408 was changed by someone else while the run held it (it was deleted); it is not re-created.'
    ])
    expect(sim.variables.valuesOf(PLAN)).toEqual({ LOCALE: 'en-US' })
  })

  it('keeps every change when the plan cannot be read', async () => {
    sim.fault({ method: 'GET', path: `test_plans/${PLAN}/test_plan_variables`, status: 404, times: 5 })
    const changes = [change('BASE_URL', 'old', 'ours')]
    const left = await restoreChanges(client, { testPlanId: PLAN, changes }, 1000)
    expect(left.changes).toEqual(changes)
    expect(left.warnings).toEqual([expect.stringContaining('Could not restore the variables BASE_URL of test plan 169408')])
  })
})

describe('the sealed step state', () => {
  const state: PlanVariablesState = { testPlanId: PLAN, changes: [{ key: 'PASSWORD', id: 7, previous: 'old-secret', set: 'new-secret' }] }

  it('opens with the same token and holds no value or key in the clear', () => {
    const sealed = sealState(state, TOKEN)
    expect(openState(sealed, TOKEN)).toEqual(state)
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toMatch(/secret|PASSWORD/)
  })

  it('does not open with another token, tampered, or empty', () => {
    const sealed = sealState(state, TOKEN)
    expect(openState(sealed, 'another-token')).toBeNull()
    const bytes = Buffer.from(sealed, 'base64')
    bytes[bytes.length - 1] ^= 1
    expect(openState(bytes.toString('base64'), TOKEN)).toBeNull()
    expect(openState('', TOKEN)).toBeNull()
  })
})
