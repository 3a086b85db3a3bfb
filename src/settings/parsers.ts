import { InputError } from './input-error.js'
import type { CapabilityQuery, PlanVariable, Target, UrlReplacement } from './settings.js'
import { errorMessage } from '../util/error-message.js'

/** Parsers for one input each: value in, typed value out, or an InputError naming the input. */

const TRUE_VALUES = new Set(['true', 'yes', 'on', '1'])
const FALSE_VALUES = new Set(['false', 'no', 'off', '0'])

export function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  const normalized = value.toLowerCase()
  if (TRUE_VALUES.has(normalized)) return true
  if (FALSE_VALUES.has(normalized)) return false
  throw new InputError(input, `expected 'true' or 'false', got '${value}'.`)
}

/** Seconds (decimals allowed) as milliseconds. */
export function parseSeconds(input: string, value: string, fallbackSeconds: number, maxSeconds: number): number {
  if (value === '') return fallbackSeconds * 1000
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new InputError(input, `expected a number of seconds such as '${fallbackSeconds}', got '${value}'.`)
  }
  const seconds = Number(value)
  if (seconds <= 0 || seconds > maxSeconds) {
    throw new InputError(input, `expected more than 0 and at most ${maxSeconds} seconds, got '${value}'.`)
  }
  return Math.round(seconds * 1000)
}

export function parseInteger(input: string, value: string, fallback: number, min: number, max: number): number {
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(input, `expected a whole number from ${min} to ${max}, got '${value}'.`)
  }
  return Number(value)
}

/** A pull request's number, e.g. `42`; null when not set. */
export function parsePullRequestNumber(input: string, value: string): number | null {
  if (value === '') return null
  const number = Number(value.replace(/^#/, ''))
  if (!/^#?\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) {
    throw new InputError(input, `expected a pull request number (a positive whole number such as '42'), got '${value}'.`)
  }
  return number
}

export function parseId(input: string, value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw new InputError(input, `expected a numeric ${what} ID such as '743', got '${value}'.`)
  }
  return Number(value)
}

/** `1, 2` or one per line; duplicates are dropped, order kept. */
export function parseIdList(input: string, value: string, what: string): number[] {
  const parts = value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) throw new InputError(input, `expected one or more ${what} IDs, comma- or newline-separated.`)
  return [...new Set(parts.map((part) => parseId(input, part, what)))]
}

export function parseEnum<T extends string>(input: string, value: string, allowed: readonly T[], fallback: T): T
export function parseEnum<T extends string>(input: string, value: string, allowed: readonly T[], fallback: null): T | null
export function parseEnum<T extends string>(input: string, value: string, allowed: readonly T[], fallback: T | null): T | null {
  if (value === '') return fallback
  const match = allowed.find((option) => option === value.toLowerCase())
  if (!match) throw new InputError(input, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${value}'.`)
  return match
}

const TEST_URL_PATH = /\/projects\/(\d+)\/(scenarios|test_plans)\/(\d+)(?=\/|$)/

/** A scenario or test plan URL from Autify's web app (any host; trailing parts and query ignored). */
export function parseTestUrl(input: string, value: string): Target {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, `expected a URL such as 'https://app.autify.com/projects/743/scenarios/91437', got '${value}'.`)
  }
  const match = TEST_URL_PATH.exec(url.pathname)
  if (!/^https?:$/.test(url.protocol) || !match) {
    const hint = /\/projects\/\d+\/results\/\d+/.test(url.pathname)
      ? " To report that result without starting a run, use 'autify-result-url'."
      : ''
    throw new InputError(
      input,
      `expected a scenario URL '…/projects/<project>/scenarios/<scenario>' or a test plan URL '…/projects/<project>/test_plans/<plan>', got '${value}'.${hint}`
    )
  }
  const projectId = parseId(input, match[1], 'project')
  const id = parseId(input, match[3], match[2] === 'scenarios' ? 'scenario' : 'test plan')
  return match[2] === 'scenarios' ? { kind: 'scenarios', projectId, scenarioIds: [id] } : { kind: 'test-plan', projectId, testPlanId: id }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** An API base URL: https, or plain http only to this machine, so a token never travels in clear. */
