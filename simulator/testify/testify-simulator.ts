import { randomUUID } from 'node:crypto'
import { type Fault, type RecordedRequest, type Reply, SimulatorServer } from '../http-server.js'
import { type SimCheckSpec, type TestifyWorld, defaultTestifyWorld } from './world.js'

export interface SimTestObject {
  internalId: string
  externalId: string
  name: string | null
}

export interface SimCheckResult {
  value: unknown
  comment: string | null
  at: string
}

export interface SimCheck {
  checkId: string
  spec: SimCheckSpec
  result: SimCheckResult | null
  /** Every result posted to this check, in order (a later one replaces the earlier). */
  history: SimCheckResult[]
}

export interface SimChecklist {
  internalId: string
  externalId: string
  templateId: string
  testObject: SimTestObject
  /** TestItemState: Open 0, InProgress 1. */
  state: number
  checks: SimCheck[]
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)

/** ASP.NET problem details, as a .NET service answers a refused request (tests fake Testify's refusals with it). */
export function problem(status: number, detail: string): Reply {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }
  return { status, body: { type: `https://httpstatuses.io/${status}`, title: titles[status] ?? 'Error', status, detail } }
}

function validation(errors: Record<string, string[]>): Reply {
  return {
    status: 400,
    body: {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors
    }
  }
}

/** What each check type accepts as `value`. */
const VALUE_RULES: Record<string, { name: string; accepts: (value: unknown) => boolean; expected: string }> = {
  testify_booleantestcase: { name: 'Logical Check', accepts: (v) => typeof v === 'boolean', expected: 'true or false' },
  testify_texttestcase: { name: 'Text Check', accepts: (v) => typeof v === 'string', expected: 'a string' },
  testify_numerictestcase: { name: 'Numeric Check', accepts: (v) => typeof v === 'number', expected: 'a number' },
  testify_calculation_testcase: { name: 'Calculation Check', accepts: (v) => typeof v === 'number', expected: 'a number' },
  testify_datetestcase: {
    name: 'Date Check',
    accepts: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v),
    expected: 'an ISO date'
  },
  testify_timetestcase: { name: 'Time Check', accepts: (v) => typeof v === 'string' && /^\d{2}:\d{2}/.test(v), expected: 'a time' },
  testify_single_choice_testcase: { name: 'Single Choice Check', accepts: (v) => typeof v === 'string', expected: 'one option' },
  testify_multi_selection_testcase: {
    name: 'Multi Select Check',
    accepts: (v) => Array.isArray(v) && v.every((o) => typeof o === 'string'),
    expected: 'a list of options'
  }
}

/**
 * "200 OK and payload contains external id": the shape is not documented, so the simulator answers
 * with the bare ID as text, which a client must cope with.
 */
const createdAnswer = (externalId: string): Reply => ({
  status: 200,
  body: externalId,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' }
})

