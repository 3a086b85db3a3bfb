/**
 * Everything the action knows about Testify's wire format, in one place. Testify's public
 * documentation names the endpoints, a few body fields (`id`, `testObjectId`, `checkIdentifier`,
 * `checkId`) and the check type plugin names; it does not show request bodies, response shapes or
 * error payloads. Each line below that goes beyond the documentation says so with `ASSUMPTION:`;
 * docs/testify.md lists them all with the input that corrects each, where one exists.
 */
import type { JsonRequest } from '../http/json-client.js'
import { redact } from '../secrets.js'
import { clip } from '../util/format.js'

/** The check types (test case plugins) as the documentation names them. */
export const CHECK_TYPES: Readonly<Record<string, string>> = {
  testify_booleantestcase: 'Logical Check',
  testify_calculation_testcase: 'Calculation Check',
  testify_datetestcase: 'Date Check',
  testify_file_upload_testcase: 'File Upload Check',
  testify_multi_selection_testcase: 'Multi Select Check',
  testify_numerictestcase: 'Numeric Check',
  testify_photo_upload_testcase: 'Photo Upload Check',
  testify_single_choice_testcase: 'Single Choice Check',
  testify_test_object_selection_testcase: 'Test Object Selection Check',
  testify_texttestcase: 'Text Check',
  testify_timetestcase: 'Time Check',
  testify_geopositioncheck: 'Geoposition Check',
  testify_signaturecheck: 'Signature Check'
}

export const LOGICAL_CHECK = 'testify_booleantestcase'
export const TEXT_CHECK = 'testify_texttestcase'

/** `Logical Check (testify_booleantestcase)`; an unknown name as given. */
export function checkTypeName(type: string): string {
  return CHECK_TYPES[type] ? `${CHECK_TYPES[type]} (${type})` : type
}

// ─── Requests ────────────────────────────────────────────────────────────────────────────────

/**
 * The v2 text writes `/public/testobjects`, the v3 text `/public/testObjects/{externalId}`: send
 * the casing of the chosen version.
 */
function testObjects(apiVersion: string): string {
  return Number.parseFloat(apiVersion) >= 3 ? 'public/testObjects' : 'public/testobjects'
}

/**
 * ASSUMPTION: an external ID goes into the path percent-encoded, so `owner/repo@sha` travels as
 * `owner%2Frepo%40sha` and Testify decodes it back.
 */
const segment = (externalId: string) => encodeURIComponent(externalId)

/** ASSUMPTION: `checklists` and `checkresult/identifier` are written in lower case in every version. */
const CHECKLISTS = 'public/checklists'

const withVersion = (path: string, apiVersion: string) => `${path}?api-version=${encodeURIComponent(apiVersion)}`

/** What one check receives: a boolean for a Logical Check, a string for a Text Check. */
export type CheckValue = boolean | string

/**
 * The requests the action sends. Reads are safe to repeat; creates are not (see the retry modes
 * of JsonClient). ASSUMPTION: the bodies of the answers to creates are not needed and not read
 * ("payload contains the external ID", in a shape not shown): the action chose the IDs itself.
 */
