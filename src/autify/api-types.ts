/**
 * Autify for Web API answers, as the OpenAPI definition and the recorded exchanges show them, and
 * the one boundary every answer crosses: each is parsed here into exactly these types (extra fields
 * dropped, nulls Autify really sends accepted, every text redacted as it enters).
 */
import { redact } from '../secrets.js'
import { RESULT_STATUSES } from '../model.js'
import {
  type Shape,
  ShapeError,
  boolean,
  integer,
  list,
  map,
  nullable,
  number,
  object,
  oneOf,
  requiredList,
  string
} from '../util/shape.js'

/** Any text from Autify: a known secret never gets past here. */
const text = map(string, redact)
const optionalText = nullable(text)
const optionalInteger = nullable(integer)
const status = oneOf(RESULT_STATUSES)

/** `review_needed` is a count on test case results (a boolean on some older answers). */
const flagCount: Shape<number> = (value, path) => {
  if (value === null || value === undefined) return 0
  if (typeof value === 'boolean') return Number(value)
  return integer(value, path)
}

const capability = object({
  id: optionalInteger,
  os: optionalText,
  os_type: optionalText,
  os_version: optionalText,
  browser: optionalText,
  browser_type: optionalText,
  browser_version: optionalText,
  device: optionalText,
  device_type: optionalText,
  unsupported: nullable(boolean)
})
export type ApiCapability = ReturnType<typeof capability>

const testCaseResult = object({
  id: integer,
  test_case_id: integer,
  status,
  duration: nullable(number),
  started_at: optionalText,
  finished_at: optionalText,
  project_url: optionalText,
  review_needed: flagCount,
  number_of_credits_consumed: nullable(number)
})
export type ApiTestCaseResult = ReturnType<typeof testCaseResult>

const capabilityResult = object({
  id: optionalInteger,
  capability: nullable(capability),
  test_case_results: list(testCaseResult)
})
export type ApiCapabilityResult = ReturnType<typeof capabilityResult>

const result = object({
  id: integer,
  status,
  duration: nullable(number),
  started_at: optionalText,
  finished_at: optionalText,
  created_at: optionalText,
  review_needed: nullable(boolean),
  test_plan_capability_results: list(capabilityResult),
  test_plan: nullable(object({ id: integer, name: optionalText }))
})
export type ApiResult = ReturnType<typeof result>

const scenario = object({ id: integer, name: optionalText })
export type ApiScenario = ReturnType<typeof scenario>

const urlReplacement = object({ id: integer, pattern_url: text, replacement_url: text })
export type ApiUrlReplacement = ReturnType<typeof urlReplacement>

/** `"1920728"` or `1920728`: `POST /schedules/{id}` answers `data.id` as a string. */
const resultId: Shape<number> = (value, path) => {
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new ShapeError(path, 'a result ID', value)
  return id
}

/** The shape of each answer the action reads. */
export const apiShapes = {
  capabilities: requiredList(capability),
  result,
  results: requiredList(result),
  scenario,
  scenarios: requiredList(scenario),
  urlReplacement,
  urlReplacements: requiredList(urlReplacement),
  executeScenarios: map(object({ result_id: resultId }), (body) => body.result_id),
  executeSchedule: (value: unknown, path: string): number => {
    const data = object({ data: object({ id: nullable(resultId), attributes: nullable(object({ id: nullable(resultId) })) }) })(
      value,
      path
    ).data
    const id = data.id ?? data.attributes?.id
    if (id === null || id === undefined) throw new ShapeError(`${path}data.id`, 'a result ID', undefined)
    return id
  }
} satisfies Record<string, Shape<unknown>>

export interface ExecuteScenariosBody {
  name?: string
  execution_type?: 'parallel' | 'sequential'
  capabilities: Record<string, unknown>[]
  scenarios: { id: number }[]
  url_replacements?: { pattern_url: string; replacement_url: string }[]
  autify_connect?: { name: string }
}

export interface ExecuteScheduleBody {
  autify_connect?: { name: string }
}
