import type { Reply } from '../http-server.js'

/** A test plan variable as Autify's OpenAPI (`TestPlanVariable`) describes it. */
export interface SimPlanVariable {
  id: number
  test_plan_id: number
  key: string
  default_value: string
  created_at: string
  updated_at: string
}

/** Autify keeps at most this many variables on a test plan. */
const MAX_PER_PLAN = 50

const error = (status: number, message: string): Reply => ({ status, body: { errors: [{ message }] } })

/**
 * The test plan variables of each plan (`/test_plans/{id}/test_plan_variables`): list, create
 * (400 on a taken key), update, delete, as the OpenAPI definition has them. A body with a field
 * the definition does not name, or of the wrong type, is refused with 400.
 */
export class PlanVariablesSimulation {
  private readonly plans = new Map<number, SimPlanVariable[]>()

  constructor(
    private readonly now: () => number,
    private readonly nextId: () => number
  ) {}

  /** Gives a plan its variables, as if set in Autify's UI (replacing any it had). */
  seed(testPlanId: number, variables: Record<string, string>): void {
    this.plans.set(testPlanId, [])
    for (const [key, value] of Object.entries(variables)) this.add(testPlanId, key, value)
  }

  /** The plan's variables now, key → value. */
  valuesOf(testPlanId: number): Record<string, string> {
    return Object.fromEntries((this.plans.get(testPlanId) ?? []).map((v) => [v.key, v.default_value]))
  }

  /** Someone else sets a value (in Autify's UI) while a run holds it. */
  setValue(testPlanId: number, key: string, value: string): void {
    const variable = this.plans.get(testPlanId)?.find((v) => v.key === key)
    if (!variable) throw new Error(`Test plan ${testPlanId} has no variable ${key}`)
    variable.default_value = value
    variable.updated_at = new Date(this.now()).toISOString()
  }

  list(testPlanId: number): Reply {
    const list = this.plans.get(testPlanId)
    return list ? { status: 200, body: list.map((v) => ({ ...v })) } : error(404, 'Not Found')
  }

  create(testPlanId: number, body: unknown): Reply {
    const list = this.plans.get(testPlanId)
    if (!list) return error(404, 'Not Found')
    const fields = bodyFields(body)
    if ('error' in fields) return fields.error
    if (!fields.key || fields.default_value === undefined) return error(400, 'key and default_value are required')
    if (list.some((v) => v.key === fields.key)) return error(400, 'Key has already been taken')
    if (list.length >= MAX_PER_PLAN) return error(400, `A test plan can have at most ${MAX_PER_PLAN} variables`)
    return { status: 200, body: { ...this.add(testPlanId, fields.key, fields.default_value) } }
  }

  update(testPlanId: number, id: number, body: unknown): Reply {
    const variable = this.plans.get(testPlanId)?.find((v) => v.id === id)
    if (!variable) return error(404, 'Not Found')
    const fields = bodyFields(body)
    if ('error' in fields) return fields.error
    if (fields.key === '') return error(400, "Key can't be blank")
    if (fields.key !== undefined && this.plans.get(testPlanId)!.some((v) => v.key === fields.key && v.id !== id)) {
      return error(400, 'Key has already been taken')
    }
    if (fields.key !== undefined) variable.key = fields.key
    if (fields.default_value !== undefined) variable.default_value = fields.default_value
    variable.updated_at = new Date(this.now()).toISOString()
    return { status: 200, body: { ...variable } }
  }

  delete(testPlanId: number, id: number): Reply {
    const list = this.plans.get(testPlanId) ?? []
    const index = list.findIndex((v) => v.id === id)
    if (index < 0) return error(404, 'Not Found')
    list.splice(index, 1)
    return { status: 200, body: 'ok' }
  }

  private add(testPlanId: number, key: string, value: string): SimPlanVariable {
    const stamp = new Date(this.now()).toISOString()
    const variable = { id: this.nextId(), test_plan_id: testPlanId, key, default_value: value, created_at: stamp, updated_at: stamp }
    this.plans.get(testPlanId)!.push(variable)
    return variable
  }
}

/** `{ key?, default_value? }`, both strings, nothing else (Create/UpdateTestPlanVariableRequest). */
function bodyFields(body: unknown): { key?: string; default_value?: string } | { error: Reply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: error(400, 'A JSON object is required') }
  const extra = Object.keys(body).find((name) => name !== 'key' && name !== 'default_value')
  if (extra) return { error: error(400, `Unknown parameter: ${extra}`) }
  const { key, default_value } = body as Record<string, unknown>
  if ((key !== undefined && typeof key !== 'string') || (default_value !== undefined && typeof default_value !== 'string')) {
    return { error: error(400, 'key and default_value must be strings') }
  }
  return { key, default_value }
}