export const testifyRequests = {
  /** ASSUMPTION for v2 (the v3 text shows it): GET `/public/testobjects/{externalId}` reads one test object, 404 when missing. */
  readTestObject: (apiVersion: string, externalId: string): JsonRequest => ({
    method: 'GET',
    path: withVersion(`${testObjects(apiVersion)}/${segment(externalId)}`, apiVersion),
    retry: 'idempotent'
  }),

  /** ASSUMPTION: `name` is the test object's display name (only `id`, the chosen external ID, is documented). */
  createTestObject: (apiVersion: string, externalId: string): JsonRequest => ({
    method: 'POST',
    path: withVersion(testObjects(apiVersion), apiVersion),
    body: { id: externalId, name: externalId },
    retry: 'create',
    expectJson: false
  }),

  /** ASSUMPTION: answers 404 for an external ID no checklist has; the action asks it "does the checklist exist?". */
  readChecklistResults: (apiVersion: string, externalId: string): JsonRequest => ({
    method: 'GET',
    path: withVersion(`${CHECKLISTS}/${segment(externalId)}/results/flat`, apiVersion),
    retry: 'idempotent'
  }),

  /**
   * `id` (the checklist's external ID) and `testObjectId` (the test object's external ID) are
   * documented. ASSUMPTION: the template's external ID goes in `checklistTemplateId`, the name the
   * webhook's `checklistFilter` uses.
   */
  createChecklist: (apiVersion: string, externalId: string, testObjectId: string, templateId: string): JsonRequest => ({
    method: 'POST',
    path: withVersion(CHECKLISTS, apiVersion),
    body: { id: externalId, testObjectId, checklistTemplateId: templateId },
    retry: 'create',
    expectJson: false
  }),

  /**
   * `checkIdentifier` is documented. ASSUMPTIONS: the checklist is named by its external ID in
   * `checklistId`; the result goes in `value` (a JSON boolean for a Logical Check, a string for a
   * Text Check); a free-text note goes in `comment`; posting a result to a check that already has
   * one replaces it.
   */
  postCheckResult: (
    apiVersion: string,
    checklistId: string,
    checkIdentifier: string,
    value: CheckValue,
    comment: string | null
  ): JsonRequest => ({
    method: 'POST',
    path: withVersion(`${CHECKLISTS}/checkresult/identifier`, apiVersion),
    body: comment === null ? { checklistId, checkIdentifier, value } : { checklistId, checkIdentifier, value, comment },
    retry: 'create',
    expectJson: false
  })
}

// ─── Responses ───────────────────────────────────────────────────────────────────────────────

/** A check of a checklist instance, as read from `results/flat`. */
export interface WireCheck {
  identifier: string
  checkId: string | null
  /** The plugin name, or null when no property of the check holds one. */
  type: string | null
  title: string | null
}

/** What the action reads from `GET /public/checklists/{externalId}/results/flat`. */
export interface ChecklistView {
  checks: WireCheck[]
  /** A link to the checklist in Testify's web app, when the answer carries one. */
  url: string | null
}

export function parseChecklistView(body: unknown): ChecklistView {
  return { checks: findChecks(body), url: checklistUrlOf(body) }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * The checks are the objects anywhere in the answer that carry a string `checkIdentifier`
 * (documented as readable there, with `checkId`). ASSUMPTION: objects inside a check are not checks
 * of their own, and a second object with the same identifier (and the same or no `checkId`), such
 * as a result naming its check, is the same check.
 */
export function findChecks(body: unknown): WireCheck[] {
  const checks: WireCheck[] = []
  // The same check seen twice (by checkId, or by identifier where one mention lacks the checkId) is one check.
  const add = (found: WireCheck): void => {
    const same = checks.find(
      (c) => c.identifier === found.identifier && (c.checkId === found.checkId || c.checkId === null || found.checkId === null)
    )
    if (!same) checks.push(found)
    else {
      same.checkId ??= found.checkId
      same.type ??= found.type
      same.title ??= found.title
    }
  }
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32) return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1)
      return
    }
    if (!isObject(value)) return
    if (typeof value.checkIdentifier === 'string' && value.checkIdentifier.trim() !== '') {
      add({
        identifier: value.checkIdentifier,
        checkId: typeof value.checkId === 'string' || typeof value.checkId === 'number' ? String(value.checkId) : null,
        type: checkTypeOf(value),
        title: titleOf(value)
      })
      return
    }
    for (const child of Object.values(value)) visit(child, depth + 1)
  }
  visit(body, 0)
  return checks
}

/**
 * ASSUMPTION: a check names its type as the value of one of its properties (any name, possibly in
 * a nested object), written as the documented plugin name; the nearest such property wins.
 */
export function checkTypeOf(check: Json): string | null {
  let level: unknown[] = [check]
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: unknown[] = []
    for (const node of level) {
      const values = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : []
      for (const value of values) {
        if (typeof value === 'string' && CHECK_TYPES[value.trim().toLowerCase()]) return value.trim().toLowerCase()
        if (value !== null && typeof value === 'object') next.push(value)
      }
    }
    level = next
  }
  return null
}

/** ASSUMPTION: a check's human title, when present, is in `title` or `name`. */
function titleOf(check: Json): string | null {
  for (const key of ['title', 'name']) if (typeof check[key] === 'string' && check[key]) return check[key] as string
  return null
}

