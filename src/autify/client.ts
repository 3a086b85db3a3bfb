import { HttpFailure, JsonClient, type JsonRequest } from '../http/json-client.js'
import { type Clock, Deadline } from '../util/clock.js'
import { USER_AGENT } from '../version.js'
import { type Shape, ShapeError, parseShape } from '../util/shape.js'
import {
  type ApiAccessPoint,
  type ApiCapability,
  type ApiPlanVariable,
  type ApiResult,
  type ApiScenario,
  type ApiUrlReplacement,
  type ExecuteScenariosBody,
  type ExecuteScheduleBody,
  apiShapes
} from './api-types.js'
import { AutifyError, type RequestSubject, explainFailure } from './errors.js'

export const REQUEST_TIMEOUT_MS = 30_000

/** A result of thousands of test case results is a few MiB; other answers are capped lower (JsonClient). */
export const RESULT_MAX_BYTES = 32 * 1024 * 1024

export interface AutifyClientOptions {
  apiUrl: string
  accessToken: string
  /** The run's time, which retries wait on. */
  clock: Clock
  /** Real time, which each request's time limit is measured on (the runtime's `wall`). */
  wall: Clock
  signal?: AbortSignal
  /** Retries of reads never wait past it. */
  deadline?: Deadline
  onRetry?: (message: string) => void
  timeoutMs?: number
  /** Jitter of the retry back-off (tests fix it). */
  random?: () => number
}

/** The Autify for Web API calls the action makes, each with an error a user can act on. */
export class AutifyClient {
  private readonly json: JsonClient
  private readonly clock: Clock

  constructor(options: AutifyClientOptions) {
    this.clock = options.clock
    this.json = new JsonClient({
      baseUrl: options.apiUrl,
      userAgent: USER_AGENT,
      headers: { Authorization: `Bearer ${options.accessToken}` },
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      clock: this.clock,
      wall: options.wall,
      signal: options.signal,
      deadline: options.deadline,
      random: options.random,
      onRetry: (failure, delay) =>
        options.onRetry?.(
          `Autify ${failure.method} ${new URL(failure.url).pathname} failed (${failure.message}); retrying in ${(delay / 1000).toFixed(1)}s.`
        )
    })
  }

  listCapabilities(projectId: number): Promise<ApiCapability[]> {
    return this.send(
      { method: 'GET', path: `projects/${projectId}/capabilities`, retry: 'idempotent' },
      { action: 'list capabilities', resource: `project ${projectId}`, inputs: "'project-id' or 'autify-test-url'" },
      apiShapes.capabilities
    )
  }

  executeScenarios(projectId: number, body: ExecuteScenariosBody): Promise<number> {
    const ids = body.scenarios.map((s) => s.id).join(', ')
    return this.start(
      { method: 'POST', path: `projects/${projectId}/execute_scenarios`, body, retry: 'create' },
      {
        action: `start scenario${body.scenarios.length > 1 ? 's' : ''} ${ids}`,
        resource: `project ${projectId} with scenario${body.scenarios.length > 1 ? 's' : ''} ${ids}`,
        inputs: "'autify-test-url', or 'project-id' and 'scenario-ids'"
      },
      projectId,
      apiShapes.executeScenarios
    )
  }

  executeSchedule(projectId: number, testPlanId: number, body: ExecuteScheduleBody): Promise<number> {
    return this.start(
      { method: 'POST', path: `schedules/${testPlanId}`, body, retry: 'create' },
      {
        action: `start test plan ${testPlanId}`,
        resource: `test plan ${testPlanId}`,
        inputs: "'autify-test-url', or 'test-plan-id'"
      },
      projectId,
      apiShapes.executeSchedule
    )
  }

  /** `inputs`: what a user fixes when Autify has no such result. */
  describeResult(projectId: number, resultId: number, deadline?: Deadline, inputs = "'project-id'"): Promise<ApiResult> {
    return this.send(
      { method: 'GET', path: `projects/${projectId}/results/${resultId}`, retry: 'idempotent', maxBodyBytes: RESULT_MAX_BYTES },
      { action: `read result ${resultId}`, resource: `result ${resultId} of project ${projectId}`, inputs },
      apiShapes.result,
      deadline
    )
  }

  /**
   * Recent results, newest first; `testPlanId` filters to one test plan's runs. `quickMs`: one
   * attempt of at most that long, for a look that is worth nothing late.
   */
  listResults(projectId: number, options: { testPlanId?: number; perPage?: number; quickMs?: number } = {}): Promise<ApiResult[]> {
    const query = new URLSearchParams({ per_page: String(options.perPage ?? 20) })
    if (options.testPlanId) query.set('test_plan_id', String(options.testPlanId))
    return this.send(
      {
        method: 'GET',
        path: `projects/${projectId}/results?${query}`,
        retry: options.quickMs ? 'once' : 'idempotent',
        maxBodyBytes: RESULT_MAX_BYTES,
        timeoutMs: options.quickMs
      },
      { action: 'list recent results', resource: `project ${projectId}`, inputs: "'project-id'" },
      apiShapes.results
    )
  }

