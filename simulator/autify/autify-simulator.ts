import type { ApiCapability, ApiUrlReplacement } from '../../src/autify/api-types.js'
import { type Fault, type RecordedRequest, type Reply, SimulatorServer } from '../http-server.js'
import { ConnectSimulation } from './connect.js'
import { PlanVariablesSimulation } from './plan-variables.js'
import { type FinalStatus, type SimRun, describeRun, runEndsAt } from './runs.js'
import { type AutifyWorld, defaultWorld } from './world.js'

export interface AutifySimulatorOptions {
  /** The simulator's clock; tests and benchmarks may run it faster or virtually. */
  now?: () => number
  /** Seed of the duration jitter (see `durationJitter`). */
  seed?: number
}

interface ReplacementEvent {
  action: 'created' | 'deleted'
  testPlanId: number
  replacement: ApiUrlReplacement
  at: number
}

const error = (status: number, message: string): Reply => ({ status, body: { errors: [{ code: status, message }] } })
/** Outside `/api/v1/` Autify's web app answers, with an HTML page (e.g. for an `autify-api-url` without `/api/v1/`). */
const WEB_APP_NOT_FOUND: Reply = {
  status: 404,
  body: "<!DOCTYPE html><html><head><title>The page you were looking for doesn't exist (404)</title></head><body><h1>The page you were looking for doesn't exist.</h1></body></html>"
}

/**
 * Autify for Web's API on loopback, following the OpenAPI definition and the recorded exchanges:
 * runs progress from queuing through waiting and running to a final state per test case.
 */
export class AutifySimulator {
  readonly world: AutifyWorld
  readonly runs: SimRun[] = []
  readonly replacementEvents: ReplacementEvent[] = []
  private readonly server: SimulatorServer
  private readonly now: () => number
  private readonly replacements = new Map<number, ApiUrlReplacement[]>()
  private readonly executions = new Map<string, number>()
  /** What each run was started with, for assertions. */
  readonly started = new Map<number, { body: unknown; activeReplacements: ApiUrlReplacement[]; variables: Record<string, string> }>()
  /** Each test plan's variables (seeded from the world's `variables`). */
  readonly variables: PlanVariablesSimulation
  /** Autify Connect: access points, the fake client's connections and its archives. */
  readonly connect: ConnectSimulation
  private nextId = 1_920_000
  private seed = 42
  private webOrigin = ''

  constructor(world: Partial<AutifyWorld> = {}, options: AutifySimulatorOptions = {}) {
    this.world = { ...defaultWorld(), ...world }
    this.now = options.now ?? Date.now
    this.seed = options.seed ?? 42
    this.server = new SimulatorServer((req) => (req.path.startsWith('/api/v1/') ? error(404, 'Not Found') : WEB_APP_NOT_FOUND), this.now)
    this.connect = new ConnectSimulation(this.now)
    // IDs of their own, so seeding them leaves the result IDs the tests know as they were.
    let variableId = 48_100
    this.variables = new PlanVariablesSimulation(this.now, () => variableId++)
    for (const [id, plan] of Object.entries(this.world.testPlans)) this.variables.seed(Number(id), plan.variables ?? {})
    this.defineRoutes()
    this.defineConnectRoutes()
  }

  async start(port = 0): Promise<this> {
    this.webOrigin = await this.server.listen(port)
    return this
  }

  async close(): Promise<void> {
    await this.server.close()
    this.connect.dispose()
  }

  /** The base to give the action as `autify-connect-client-download-url`: it serves the fake client. */
  get connectClientDownloadUrl(): string {
    return `${this.webOrigin}/autifyconnect/versions/`
  }

  /** The API base to give the action as `autify-api-url`. */
  get apiUrl(): string {
    return `${this.webOrigin}/api/v1/`
  }

  get origin(): string {
    return this.webOrigin
  }

  get requests(): RecordedRequest[] {
    return this.server.requests
  }

  fault(fault: Fault): void {
    this.server.fault({
      ...fault,
      path: typeof fault.path === 'string' ? `/api/v1/${fault.path.replace(/^\/(api\/v1\/)?/, '')}` : fault.path
    })
  }

  clearFaults(): void {
    this.server.clearFaults()
  }

  /** URL replacements that currently exist on a test plan. */
  replacementsOf(testPlanId: number): ApiUrlReplacement[] {
    return [...(this.replacements.get(testPlanId) ?? [])]
  }