const describeValue = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`)

/**
 * Testify's public API on loopback, following the documentation's worked example: test objects and
 * checklists with external and internal IDs, checklists instantiated from templates, check results
 * by identifier with type-checked values, and the API key on every request.
 */
export class TestifySimulator {
  readonly world: TestifyWorld
  readonly testObjects = new Map<string, SimTestObject>()
  readonly checklists = new Map<string, SimChecklist>()
  private readonly server = new SimulatorServer(() => problem(404, 'No such endpoint.'))

  constructor(world: Partial<TestifyWorld> = {}) {
    this.world = { ...defaultTestifyWorld(), ...world }
    for (const id of this.world.testObjects) this.testObjects.set(id, { internalId: randomUUID(), externalId: id, name: id })
    this.defineRoutes()
  }

  async start(port = 0): Promise<this> {
    await this.server.listen(port)
    return this
  }

  close(): Promise<void> {
    return this.server.close()
  }

  /** The value for `testify-api-url`. */
  get apiUrl(): string {
    return `${this.server.origin}/core/services/`
  }

  get origin(): string {
    return this.server.origin
  }

  get requests(): RecordedRequest[] {
    return this.server.requests
  }

  /** The requests as `METHOD /public/…` (query left out), for assertions. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path.replace(/^\/core\/services/, '')}`)
  }

  /** `path` is relative to the API root (`public/checklists`) or a pattern over the full path. */
  fault(fault: Fault): void {
    this.server.fault({
      ...fault,
      path: typeof fault.path === 'string' ? `/core/services/${fault.path.replace(/^\/(core\/services\/)?/, '')}` : fault.path
    })
  }

  clearFaults(): void {
    this.server.clearFaults()
  }

  /** The value of every check of a checklist that has a result, by identifier. */
  resultsOf(checklistId: string): Record<string, SimCheckResult> {
    const checklist = this.checklists.get(checklistId)
    if (!checklist) return {}
    return Object.fromEntries(checklist.checks.filter((c) => c.result).map((c) => [c.spec.identifier, c.result as SimCheckResult]))
  }

  private defineRoutes(): void {
    const api = (method: string, path: string, handler: (req: RecordedRequest, params: Record<string, string>) => Reply) =>
      this.server.route(
        method,
        `/core/services/public/${path}`,
        (req, params) => this.authenticate(req) ?? this.version(req) ?? handler(req, params)
      )

    api('GET', 'testobjects/:id', (_, p) => {
      const testObject = this.testObjects.get(p.id)
      return testObject
        ? { status: 200, body: this.testObjectBody(testObject) }
        : problem(404, `No test object has the external ID '${p.id}'.`)
    })
    api('POST', 'testobjects', (req) => this.createTestObject(req))
    api('POST', 'checklists', (req) => this.createChecklist(req))
    api('POST', 'checklists/checkresult/identifier', (req) => this.addCheckResult(req, 'checkIdentifier'))
    api('POST', 'checklists/checkresult', (req) => this.addCheckResult(req, 'checkId'))
    api('GET', 'checklists/:id', (_, p) => {
      const checklist = this.checklists.get(p.id)
      return checklist ? { status: 200, body: this.checklistBody(checklist) } : problem(404, `No checklist has the external ID '${p.id}'.`)
    })
    api('GET', 'checklists/:id/results/flat', (_, p) => {
      const checklist = this.checklists.get(p.id)
      return checklist ? { status: 200, body: this.resultsFlat(checklist) } : problem(404, `No checklist has the external ID '${p.id}'.`)
    })
  }

  /** Every part of the key must arrive in its header; the answer says which one is missing or wrong. */
  private authenticate(req: RecordedRequest): Reply | null {
    for (const part of ['secret', 'subject', 'tenant'] as const) {
      const header = this.world.authHeaders[part]
      const value = req.headers[header.toLowerCase()]
      if (value === undefined || value === '') return problem(401, `The API key's ${part} is missing (header '${header}').`)
      if (value !== this.world[part]) return problem(401, `The API key's ${part} is not valid.`)
    }
    return null
  }

  /** As ASP.NET API versioning answers. */
  private version(req: RecordedRequest): Reply | null {
    const version = req.query.get('api-version')
    if (!version) {
      return {
        status: 400,
        body: { error: { code: 'ApiVersionUnspecified', message: 'An API version is required, but was not specified.' } }
      }
    }
    if (!this.world.apiVersions.includes(version)) {
      return {
        status: 400,
        body: {
          error: {
            code: 'UnsupportedApiVersion',
            message: `The HTTP resource that matches the request URI '${req.path}' does not support the API version '${version}'.`
          }
        }
      }
    }
    return null
  }

  private forbidden(permission: string): Reply | null {
    return this.world.canWrite ? null : problem(403, `The user lacks the permission '${permission}'.`)
  }

  private createTestObject(req: RecordedRequest): Reply {
    const denied = this.forbidden('TestObjects.Create')
    if (denied) return denied
    if (!isObject(req.body)) return validation({ body: ['A JSON object is required.'] })
    const { id, name } = req.body
    if (id !== undefined && id !== null && (typeof id !== 'string' || id.trim() === '')) {
      return validation({ id: ['The external ID must be a non-empty string.'] })
    }
    if (name !== undefined && name !== null && typeof name !== 'string') return validation({ name: ['The name must be a string.'] })
    const internalId = randomUUID()
    const externalId = (id as string | undefined) ?? internalId
    if (this.testObjects.has(externalId)) return problem(400, `A test object with the external ID '${externalId}' already exists.`)
    this.testObjects.set(externalId, { internalId, externalId, name: (name as string | undefined) ?? null })
    return createdAnswer(externalId)
  }

  private createChecklist(req: RecordedRequest): Reply {
    const denied = this.forbidden('Checklists.Create')
    if (denied) return denied
    if (!isObject(req.body)) return validation({ body: ['A JSON object is required.'] })
    const { id, testObjectId, checklistTemplateId } = req.body
    const errors: Record<string, string[]> = {}
    if (typeof testObjectId !== 'string' || !testObjectId) errors.testObjectId = ['The testObjectId field is required.']
    if (typeof checklistTemplateId !== 'string' || !checklistTemplateId) {
      errors.checklistTemplateId = ['The checklistTemplateId field is required.']
    }
    if (id !== undefined && id !== null && (typeof id !== 'string' || id.trim() === ''))
      errors.id = ['The external ID must be a non-empty string.']
    if (Object.keys(errors).length > 0) return validation(errors)
    const template = this.world.templates[checklistTemplateId as string]
    if (!template) return problem(400, `No checklist template has the external ID '${checklistTemplateId}'.`)
    const testObject = this.testObjects.get(testObjectId as string)
    if (!testObject) return problem(400, `No test object has the external ID '${testObjectId}'.`)
    const internalId = randomUUID()
    const externalId = (id as string | undefined) ?? internalId
    if (this.checklists.has(externalId)) return problem(400, `A checklist with the external ID '${externalId}' already exists.`)
    this.checklists.set(externalId, {
      internalId,
      externalId,
      templateId: checklistTemplateId as string,
      testObject,
      state: 0,
      checks: template.sections.flatMap((s) => s.checks).map((spec) => ({ checkId: randomUUID(), spec, result: null, history: [] }))
    })
    return createdAnswer(externalId)
  }

  private addCheckResult(req: RecordedRequest, by: 'checkIdentifier' | 'checkId'): Reply {
    const denied = this.forbidden('Checklists.Edit')
    if (denied) return denied
    if (!isObject(req.body)) return validation({ body: ['A JSON object is required.'] })
    const { checklistId, value, comment } = req.body
    const key = req.body[by]
    const errors: Record<string, string[]> = {}
    if (typeof checklistId !== 'string' || !checklistId) errors.checklistId = ['The checklistId field is required.']
    if (typeof key !== 'string' || !key) errors[by] = [`The ${by} field is required.`]
    if (comment !== undefined && comment !== null && typeof comment !== 'string') errors.comment = ['The comment must be a string.']
    if (Object.keys(errors).length > 0) return validation(errors)
    const checklist = this.checklists.get(checklistId as string)
    if (!checklist) return problem(404, `No checklist has the external ID '${checklistId}'.`)
    const check = checklist.checks.find((c) => (by === 'checkId' ? c.checkId === key : c.spec.identifier === key))
    if (!check) return problem(400, `Checklist '${checklistId}' has no check with the ${by === 'checkId' ? 'ID' : 'identifier'} '${key}'.`)
    const rule = VALUE_RULES[check.spec.type]
    if (!rule) return problem(400, `Check '${check.spec.identifier}' (${check.spec.type}) takes no result through this endpoint.`)
    if (!rule.accepts(value)) {
      return validation({
        value: [
          `Check '${check.spec.identifier}' is a ${rule.name} (${check.spec.type}): its value must be ${rule.expected}, not ${describeValue(value)}.`
        ]
      })
    }
    const result: SimCheckResult = { value, comment: (comment as string | undefined) ?? null, at: new Date().toISOString() }
    check.result = result
    check.history.push(result)
    checklist.state = 1
    return { status: 200, body: { checkId: check.checkId, checkIdentifier: check.spec.identifier } }
  }

  private testObjectBody(testObject: SimTestObject): Json {
    return { id: testObject.internalId, externalId: testObject.externalId, name: testObject.name }
  }

  private checklistBody(checklist: SimChecklist): Json {
    const template = this.world.templates[checklist.templateId]
    return {
      id: checklist.internalId,
      externalId: checklist.externalId,
      title: template?.title ?? checklist.templateId,
      state: checklist.state,
      testObjectId: checklist.testObject.internalId,
      testObjectExternalId: checklist.testObject.externalId,
      checklistTemplateId: checklist.templateId,
      ...(this.world.linkChecklists ? { webUrl: `${this.server.origin}/todos/checklists/${checklist.internalId}` } : {})
    }
  }

  /** The checklist and one entry per check, each with its page and section, its check and its result. */
  private resultsFlat(checklist: SimChecklist): Json {
    const template = this.world.templates[checklist.templateId]
    const sectionOf = (spec: SimCheckSpec) => template?.sections.find((s) => s.checks.includes(spec))?.title ?? null
    return {
      checklist: this.checklistBody(checklist),
      results: checklist.checks.map((check) => ({
        pageTitle: template?.title ?? null,
        sectionTitle: sectionOf(check.spec),
        check: {
          checkId: check.checkId,
          checkIdentifier: check.spec.identifier,
          title: check.spec.title ?? check.spec.identifier,
          testCasePlugin: check.spec.reportedType ?? check.spec.type
        },
        result: check.result
      }))
    }
  }
}