  describeScenario(projectId: number, scenarioId: number): Promise<ApiScenario> {
    return this.send(
      { method: 'GET', path: `projects/${projectId}/scenarios/${scenarioId}`, retry: 'idempotent' },
      {
        action: `read scenario ${scenarioId}`,
        resource: `scenario ${scenarioId} in project ${projectId}`,
        inputs: "'scenario-ids'"
      },
      apiShapes.scenario
    )
  }

  listScenarios(projectId: number, page: number): Promise<ApiScenario[]> {
    return this.send(
      { method: 'GET', path: `projects/${projectId}/scenarios?page=${page}`, retry: 'idempotent' },
      { action: 'list scenarios', resource: `project ${projectId}`, inputs: "'project-id'" },
      apiShapes.scenarios
    )
  }

  createUrlReplacement(testPlanId: number, patternUrl: string, replacementUrl: string): Promise<ApiUrlReplacement> {
    return this.send(
      {
        method: 'POST',
        path: `test_plans/${testPlanId}/url_replacements`,
        body: { pattern_url: patternUrl, replacement_url: replacementUrl },
        retry: 'create'
      },
      {
        action: `add a URL replacement to test plan ${testPlanId}`,
        resource: `test plan ${testPlanId}`,
        inputs: "'autify-test-url' or 'test-plan-id'"
      },
      apiShapes.urlReplacement
    )
  }

  listUrlReplacements(testPlanId: number): Promise<ApiUrlReplacement[]> {
    return this.send(
      { method: 'GET', path: `test_plans/${testPlanId}/url_replacements`, retry: 'idempotent' },
      {
        action: `list the URL replacements of test plan ${testPlanId}`,
        resource: `test plan ${testPlanId}`,
        inputs: "'autify-test-url' or 'test-plan-id'"
      },
      apiShapes.urlReplacements
    )
  }

  /**
   * Deletes a URL replacement; one that is already gone counts as deleted. Clean-up: it goes out
   * even after a cancel, then bounded by `timeoutMs` in all.
   */
  async deleteUrlReplacement(testPlanId: number, id: number, timeoutMs?: number): Promise<void> {
    try {
      await this.json.request(
        {
          method: 'DELETE',
          path: `test_plans/${testPlanId}/url_replacements/${id}`,
          retry: 'idempotent',
          timeoutMs,
          expectJson: false,
          ignoreCancel: true
        },
        timeoutMs ? Deadline.after(this.clock, timeoutMs) : undefined
      )
    } catch (error) {
      if (error instanceof HttpFailure && error.status === 404) return
      throw error instanceof HttpFailure
        ? explainFailure(error, {
            action: `delete URL replacement ${id} of test plan ${testPlanId}`,
            resource: `URL replacement ${id}`,
            inputs: "'url-replacements'"
          })
        : error
    }
  }

  /** The test plan's variables. Clean-up reads them too, then bounded by `timeoutMs` and not abandoned on a cancel. */
  listPlanVariables(testPlanId: number, timeoutMs?: number): Promise<ApiPlanVariable[]> {
    return this.send(
      { method: 'GET', path: `test_plans/${testPlanId}/test_plan_variables`, retry: 'idempotent', ...(timeoutMs && cleanUp(timeoutMs)) },
      { action: `list the variables of test plan ${testPlanId}`, resource: `test plan ${testPlanId}`, inputs: "'test-plan-id'" },
      apiShapes.planVariables,
      timeoutMs ? Deadline.after(this.clock, timeoutMs) : undefined
    )
  }

  /** Creates a test plan variable; 400 when the key is taken. */
  createPlanVariable(testPlanId: number, key: string, value: string): Promise<ApiPlanVariable> {
    return this.send(
      // Not abandoned on a cancel: a variable created unseen would be left on the plan.
      {
        method: 'POST',
        path: `test_plans/${testPlanId}/test_plan_variables`,
        body: { key, default_value: value },
        retry: 'create',
        ignoreCancel: true
      },
      {
        action: `create the variable ${key} on test plan ${testPlanId}`,
        resource: `test plan ${testPlanId}`,
        inputs: "'test-plan-variables'"
      },
      apiShapes.planVariable
    )
  }

  /** Sets a variable's default value; after a cancel too (clean-up), then bounded by `timeoutMs`. */
  updatePlanVariable(
    testPlanId: number,
    variable: { id: number; key: string },
    value: string,
    timeoutMs?: number
  ): Promise<ApiPlanVariable> {
    return this.send(
      {
        method: 'PUT',
        path: `test_plans/${testPlanId}/test_plan_variables/${variable.id}`,
        body: { default_value: value },
        retry: 'idempotent',
        ignoreCancel: true,
        ...cleanUp(timeoutMs)
      },
      {
        action: `set the variable ${variable.key} of test plan ${testPlanId}`,
        resource: `variable ${variable.key}`,
        inputs: "'test-plan-variables'"
      },
      apiShapes.planVariable,
      timeoutMs ? Deadline.after(this.clock, timeoutMs) : undefined
    )
  }