  /**
   * Adds `count` finished runs of a test plan, as if it ran once a day before: for predictions,
   * and with `outcomes` taking their turn in each scenario's `outcomes`, for the failure history.
   */
  seedHistory(testPlanId: number, count: number, options: { outcomes?: boolean } = {}): void {
    const plan = this.world.testPlans[testPlanId]
    const capabilities = plan.capabilities.map((c) => this.matchCapability(c)).filter((c): c is ApiCapability => c !== null)
    for (let day = count; day >= 1; day--) {
      const createdAt = this.now() - day * 86_400_000
      this.createRun(plan.scenarioIds, capabilities, { id: testPlanId, name: plan.name }, false, createdAt, options.outcomes ?? false)
    }
  }

  /**
   * Adds `count` finished scenario runs (one a day before now) that take their turn in each
   * scenario's `outcomes`, for the failure history; on Linux · Chrome, the action's default.
   */
  seedScenarioRuns(scenarioIds: number[], count: number): void {
    const capability = this.matchCapability({ os: 'Linux', browser: 'Chrome' })
    if (!capability) throw new Error('The world has no Linux · Chrome capability')
    for (let day = count; day >= 1; day--) this.createRun(scenarioIds, [capability], null, false, this.now() - day * 86_400_000)
  }

  /**
   * Starts a test plan as Autify's own schedule would: no request to the API, so a test can tell
   * that the action started nothing. Returns the result ID.
   */
  runOnSchedule(testPlanId: number): number {
    const plan = this.world.testPlans[testPlanId]
    const capabilities = plan.capabilities.map((c) => this.matchCapability(c)).filter((c): c is ApiCapability => c !== null)
    return this.createRun(plan.scenarioIds, capabilities, { id: testPlanId, name: plan.name }, false).id
  }

  /** When the run ends, on the simulator's clock. */
  endOf(resultId: number): number | undefined {
    const run = this.runs.find((r) => r.id === resultId)
    return run ? runEndsAt(run) : undefined
  }

  private defineRoutes(): void {
    const s = this.server
    const api = (method: string, path: string, handler: (req: RecordedRequest, p: Record<string, string>) => Reply) =>
      s.route(method, `/api/v1/${path}`, (req, params) => {
        if (req.headers.authorization !== `Bearer ${this.world.token}`) return error(401, 'Bad credentials')
        if (params.project && Number(params.project) !== this.world.projectId) return error(404, 'Not Found')
        return handler(req, params)
      })

    api('GET', 'projects/:project/capabilities', () => ({ status: 200, body: this.world.capabilities }))
    api('POST', 'projects/:project/execute_scenarios', (req) => this.executeScenarios(req))
    api('POST', 'schedules/:plan', (req, p) => this.executeSchedule(req, Number(p.plan)))
    api('GET', 'projects/:project/results', (req) => this.listResults(req))
    api('GET', 'projects/:project/results/:result', (_, p) => {
      const run = this.runs.find((r) => r.id === Number(p.result))
      if (run) this.failCasesAfterDisconnect(run)
      return run ? { status: 200, body: describeRun(run, this.now(), this.webOrigin) } : error(404, 'Not Found')
    })
    api('GET', 'projects/:project/scenarios', (req) => {
      const page = Math.max(1, Number(req.query.get('page') ?? 1))
      const size = this.world.scenarioPageSize
      const all = Object.keys(this.world.scenarios)
        .map(Number)
        .sort((a, b) => a - b)
      return { status: 200, body: all.slice((page - 1) * size, page * size).map((id) => this.scenarioBody(id)) }
    })
    api('GET', 'projects/:project/scenarios/:scenario', (_, p) =>
      this.world.scenarios[Number(p.scenario)] ? { status: 200, body: this.scenarioBody(Number(p.scenario)) } : error(404, 'Not Found')
    )
    api('GET', 'test_plans/:plan/url_replacements', (_, p) =>
      this.world.testPlans[Number(p.plan)] ? { status: 200, body: this.replacementsOf(Number(p.plan)) } : error(404, 'Not Found')
    )
    api('POST', 'test_plans/:plan/url_replacements', (req, p) => this.createReplacement(req, Number(p.plan)))
    api('DELETE', 'test_plans/:plan/url_replacements/:id', (_, p) => this.deleteReplacement(Number(p.plan), Number(p.id)))
    const variables = 'test_plans/:plan/test_plan_variables'
    api('GET', variables, (_, p) => this.variables.list(Number(p.plan)))
    api('POST', variables, (req, p) => this.variables.create(Number(p.plan), req.body))
    api('PUT', `${variables}/:id`, (req, p) => this.variables.update(Number(p.plan), Number(p.id), req.body))
    api('DELETE', `${variables}/:id`, (_, p) => this.variables.delete(Number(p.plan), Number(p.id)))
  }

