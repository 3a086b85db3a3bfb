/**
 * Autify for Web API answers, as the OpenAPI definition and the recorded exchanges show them, and
 * the one boundary every answer crosses: each is parsed here into exactly these types (extra fields
 * dropped, nulls Autify really sends accepted, every text redacted as it enters).
 */
import { log } from '../log.js'
import { RESULT_STATUSES } from '../model.js'
import { addSecret, redact } from '../secrets.js'
import { wholeCount, wholeMilliseconds } from '../util/numbers.js'
import {
  type Shape,
  ShapeError,
  boolean,
  describe,
  integer,
  list,
  map,
  matching,
  nullable,
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

const ignored = new Set<string>()

/**
 * A number the report prints or sums but the outcome does not hang on (credits, durations): an
 * insane value (a string, negative, fractional, beyond a safe integer) is left out with a debug
 * line, and the result stays readable.
 */
function lenientNumber(convert: (value: unknown) => number | null, expected: string): Shape<number | null> {
  return (value, path) => {
    if (value === null || value === undefined) return null
    const converted = convert(value)
    if (converted === null) {
      const shown = typeof value === 'number' ? String(value) : describe(value)
      const message = `Ignored ${path || 'a value'} from Autify: ${shown}, expected ${expected}.`
      if (!ignored.has(message)) log.debug(message)
      ignored.add(message)
    }
    return converted
  }
}
const credits = lenientNumber(wholeCount, 'a whole number of credits, 0 or more')
const milliseconds = lenientNumber(wholeMilliseconds, 'milliseconds, 0 or more')

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

/**
 * `export_variables`: `[{key, value}]` in the OpenAPI definition (a feature of few workspaces; the
 * recordings hold `[]`). An entry without a text key is left out rather than failing the result;
 * the value is outside text (it may be a credential): redacted here, and never written to the log.
 */
const scalarText: Shape<string | null> = (value) =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null
const exportVariable = object({ key: string, value: scalarText })
const exportVariables: Shape<ApiExportVariable[] | null> = (value, path) => {
  if (!Array.isArray(value)) return null
  return matching(exportVariable)(value, path).flatMap(({ key, value: text = null }) =>
    key === '' ? [] : [{ key: redact(key), value: text === null ? null : redact(text) }]
  )
}
export interface ApiExportVariable {
  key: string
  value: string | null
}

const testCaseResult = object({
  id: integer,
  test_case_id: integer,
  status,
  duration: milliseconds,
  started_at: optionalText,
  finished_at: optionalText,
  project_url: optionalText,
  review_needed: flagCount,
  number_of_credits_consumed: credits,
  export_variables: exportVariables
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
  duration: milliseconds,
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

/** A test plan variable; its value is never logged (it may be a credential). */
const planVariable = object({ id: integer, key: string, default_value: string })
export type ApiPlanVariable = ReturnType<typeof planVariable>

/** The key of an access point is a secret: masked the moment it is read, before anything else sees it. */
const secretKey = map(string, (key) => {
  addSecret(key)
  return key
})
const accessPoint = object({ name: string, key: secretKey })
export type ApiAccessPoint = ReturnType<typeof accessPoint>

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
  planVariable,
  planVariables: requiredList(planVariable),
  accessPoint,
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