  /** Deletes a variable; one already gone counts as deleted. Clean-up, as `deleteUrlReplacement`. */
  async deletePlanVariable(testPlanId: number, variable: { id: number; key: string }, timeoutMs?: number): Promise<void> {
    try {
      await this.json.request(
        {
          method: 'DELETE',
          path: `test_plans/${testPlanId}/test_plan_variables/${variable.id}`,
          retry: 'idempotent',
          expectJson: false,
          ...cleanUp(timeoutMs)
        },
        timeoutMs ? Deadline.after(this.clock, timeoutMs) : undefined
      )
    } catch (error) {
      if (error instanceof HttpFailure && error.status === 404) return
      throw error instanceof HttpFailure
        ? explainFailure(error, {
            action: `delete the variable ${variable.key} of test plan ${testPlanId}`,
            resource: `variable ${variable.key}`,
            inputs: "'test-plan-variables'"
          })
        : error
    }
  }

  /** Creates an Autify Connect access point; its key is masked as it is read. 400 when the name is taken. */
  createAccessPoint(projectId: number, name: string): Promise<ApiAccessPoint> {
    return this.send(
      // Not abandoned on a cancel: an access point created unseen could not be deleted.
      { method: 'POST', path: `projects/${projectId}/autify_connect/access_points`, body: { name }, retry: 'create', ignoreCancel: true },
      {
        action: 'create an Autify Connect access point',
        resource: `project ${projectId}`,
        inputs: "'project-id' or 'autify-test-url'"
      },
      apiShapes.accessPoint
    )
  }

  /**
   * Deletes an access point by name; one that is already gone counts as deleted. Clean-up: it goes
   * out even after a cancel, bounded by `timeoutMs` in all.
   */
  async deleteAccessPoint(projectId: number, name: string, timeoutMs: number): Promise<void> {
    try {
      await this.json.request(
        {
          method: 'DELETE',
          path: `projects/${projectId}/autify_connect/access_points`,
          body: { name },
          retry: 'idempotent',
          timeoutMs,
          expectJson: false,
          ignoreCancel: true
        },
        Deadline.after(this.clock, timeoutMs)
      )
    } catch (error) {
      if (error instanceof HttpFailure && error.status === 404) return
      throw error instanceof HttpFailure
        ? explainFailure(error, {
            action: `delete Autify Connect access point ${name}`,
            resource: `access point ${name} in project ${projectId}`,
            inputs: "'project-id'"
          })
        : error
    }
  }

  dispose(): void {
    this.json.dispose()
  }

  private async send<T>(request: JsonRequest, subject: RequestSubject, shape: Shape<T>, deadline?: Deadline): Promise<T> {
    let body: unknown
    try {
      body = (await this.json.request<unknown>(request, deadline)).body
    } catch (error) {
      throw error instanceof HttpFailure ? explainFailure(error, subject) : error
    }
    return parseAnswer(shape, body, request, `cannot ${subject.action}. Check 'autify-api-url'.`)
  }

  /**
   * Starts a run. Not abandoned at once on a cancel: the caller bounds it (see withCancelGrace).
   * A failure after the request may have reached Autify says a run may exist.
   */
  private async start(request: JsonRequest, subject: RequestSubject, projectId: number, resultIdShape: Shape<number>): Promise<number> {
    let body: unknown
    try {
      body = (await this.json.request<unknown>({ ...request, ignoreCancel: true })).body
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error
      const explained = explainFailure(error, subject)
      const ambiguous =
        error.details.mayHaveReachedServer &&
        (['timeout', 'network', 'invalid-json', 'too-large'].includes(error.kind) ||
          (error.kind === 'status' && (error.status ?? 0) >= 500))
      if (!ambiguous) throw explained
      const results = `${new URL(this.json.baseUrl).origin}/projects/${projectId}/results`
      throw new AutifyError(
        `${explained.message} The request reached Autify, so a run may have started anyway: it was not retried, to avoid paying for a second run. Look at ${results} before running this again.`,
        explained.status
      )
    }
    return parseAnswer(
      resultIdShape,
      body,
      request,
      "Autify started the run but its answer holds no result ID; find the run in Autify's results list."
    )
  }
}

/** A clean-up request: sent even after a cancel, bounded by `timeoutMs` when given. */
function cleanUp(timeoutMs: number | undefined): Pick<JsonRequest, 'timeoutMs' | 'ignoreCancel'> {
  return { ignoreCancel: true, ...(timeoutMs && { timeoutMs }) }
}

/** An answer of the wrong shape is an AutifyError naming the endpoint and the field, never a TypeError. */
function parseAnswer<T>(shape: Shape<T>, body: unknown, request: JsonRequest, consequence: string): T {
  try {
    return parseShape(shape, body)
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error
    const endpoint = `${request.method} /${request.path.split('?')[0]}`
    throw new AutifyError(`Autify answered ${endpoint} with an unexpected body (${error.message}); ${consequence}`)
  }
}