  /**
   * Access points (`/projects/{id}/autify_connect/access_points`, as the OpenAPI definition and the
   * recordings show them), the fake client's download, and the channel the fake uses to say it is
   * connected (a heartbeat, which also tells it when to reconnect or die).
   */
  private defineConnectRoutes(): void {
    const s = this.server
    const api = (method: string, path: string, handler: (req: RecordedRequest) => Reply) =>
      s.route(method, `/api/v1/${path}`, (req, params) => {
        if (req.headers.authorization !== `Bearer ${this.world.token}`) return error(401, 'Bad credentials')
        if (Number(params.project) !== this.world.projectId) return error(404, 'Not Found')
        return handler(req)
      })
    const path = 'projects/:project/autify_connect/access_points'
    api('GET', path, () => ({
      status: 200,
      body: [...this.connect.accessPoints.values()].map((a) => this.accessPointBody(a, false))
    }))
    api('POST', path, (req) => {
      const name = (req.body as { name?: unknown } | undefined)?.name
      if (typeof name !== 'string' || name === '') return error(400, 'Name is required')
      const created = this.connect.create(name)
      if (!created) return error(400, `Access Point Name ${name} has already been taken`)
      return { status: 200, body: this.accessPointBody(created, true) }
    })
    api('DELETE', path, (req) => {
      const name = (req.body as { name?: unknown } | undefined)?.name
      if (typeof name !== 'string' || !this.connect.delete(name)) return error(404, `Access Point ${String(name)} was not found.`)
      return { status: 200, body: {} }
    })

    s.route('GET', '/autifyconnect/versions/:version/:file', (_, p) => {
      const archive = this.connect.archive(p.version, p.file, this.webOrigin)
      return archive ? { status: 200, body: archive } : { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>' }
    })
    const fake = (path: string, handler: (accessPoint: NonNullable<ReturnType<ConnectSimulation['byKey']>>) => Reply) =>
      s.route('POST', `/fake-autify-connect/${path}`, (req) => {
        const accessPoint = this.connect.byKey(String(req.headers['x-autify-connect-key'] ?? ''))
        return accessPoint ? handler(accessPoint) : error(401, 'Unknown access point key')
      })
    fake('connect', (accessPoint) => {
      this.connect.seen(accessPoint)
      const { mode, readyAfterMs, logKey } = this.connect.behaviour
      return { status: 200, body: { name: accessPoint.name, mode, readyAfterMs, logKey: logKey ?? false } }
    })
    fake('heartbeat', (accessPoint) => ({ status: 200, body: this.connect.heartbeat(accessPoint) }))
    fake('disconnect', (accessPoint) => {
      accessPoint.killedAt ??= this.now()
      return { status: 200, body: {} }
    })
  }

  private accessPointBody(accessPoint: { name: string; key: string; createdAt: number }, withKey: boolean) {
    const stamp = new Date(accessPoint.createdAt).toISOString()
    return {
      name: accessPoint.name,
      ...(withKey && { key: accessPoint.key }),
      last_use: null,
      creator: 'simulator',
      created_at: stamp,
      updated_at: stamp
    }
  }

  /**
   * A run through an access point: unknown → 400 (assumed: the OpenAPI definition names no answer);
   * known but no client connected → the run starts and every test case fails, as Autify's browsers
   * cannot reach the site (assumed, as a run whose site is down). Returns the error, or the name.
   */
  private accessPointOf(body: unknown): { error: Reply } | { name: string | undefined; connected: boolean } {
    const name = (body as { autify_connect?: { name?: unknown } } | undefined)?.autify_connect?.name
    if (typeof name !== 'string') return { name: undefined, connected: true }
    const accessPoint = this.connect.accessPoints.get(name)
    if (!accessPoint) return { error: error(400, `Access Point ${name} was not found.`) }
    const connected = this.connect.isConnected(accessPoint)
    if (connected) accessPoint.runStartedAt = this.now()
    return { name, connected }
  }

  /**
   * Test cases still going when the run's client disconnected fail then (assumed: Autify can no
   * longer reach the site, as when it is down).
   */
  private failCasesAfterDisconnect(run: SimRun): void {
    if (!run.accessPoint) return
    const at = this.connect.disconnectedAt(run.accessPoint)
    if (at === null) return
    const runningFrom = run.createdAt + run.queueMs + run.waitingMs
    for (const c of run.capabilityResults) {
      for (const t of c.testCases) {
        if (runningFrom + t.startOffsetMs + t.durationMs <= at) continue
        // It fails at once: a test still waiting fails as it starts, one running fails there and then.
        t.status = 'failed'
        t.startOffsetMs = Math.min(t.startOffsetMs, Math.max(0, at - runningFrom))
        t.durationMs = Math.max(0, at - runningFrom - t.startOffsetMs)
      }
    }
  }

  private scenarioBody(id: number) {
    return {
      id,
      name: this.world.scenarios[id].name,
      created_at: '2022-05-16T21:16:28.612Z',
      updated_at: '2023-04-04T04:14:54.232Z',
      labels: []
    }
  }

  private executeScenarios(req: RecordedRequest): Reply {
    const body = req.body as { scenarios?: unknown; capabilities?: unknown; execution_type?: unknown } | undefined
    const scenarios = Array.isArray(body?.scenarios) ? body.scenarios : null
    if (!scenarios || scenarios.length === 0 || !scenarios.every((s) => Number.isInteger((s as { id?: unknown })?.id))) {
      return error(400, 'scenarios must be a non-empty array of {"id": <integer>}')
    }
    const capabilityRequests = Array.isArray(body?.capabilities) ? (body.capabilities as Record<string, unknown>[]) : null
    if (!capabilityRequests || capabilityRequests.length === 0) return error(400, 'capabilities must be a non-empty array')
    const ids = scenarios.map((s) => (s as { id: number }).id)
    const unknown = ids.find((id) => !this.world.scenarios[id])
    if (unknown !== undefined) return error(404, 'Not Found')
    const capabilities: ApiCapability[] = []
    for (const request of capabilityRequests) {
      const match = this.matchCapability(request)
      if (!match) return error(400, `No capability is available for: ${JSON.stringify(request)}`)
      capabilities.push(match)
    }
    const through = this.accessPointOf(req.body)
    if ('error' in through) return through.error
    const run = this.createRun(ids, capabilities, null, body?.execution_type === 'sequential')
    this.throughAccessPoint(run, through)
    this.started.set(run.id, { body: req.body, activeReplacements: [], variables: {} })
    return { status: 200, body: { result_id: run.id } }
  }

  private executeSchedule(req: RecordedRequest, testPlanId: number): Reply {
    const plan = this.world.testPlans[testPlanId]
    if (!plan) return error(404, 'Not Found')
    const capabilities = plan.capabilities.map((c) => this.matchCapability(c)).filter((c): c is ApiCapability => c !== null)
    const through = this.accessPointOf(req.body)
    if ('error' in through) return through.error
    const run = this.createRun(plan.scenarioIds, capabilities, { id: testPlanId, name: plan.name }, false)
    this.throughAccessPoint(run, through)
    this.started.set(run.id, {
      body: req.body,
      activeReplacements: this.replacementsOf(testPlanId),
      variables: this.variables.valuesOf(testPlanId)
    })
    // As recorded: data.id is a string, data.attributes.id a number.
    return { status: 200, body: { data: { id: String(run.id), type: 'test_plan_result', attributes: { id: run.id } } } }
  }

  private throughAccessPoint(run: SimRun, through: { name: string | undefined; connected: boolean }): void {
    if (!through.name) return
    run.accessPoint = through.name
    if (!through.connected) for (const c of run.capabilityResults) for (const t of c.testCases) t.status = 'failed'
  }

  private listResults(req: RecordedRequest): Reply {
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)))
    const page = Math.max(1, Number(req.query.get('page') ?? 1))
    const planFilter = req.query.get('test_plan_id')
    const now = this.now()
    const runs = this.runs
      .filter((r) => !planFilter || r.testPlan?.id === Number(planFilter))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      .slice((page - 1) * perPage, page * perPage)
      .map((r) => {
        const { test_plan_capability_results: _, ...summary } = describeRun(r, now, this.webOrigin)
        return summary
      })
    return { status: 200, body: runs }
  }

  private createReplacement(req: RecordedRequest, testPlanId: number): Reply {
    if (!this.world.testPlans[testPlanId]) return error(404, 'Not Found')
    const body = req.body as { pattern_url?: unknown; replacement_url?: unknown } | undefined
    if (typeof body?.pattern_url !== 'string' || typeof body?.replacement_url !== 'string' || !body.pattern_url) {
      return error(400, 'pattern_url and replacement_url are required')
    }
    const list = this.replacements.get(testPlanId) ?? []
    if (list.some((r) => r.pattern_url === body.pattern_url)) return error(400, 'Pattern url has already been taken')
    const stamp = new Date(this.now()).toISOString()
    const replacement = {
      id: this.nextId++,
      test_plan_id: testPlanId,
      pattern_url: body.pattern_url,
      replacement_url: body.replacement_url,
      created_at: stamp,
      updated_at: stamp
    }
    list.push(replacement)
    this.replacements.set(testPlanId, list)
    this.replacementEvents.push({ action: 'created', testPlanId, replacement, at: this.now() })
    return { status: 200, body: replacement }
  }

  private deleteReplacement(testPlanId: number, id: number): Reply {
    const list = this.replacements.get(testPlanId) ?? []
    const index = list.findIndex((r) => r.id === id)
    if (index < 0) return error(404, 'Not Found')
    const [replacement] = list.splice(index, 1)
    this.replacementEvents.push({ action: 'deleted', testPlanId, replacement, at: this.now() })
    return { status: 200, body: 'ok' }
  }

  /** The project's capability that a request names (each given field must match; versions aside). */
  private matchCapability(request: Record<string, unknown>): ApiCapability | null {
    const fields = ['os', 'os_type', 'os_version', 'browser', 'browser_type', 'device', 'device_type']
    const wanted = fields.filter((f) => request[f] !== undefined && request[f] !== null && request[f] !== '')
    if (wanted.length === 0) return null
    const match = this.world.capabilities.find(
      (c) =>
        c.unsupported !== true &&
        wanted.every((f) => String((c as Record<string, unknown>)[f] ?? '').toLowerCase() === String(request[f]).toLowerCase())
    )
    return match ?? null
  }

  private createRun(
    scenarioIds: number[],
    capabilities: ApiCapability[],
    testPlan: SimRun['testPlan'],
    sequential: boolean,
    createdAt = this.now(),
    counts = true
  ): SimRun {
    const stamp = new Date(createdAt).toISOString()
    const run: SimRun = {
      id: this.nextId++,
      projectId: this.world.projectId,
      createdAt,
      queueMs: this.world.queueMs,
      waitingMs: this.world.waitingMs,
      testPlan,
      capabilityResults: capabilities.map((capability) => {
        const slots = new Array<number>(sequential ? 1 : Math.max(1, this.world.parallelism)).fill(0)
        return {
          id: this.nextId++,
          capability: {
            id: this.nextId++,
            os: capability.os ?? '',
            os_version: capability.os_version ?? '',
            browser: capability.browser ?? '',
            browser_version: capability.browser_version ?? '',
            device: capability.device ?? '',
            created_at: stamp,
            updated_at: stamp
          },
          testCases: scenarioIds.map((scenarioId) => {
            const spec = this.world.scenarios[scenarioId]
            const durationMs = this.jittered(spec.durationMs ?? this.world.defaultDurationMs)
            const slot = slots.indexOf(Math.min(...slots))
            const startOffsetMs = slots[slot]
            slots[slot] += durationMs
            return {
              id: this.nextId++,
              scenarioId,
              status: counts ? this.outcome(scenarioId, capability) : 'passed',
              startOffsetMs,
              durationMs,
              reviewNeeded: spec.reviewNeeded ?? 0,
              exports: { ...spec.exports }
            }
          })
        }
      })
    }
    this.runs.push(run)
    return run
  }

  /** A duration varied by up to ±`durationJitter`, from a seeded sequence so runs repeat. */
  private jittered(durationMs: number): number {
    if (!this.world.durationJitter) return durationMs
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31
    return Math.round(durationMs * (1 + this.world.durationJitter * (2 * (this.seed / 2 ** 31) - 1)))
  }

  private outcome(scenarioId: number, capability: ApiCapability): FinalStatus {
    const key = `${scenarioId}|${capability.os}|${capability.os_version}|${capability.browser}|${capability.device}`
    const count = this.executions.get(key) ?? 0
    this.executions.set(key, count + 1)
    const outcomes = this.world.scenarios[scenarioId].outcomes ?? ['passed']
    return outcomes[Math.min(count, outcomes.length - 1)]
  }
}