export function parseApiUrl(input: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, `expected an https:// URL, got '${value}'.`)
  }
  if (url.username || url.password) {
    throw new InputError(input, 'must not contain a user name or password; credentials go in their own inputs.')
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      input,
      `refusing plain http:// to '${url.hostname}': the token would travel unencrypted. Use https:// (http:// is allowed only for localhost).`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(input, `expected an https:// URL, got '${value}'.`)
  }
  url.search = ''
  url.hash = ''
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}

const CAPABILITY_KEYS = ['os', 'os_type', 'os_version', 'browser', 'browser_type', 'browser_version', 'device', 'device_type']

/** A JSON array of capability objects (a single object is accepted too). */
export function parseCapabilities(input: string, value: string): Record<string, unknown>[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (error) {
    throw new InputError(input, `expected a JSON array such as '[{"os":"Linux","browser":"Chrome"}]': ${errorMessage(error)}.`)
  }
  const list = Array.isArray(parsed) ? parsed : [parsed]
  if (list.length === 0) throw new InputError(input, 'expected at least one capability object, got an empty array.')
  list.forEach((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(input, `item ${index + 1} is not an object; expected e.g. {"os":"Linux","browser":"Chrome"}.`)
    }
    const entries = Object.entries(item as Record<string, unknown>)
    const bad = entries.find(([, v]) => v !== null && !['string', 'number'].includes(typeof v))
    if (bad) throw new InputError(input, `item ${index + 1}: '${bad[0]}' must be a string.`)
    if (!entries.some(([key, v]) => CAPABILITY_KEYS.includes(key) && v !== null && v !== '')) {
      throw new InputError(input, `item ${index + 1} names no environment; use keys such as ${CAPABILITY_KEYS.join(', ')}.`)
    }
  })
  return list as Record<string, unknown>[]
}

export function hasQuery(query: CapabilityQuery): boolean {
  return Object.values(query).some(Boolean)
}

/**
 * `PATTERN REPLACEMENT` (or the older `PATTERN=REPLACEMENT`), one per line or comma-separated.
 * A comma splits entries only where a URL starts after it, so commas inside URLs survive.
 */
export function parseUrlReplacements(input: string, value: string): UrlReplacement[] {
  const entries = value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => (line.includes('://') ? line.split(/,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i) : line.split(',')))
    .map((entry) => entry.trim())
    .filter(Boolean)
  return entries.map((entry) => {
    const parts = entry.split(/\s+/)
    if (parts.length === 2) return { patternUrl: parts[0], replacementUrl: parts[1] }
    const equals = entry.indexOf('=')
    if (parts.length === 1 && equals > 0 && equals < entry.length - 1) {
      return { patternUrl: entry.slice(0, equals), replacementUrl: entry.slice(equals + 1) }
    }
    throw new InputError(
      input,
      `cannot read '${entry}': expected 'PATTERN REPLACEMENT' such as 'https://example.com https://staging.example.com'.`
    )
  })
}

/** Autify keeps at most this many variables on a test plan. */
export const MAX_PLAN_VARIABLES = 50

/**
 * `KEY=value` lines: each line is trimmed, blank lines and lines starting with `#` are skipped, the
 * key is what comes before the first `=` and the value everything after it (trimmed; it may hold
 * `=` and may be empty). Errors name the line number and the key, never a line's text: a value may
 * be a credential.
 */
export function parsePlanVariables(input: string, value: string): PlanVariable[] {
  const variables: PlanVariable[] = []
  const lines = value.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const equals = line.indexOf('=')
    const key = equals < 0 ? '' : line.slice(0, equals).trim()
    if (!/^[^\s=]{1,255}$/.test(key)) {
      throw new InputError(input, `line ${index + 1} is not 'KEY=value' (a key of 1 to 255 characters without spaces, then '=').`)
    }
    if (variables.some((v) => v.key === key)) throw new InputError(input, `the key '${key}' is given twice (line ${index + 1}).`)
    variables.push({ key, value: line.slice(equals + 1).trim() })
  }
  if (variables.length > MAX_PLAN_VARIABLES) {
    throw new InputError(input, `${variables.length} keys: Autify keeps at most ${MAX_PLAN_VARIABLES} variables on a test plan.`)
  }
  return variables
}