/**
 * ASSUMPTION: when the answer links the checklist in Testify's web app, it does so in a top-level
 * http(s) string property whose name ends in `url` or `link` (any casing; `webUrl` and `url`
 * first), or in such a property of a top-level `checklist` object. Absent, the summary names the checklist without a link.
 */
export function checklistUrlOf(body: unknown): string | null {
  if (!isObject(body)) return null
  const rank = (key: string) => ['weburl', 'url', 'link', 'entityurl'].indexOf(key.toLowerCase()) + 1 || 99
  const links = Object.entries(body)
    .filter(([key, value]) => /(url|link)$/i.test(key) && typeof value === 'string' && /^https?:\/\/\S+$/.test(value))
    .sort((a, b) => rank(a[0]) - rank(b[0]))
  if (links.length > 0) return links[0][1] as string
  return isObject(body.checklist) ? checklistUrlOf(body.checklist) : null
}

/**
 * Testify's error details from a 4xx JSON body, as one line. The documentation only says "error
 * details are provided in the payload". ASSUMPTION: it is one of the shapes ASP.NET services answer
 * with — a problem details object (`title`, `detail`, `errors: {field: [messages]}`), an
 * API-versioning error (`error: {code, message}`), `message`/`details`/`errors` strings or lists, or
 * a JSON string. A body that is not JSON is not Testify's word and is never quoted (see errors.ts).
 */
export function errorDetailsOf(body: unknown): string | null {
  const parts: string[] = []
  const add = (value: unknown, prefix = ''): void => {
    if (typeof value === 'string' && value.trim()) parts.push(prefix + value.trim())
    else if (Array.isArray(value)) for (const item of value) add(item, prefix)
    else if (isObject(value)) {
      const text = value.message ?? value.errorMessage ?? value.description
      if (typeof text === 'string') add(text, prefix + (typeof value.code === 'string' ? `${value.code}: ` : ''))
      else for (const [key, inner] of Object.entries(value)) add(inner, `${key}: `)
    }
  }
  if (typeof body === 'string' || Array.isArray(body)) add(body)
  else if (isObject(body)) {
    for (const key of ['title', 'detail', 'message', 'error', 'errors', 'details', 'errorMessage']) {
      // A problem's title is generic ("Bad Request") when a detail or field errors say more.
      if (key === 'title' && (body.detail || isObject(body.errors))) continue
      add(body[key])
    }
  }
  const unique = [...new Set(parts)]
  return unique.length > 0 ? clip(redact(unique.join('; ')), 500) : null
}

export type NamedEntity = 'test object' | 'checklist template'

/**
 * The entities a refusal's details point at, so the message names the input that would fix it.
 * ASSUMPTION: Testify names the entity it could not find or use in its text, in words (`test
 * object`, `checklist template`) or by the request's field (`testObjectId`, `checklistTemplateId`),
 * as the simulator's "No test object has the external ID 'x'." does.
 */
export function entitiesNamedIn(details: string | null): NamedEntity[] {
  if (!details) return []
  const patterns: [NamedEntity, RegExp][] = [
    ['test object', /\btest[ _-]?objects?\b|\btestObject(Id|ExternalId)?\b/i],
    ['checklist template', /\btemplates?\b|\bchecklistTemplate(Id)?\b/i]
  ]
  return patterns.filter(([, pattern]) => pattern.test(details)).map(([entity]) => entity)
}

/**
 * ASSUMPTION: a create whose external ID is taken is refused with a 400 (external IDs "must be
 * unique", and a wrong request is a 400 with details) or a 409, so after either the action looks
 * whether the entity exists before reporting the refusal.
 */
export function mayMeanAlreadyExists(status: number | undefined): boolean {
  return status === 400 || status === 409
}

export type KeyPart = 'secret' | 'subject' | 'tenant'

/**
 * The key parts a 401's details point at. ASSUMPTION: when Testify says which part is wrong, its
 * text contains the part's name (`secret`, `subject`, `tenant`); otherwise none is named.
 */
export function keyPartsNamedIn(details: string | null): KeyPart[] {
  if (!details) return []
  return (['secret', 'subject', 'tenant'] as const).filter((part) => new RegExp(`\\b${part}\\b`, 'i').test(details))
}
